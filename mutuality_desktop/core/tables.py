"""Scores and actions as CSV for a spreadsheet: one row per factor and round, one per action.

Written as UTF-8 with a byte-order mark, so Excel shows Welsh, Polish or Greek names as typed,
and with every cell that a spreadsheet would run as a formula (=, +, -, @ first) made plain
text: a file received by email must not be able to run anything in the reader's spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from .agreement import NOT_AGREED, not_agreed
from .applicability import label
from .engagement import Engagement
from .errors import EngagementFileError
from .files import write_atomically
from .scope import default_scope
from .snapshot import EngagementSnapshot, take_snapshot

SCORE_COLUMNS = ("Round", "Round date", "Dimension", "Factor number", "Factor",
                 "Client level", "Client level name", "Provider level", "Provider level name",
                 "Agreed level", "Agreed level name", "Gap (client minus provider)", "Confidence",
                 "Agreed notes", "Client notes", "Provider notes")
ACTION_COLUMNS = ("Number", "Dimension", "Factor", "Action", "Owner", "Side", "Due", "Status", "Round")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell's text, with a leading apostrophe where a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def score_rows(snap: EngagementSnapshot) -> list[list[str]]:
    """Every factor of each round's dimensions (its scope, and any dimension scored beyond it), less
    the factors left out of the round, in workshop order: levels, names, gap, confidence, notes."""
    rows = []
    for view in snap.rounds:
        fw = view.guide or snap.framework  # the guide the round was scored on (format 6, issue 21)
        scale = fw.scale
        rnd, scores = view.round, view.scores
        shown = set(view.scope) | set(default_scope(fw, scores)) if scores else set(view.scope)
        for dim in (d for d in fw.workshop_order() if d.id in shown):
            for factor in dim.factors:
                if factor.id in view.excluded and not any(
                        (s := scores.get((factor.id, p))) is not None and (s.level is not None or s.notes.strip())
                        for p in ("client", "provider", "agreed")):
                    continue  # left out of the round (and not scored all the same)
                levels, names = [], []
                for side in ("client", "provider", "agreed"):
                    score = scores.get((factor.id, side))
                    level = score.level if score is not None else None
                    levels.append(level)
                    names.append(scale.name_of(level) if level is not None else "Not assessed")
                agreed = scores.get((factor.id, "agreed"))
                if (reason := view.not_applicable.get(factor.id)) is not None:
                    # levels given before the mark stay in the file (un-marking restores them) but
                    # do not count, so none is printed as a score (play-through 7)
                    levels = [None, None, None]
                    names = ["Not applicable", "Not applicable", label(reason)]
                elif not_agreed(levels[0], levels[1], levels[2], agreed.notes if agreed is not None else ""):
                    names[2] = NOT_AGREED  # the room reached it and the sides still differ
                gap = "" if levels[0] is None or levels[1] is None else levels[0] - levels[1]
                notes = [(s.notes if (s := scores.get((factor.id, side))) is not None else "")
                         for side in ("agreed", "client", "provider")]
                rows.append([rnd.label, rnd.date.isoformat() if rnd.date else "", dim.name,
                             factor.number, factor.name,
                             _level(levels[0]), names[0], _level(levels[1]), names[1],
                             _level(levels[2]), names[2], gap,
                             (agreed.confidence or "") if agreed is not None else "", *notes])
    return [[safe_cell(v) for v in row] for row in rows]


def action_rows(snap: EngagementSnapshot) -> list[list[str]]:
    """The action plan in report order (Mutuality first), numbered as the report numbers it."""
    fw = snap.framework
    order = {f.id: i for i, f in enumerate(f for d in fw.workshop_order() for f in d.factors)}
    names = {d.id: d.name for d in fw.dimensions}
    actions = sorted(snap.actions, key=lambda a: (order.get(a.factor_id, len(order)), a.position, a.id))
    rows = []
    for n, a in enumerate(actions, start=1):
        factor = fw.factor(a.factor_id) if fw.has_factor(a.factor_id) else None
        rows.append([n, names[factor.dimension_id] if factor else "", factor.name if factor else a.factor_id,
                     a.text, a.owner, a.side.capitalize(),
                     a.due_date.isoformat() if a.due_date else "", a.status.capitalize(),
                     snap.round_label(a.round_id)])
    return [[safe_cell(v) for v in row] for row in rows]


def _level(level: int | None) -> str:
    return "" if level is None else str(level)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_csv(engagement: Engagement | EngagementSnapshot, out: Path, what: str = "scores") -> int:
    """Write the scores (or the actions) as CSV to out, atomically; return the number of rows."""
    snap = engagement if isinstance(engagement, EngagementSnapshot) else take_snapshot(engagement)
    header: Sequence[str]
    if what == "scores":
        header, rows = SCORE_COLUMNS, score_rows(snap)
    elif what == "actions":
        header, rows = ACTION_COLUMNS, action_rows(snap)
    else:
        raise ValueError(f"Unknown table {what!r}; choose scores or actions.")
    data = csv_text(header, rows).encode("utf-8-sig")
    out = Path(out)
    try:
        write_atomically(out, lambda temp: temp.write_bytes(data))
    except OSError as exc:
        raise EngagementFileError(f"{out.name} could not be written: {exc.strerror or exc}.") from exc
    return len(rows)
