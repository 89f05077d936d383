"""`mutuality-desktop framework`: which scoring guide each round was scored on, and moving the
engagement to another version of its guide between rounds (issue 21, format 6)."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("framework", help="show the scoring guide each round was scored on, or move "
                                              "the engagement to a newer guide")
    parser.add_argument("file", type=Path)
    parser.add_argument("--move", type=Path, metavar="GUIDE.json",
                        help="the guide to move to: shows what changes (factors added, removed, worded "
                             "differently); with --yes it moves")
    parser.add_argument("--to-app", action="store_true",
                        help="move to the guide this app ships with (instead of --move)")
    parser.add_argument("--yes", action="store_true", help="make the move (without it, only show it)")
    parser.add_argument("--author", help="the name the history records (default: your user name)")


def _printable(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf") or ch == "\t")


def cmd(args: argparse.Namespace) -> int:
    from .core import operations as ops
    from .core.engagement import Engagement
    from .core.framework import default_framework, load_framework
    from .core.framework_move import check_move, move_summary, round_guides

    if args.move is not None and args.to_app:
        print("Give either --move GUIDE.json or --to-app, not both.", file=sys.stderr)
        return 2
    moving = args.move is not None or args.to_app
    target = None
    if moving:
        target = default_framework() if args.to_app else load_framework(args.move)
    with Engagement.open(args.file, readonly=not (moving and args.yes)) as eng:
        if target is not None:
            plan = check_move(eng, target.source_text)
            on = round_guides(eng)
            for line in move_summary(plan.old, plan.new, [(r.label, on[r.id]) for r in eng.rounds()]):
                print(_printable(line))
            if not args.yes:
                print("Nothing was changed; add --yes to move.")
                return 0
            if eng.readonly:
                print(f"{args.file.name} cannot be changed: {eng.read_only_reason}.", file=sys.stderr)
                return 1
            if args.author:
                eng.author = args.author
            eng.apply(ops.MoveToFramework(target.source_text))
            print(_printable(f"Moved {args.file.name} to guide {target.version}."))
        guides = round_guides(eng)
        print(_printable(f"In use: {eng.framework.title} version {eng.framework.version}."))
        for rnd in eng.rounds():
            print(_printable(f"{rnd.label}: scored on guide {guides[rnd.id].version}"))
        shipped = default_framework()
        if not moving and shipped.id == eng.framework.id and shipped.source_text != eng.framework.source_text:
            print(_printable(f"This app's guide is version {shipped.version}; `--to-app` shows what moving "
                             "to it would change."))
    return 0
