"""`mutuality-desktop parking` and `mutuality-desktop agenda`: the parking list and the day's plan
from the command line (core only, no Qt)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parking = sub.add_parser("parking", help="list the parking list, or park or resolve a point")
    parking.add_argument("file", type=Path)
    parking.add_argument("--add", metavar="TEXT", help="park a point")
    parking.add_argument("--factor", help="the factor it came up in (its id, as in `json`)")
    parking.add_argument("--round", dest="round_label", help="the round it came up in (its label)")
    parking.add_argument("--raised-by", choices=("client", "provider", "facilitator"),
                         help="who raised it")
    parking.add_argument("--resolve", metavar="ID", help="mark a point resolved (its id, or the "
                         "first characters of it)")
    parking.add_argument("--author", help="the name the history records (default: your user name)")
    agenda = sub.add_parser("agenda", help="show, or set, the agenda for a round's day")
    agenda.add_argument("file", type=Path)
    agenda.add_argument("--round", dest="round_label", help="the round (default: the latest)")
    agenda.add_argument("--start", metavar="HH:MM", help="when the day starts")
    agenda.add_argument("--finish", metavar="HH:MM", help="when it finishes")
    agenda.add_argument("--break", dest="breaks", action="append", metavar="NAME=HH:MM+MIN",
                        help="a break (repeat for each): Lunch=12:30+45")
    agenda.add_argument("--minutes", action="append", metavar="DIMENSION=MIN",
                        help="minutes for one dimension (repeat); the others share the rest")
    agenda.add_argument("--clear", action="store_true", help="remove the round's agenda")


def _readonly_refused(engagement: object, path: Path) -> bool:
    reason = getattr(engagement, "read_only_reason", "")
    if getattr(engagement, "readonly", False):
        print(f"{path.name} cannot be changed: {reason}.", file=sys.stderr)
        return True
    return False


def cmd_parking(args: argparse.Namespace) -> int:
    from .cli import _printable
    from .core import operations as ops
    from .core.engagement import Engagement
    from .core.errors import ValidationError
    from .core.parking import describe_item, parking_items

    changing = args.add is not None or args.resolve is not None
    with Engagement.open(args.file, readonly=not changing) as eng:
        if changing and _readonly_refused(eng, args.file):
            return 1
        if args.author:
            eng.author = args.author.strip()[:200] or eng.author
        if args.add is not None:
            rnd = eng.round_by_label(args.round_label).uuid if args.round_label else None
            eng.apply(ops.AddParking(args.add, args.factor or None, rnd, args.raised_by))
            print(_printable(f"Parked: {args.add.strip()}"))
        if args.resolve is not None:
            wanted = args.resolve.strip().lower()
            found = [p for p in parking_items(eng) if p.uuid.startswith(wanted)] if wanted else []
            if len(found) != 1:
                raise ValidationError(f"No parked point has the id '{wanted[:40]}'." if not found else
                                      f"More than one parked point starts with '{wanted}'; give more of the id.")
            eng.apply(ops.ResolveParking(found[0].uuid))
            print(_printable(f"Resolved: {found[0].text}"))
        items = parking_items(eng)
        fw = eng.framework
        rounds = {r.id: r.label for r in eng.rounds()}
        lines = [f"{p.uuid[:8]}  {p.raised_at:%Y-%m-%d %H:%M}  " + describe_item(
            p, fw.factor(p.factor_id).name if p.factor_id and fw.has_factor(p.factor_id) else None,
            rounds.get(p.round_id) if p.round_id is not None else None) for p in items]
    if changing:
        return 0
    for line in lines:
        print(_printable(line))
    if not lines:
        print("No points are parked in this file.")
    else:
        still = sum(1 for p in items if p.is_open)
        print(f"{len(items)} point{'s' if len(items) != 1 else ''} parked, {still} open")
    return 0


def _pairs(values: list[str] | None, what: str) -> list[tuple[str, str]]:
    from .core.errors import ValidationError

    out = []
    for value in values or []:
        name, sep, rest = value.partition("=")
        if not sep or not name.strip() or not rest.strip():
            raise ValidationError(f"'{value[:60]}' is not {what}.")
        out.append((name.strip(), rest.strip()))
    return out


def cmd_agenda(args: argparse.Namespace) -> int:
    from .cli import _printable
    from .core import operations as ops
    from .core.agenda import agenda_lines, out_of_round, read_agenda, read_typed_time
    from .core.engagement import Engagement
    from .core.errors import ValidationError

    changing = args.clear or args.start is not None or args.finish is not None or bool(args.breaks) \
        or bool(args.minutes)
    with Engagement.open(args.file, readonly=not changing) as eng:
        if changing and _readonly_refused(eng, args.file):
            return 1
        rnd = eng.round_by_label(args.round_label) if args.round_label else eng.rounds()[-1]
        if args.clear:
            eng.apply(ops.SetAgenda(rnd.uuid))
        elif changing:
            old = read_agenda(eng, rnd.id)
            if (args.start is None or args.finish is None) and old is None:
                raise ValidationError("A new agenda needs --start and --finish.")
            start = read_typed_time(args.start) if args.start else old.start  # type: ignore[union-attr]
            finish = read_typed_time(args.finish) if args.finish else old.finish  # type: ignore[union-attr]
            breaks: tuple[tuple[str, int, int], ...] = tuple(
                (b.label, b.start, b.minutes) for b in old.breaks) if old and not args.breaks else ()
            if args.breaks:
                parsed = []
                for name, when in _pairs(args.breaks, "a break (NAME=HH:MM+MIN)"):
                    at, plus, length = when.partition("+")
                    if not plus or not length.strip().isdigit():
                        raise ValidationError(f"'{when[:40]}' is not HH:MM+MIN (such as 12:30+45).")
                    parsed.append((name, read_typed_time(at), int(length)))
                breaks = tuple(parsed)
            dims: tuple[tuple[str, int], ...] = old.dimension_minutes if old and not args.minutes else ()
            if args.minutes:
                given = _pairs(args.minutes, "DIMENSION=MIN")
                if not all(m.isdigit() for _, m in given):
                    raise ValidationError("Minutes must be whole numbers (mutuality=300).")
                dims = tuple((d, int(m)) for d, m in given)
            eng.apply(ops.SetAgenda(rnd.uuid, start, finish, breaks, dims))
        agenda = read_agenda(eng, rnd.id)
        lines = agenda_lines(eng.framework, eng.scope(rnd.id), agenda, out_of_round(eng, rnd.id)) if agenda else []
    print(_printable(f"{rnd.label}:"))
    for line in lines or ["No agenda is set for this round (set one with --start and --finish)."]:
        print(_printable(line))
    return 0
