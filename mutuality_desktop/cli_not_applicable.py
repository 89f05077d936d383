"""`mutuality-desktop not-applicable`: list, mark or clear the factors a round marks not applicable."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("not-applicable",
                            help="list, mark or clear the factors not applicable in a round, with the reason")
    parser.add_argument("file", type=Path)
    parser.add_argument("--round", dest="round_label", help="the round (default: the latest)")
    parser.add_argument("--factor", help="the factor's id (as in `json`)")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--reason", help="mark the factor not applicable, for this reason")
    what.add_argument("--clear", action="store_true", help="take the mark off the factor")


def _printable(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf") or ch == "\t")


def cmd(args: argparse.Namespace) -> int:
    from .core.applicability import label
    from .core.engagement import Engagement

    change = args.reason is not None or args.clear
    if change and not args.factor:
        print("Name the factor with --factor (its id, as in `json`).", file=sys.stderr)
        return 2
    with Engagement.open(args.file, readonly=not change) as engagement:
        rnd = engagement.round_by_label(args.round_label) if args.round_label else engagement.rounds()[-1]
        if change:
            if engagement.readonly:
                print(f"{args.file.name} cannot be changed: {engagement.read_only_reason}.", file=sys.stderr)
                return 1
            engagement.set_not_applicable(rnd.id, args.factor, None if args.clear else args.reason)
        marks = engagement.not_applicable(rnd.id)
        names = {f.id: f.name for f in engagement.framework.factors}
    if not marks:
        print(_printable(f"{rnd.label}: no factor is marked not applicable."))
    for factor_id, reason in marks.items():
        print(_printable(f"{rnd.label}: {names.get(factor_id, factor_id)} ({factor_id}): {label(reason)}"))
    return 0
