"""Table rows of the report as plain values: pure functions, tested without drawing anything."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..applicability import marks
from ..context import context_lines
from ..framework import MUTUALITY, Dimension, Framework
from ..model import SIDES, Action, EngagementInfo, Participant
from ..scoring import (
    Index,
    dimension_changes,
    dimension_scores,
    factor_changes,
    in_workshop_order,
    levels_of,
    minimum_agreed,
    mutuality_index,
    perception_gaps,
)
from .basis import (
    ASSESSED,
    NOT_REACHED,
    OUTSIDE,
    assessed_dimensions,
    common_factors,
    compared_of,
    comparison_basis,
    coverage,
    dimension_status,
    restricted,
    round_dimension_score,
    round_when,
)
from .data import ReportData, RoundData, Scores
from .text import change, long_date, one_decimal, plural, short_date, side_name, signed, whole

STATUS_MARKS = {"open": "○ Open", "in progress": "◐ In progress", "done": "● Done", "dropped": "– Dropped"}
SIDE_ORDER = SIDES  # the order sides are listed in, as in the participants table


@dataclass(frozen=True)
class FactorRow:
    number: int
    factor_id: str
    name: str
    client: int | None
    provider: int | None
    agreed: int | None
    not_applicable: bool = False  # marked not applicable in the round: printed so, with no level

    @property
    def gap(self) -> int | None:
        if self.client is None or self.provider is None:
            return None
        return self.client - self.provider


def factor_rows(dimension: Dimension, scores: Scores, left_out: frozenset[str] = frozenset()) -> list[FactorRow]:
    """One row per factor of a dimension in the round (those left out of it and not scored are
    not part of it): the three perspectives' levels."""
    def level(factor_id: str, perspective: str) -> int | None:
        s = scores.get((factor_id, perspective))
        return None if s is None else s.level

    na = marks(scores)
    return [FactorRow(f.number, f.id, f.name, level(f.id, "client"), level(f.id, "provider"),
                      level(f.id, "agreed"), f.id in na) for f in dimension.factors
            if f.id not in left_out or any(level(f.id, p) is not None for p in ("client", "provider", "agreed"))
            or any((s := scores.get((f.id, p))) is not None and s.notes.strip()
                   for p in ("client", "provider", "agreed"))]


NOT_APPLICABLE_TEXT = "Not applicable"


def gap_phrase(gap: int | None) -> str:
    """Say who rates a factor higher, in words that survive greyscale."""
    if gap is None:
        return "–"
    if gap == 0:
        return "Same view"
    side = "Client" if gap > 0 else "Provider"
    return f"{side} +{abs(gap)}"


@dataclass(frozen=True)
class ActionLine:
    number: int
    factor: str
    text: str
    owner: str
    side: str
    due: str
    status: str
    overdue: bool
    status_key: str = ""  # open, in progress, done, dropped

    @property
    def short_text(self) -> str:
        """The action's first words, for a sentence that points at it."""
        words = " ".join(self.text.split())
        return words if len(words) <= 80 else words[:80].rsplit(" ", 1)[0] + "…"


def action_rows(actions: Sequence[Action], framework: Framework, info: EngagementInfo,
                today: dt.date, short_sides: bool = False) -> list[ActionLine]:
    """The action plan in the facilitator's order; open actions past their date are overdue."""
    rows = []
    for n, a in enumerate(actions, start=1):
        factor = framework.factor(a.factor_id).name if framework.has_factor(a.factor_id) else a.factor_id
        overdue = a.due_date is not None and a.due_date < today and a.status in ("open", "in progress")
        side = a.side.capitalize() if short_sides else side_name(
            a.side, info.client_organisation, info.provider_organisation)
        rows.append(ActionLine(n, factor, a.text, a.owner, side, short_date(a.due_date),
                               STATUS_MARKS.get(a.status, a.status), overdue, a.status))
    return rows


def action_groups(actions: Sequence[Action], framework: Framework, info: EngagementInfo,
                  today: dt.date) -> list[tuple[str, str, list[ActionLine]]]:
    """Actions grouped under their factor in report order (Mutuality first), numbered as printed."""
    order = {f.id: i for i, f in enumerate(f for d in framework.workshop_order() for f in d.factors)}
    names = {d.id: d.name for d in framework.dimensions}
    ordered = sorted(actions, key=lambda a: (order.get(a.factor_id, len(order)), a.position, a.id))
    lines = action_rows(ordered, framework, info, today, short_sides=True)
    groups: list[tuple[str, str, list[ActionLine]]] = []
    for action, line in zip(ordered, lines, strict=True):
        if not groups or groups[-1][0] != line.factor:
            dim = names[framework.factor(action.factor_id).dimension_id] if framework.has_factor(action.factor_id) else ""
            groups.append((line.factor, dim, []))
        groups[-1][2].append(line)
    return groups


def action_lines(data: ReportData) -> list[ActionLine]:
    """Every action as the action plan prints and numbers it."""
    groups = action_groups(data.actions, data.framework, data.info, data.generated)
    return [line for _, _, group in groups for line in group]


def action_counts(actions: Sequence[Action]) -> dict[str, int]:
    counts = {status: 0 for status in STATUS_MARKS}
    for a in actions:
        counts[a.status] = counts.get(a.status, 0) + 1
    return counts


def participant_rows(participants: Sequence[Participant], info: EngagementInfo) -> list[tuple[str, str, str]]:
    """Name, role, organisation; the client's people first, then the provider's, then the rest."""
    def key(p: Participant) -> tuple[int, int, int]:
        order = SIDE_ORDER.index(p.side) if p.side in SIDE_ORDER else len(SIDE_ORDER)
        return order, p.position, p.id

    return [(p.name, p.role, side_name(p.side, info.client_organisation, info.provider_organisation))
            for p in sorted(participants, key=key)]


@dataclass(frozen=True)
class DimensionLine:
    name: str
    mean: float | None
    assessed: int
    total: int
    in_round: bool = True  # False: nothing of the dimension was scored in this round
    status: str = ASSESSED  # ASSESSED, NOT_REACHED (in the round's scope, nothing scored) or OUTSIDE

    @property
    def status_text(self) -> str:
        """What a table prints instead of a mean for a dimension without one in this round."""
        return STATUS_TEXT.get(self.status, "")

    @property
    def provisional(self) -> bool:
        """Below the framework's minimum coverage (three in five agreed): not a finding."""
        return self.mean is not None and self.assessed < minimum_agreed(self.total)

    @property
    def agreed_text(self) -> str:
        """'2 of 13 agreed, provisional', '4 of 5 agreed'; '' when every factor is agreed."""
        if self.assessed == self.total:
            return ""
        return f"{self.assessed} of {self.total} agreed" + (", provisional" if self.provisional else "")


NOT_REACHED_TEXT = "In this round, not reached: nothing agreed yet"
OUTSIDE_TEXT = "Not part of this round"
STATUS_TEXT = {NOT_REACHED: NOT_REACHED_TEXT, OUTSIDE: OUTSIDE_TEXT}
NOT_IN_ROUND = OUTSIDE_TEXT  # the old name


def dimension_rows(framework: Framework, scores: Scores, rnd: RoundData | None = None) -> list[DimensionLine]:
    """Agreed mean per dimension in workshop order (Mutuality first). With the round, each
    dimension's coverage counts its factors in the round (core/report/basis.round_dimension_score)
    and a dimension without a score says whether it was in the round's scope."""
    seen = {d.id for d in assessed_dimensions(framework, scores)}
    if rnd is None:
        by_id = {d.dimension_id: d for d in dimension_scores(framework, levels_of(scores))}
        return [DimensionLine(d.name, by_id[d.id].mean, by_id[d.id].assessed, by_id[d.id].total,
                              d.id in seen, ASSESSED if d.id in seen else OUTSIDE)
                for d in framework.workshop_order()]
    out = []
    for d in framework.workshop_order():
        score = round_dimension_score(framework, rnd, d.id)
        status = ASSESSED if d.id in seen else dimension_status(framework, rnd, d.id)
        out.append(DimensionLine(d.name, score.mean, score.assessed, score.total, d.id in seen, status))
    return out


def safe_index(framework: Framework, scores: Scores, rnd: RoundData | None = None) -> Index:
    """The mutuality index, or an empty one when a framework has no Mutuality dimension; with the
    round, its "n of m" counts the mutuality factors in the round (none left out or not applicable)."""
    if not any(d.id == MUTUALITY for d in framework.dimensions):
        return Index(None, 0, 0)
    index = mutuality_index(framework, levels_of(scores))
    if rnd is None:
        return index
    score = round_dimension_score(framework, rnd, MUTUALITY)
    return Index(index.value, score.assessed, score.total)


def index_provisional(index: Index) -> bool:
    """The framework's aggregation rule for the index: below three in five of the round's
    applicable mutuality factors agreed it is provisional, quoted with its coverage, not a finding."""
    return index.value is not None and index.assessed < minimum_agreed(index.total)


def index_label(index: Index) -> str:
    """The headline box's label: "Mutuality index", or what makes it provisional."""
    if not index_provisional(index):
        return "Mutuality index"
    return (f"Mutuality index, provisional: {index.assessed} of {index.total} factors agreed; "
            f"a finding needs {minimum_agreed(index.total)}")


def overall_mean(framework: Framework, scores: Scores) -> float | None:
    """Mean of the dimension means: each dimension counts equally, however many factors it has."""
    means = [d.mean for d in dimension_scores(framework, levels_of(scores)) if d.mean is not None]
    return sum(means) / len(means) if means else None


@dataclass(frozen=True)
class ComparisonLine:
    """One row of the like-for-like comparison: the means (or index) of both rounds worked out on
    the factors agreed in both, how many that is, and the change as printed."""

    name: str
    compared: str  # "6 of 15" or "none"
    before: float | None
    after: float | None
    change: float | None
    decimals: int = 1  # a dimension mean to 0.1, the index to a whole number


def comparison_lines(data: ReportData) -> list[ComparisonLine]:
    """The comparison every output prints (the PDF, HTML and Word table, the workbook's like-for-like
    columns): dimension means, then the mutuality index, each on the factors with an agreed level
    in both rounds and marked not applicable in neither."""
    fw = data.framework
    if data.previous is None:
        return []
    before, after = data.previous, data.current
    common = common_factors(before.scores, after.scores)
    b = {d.dimension_id: d.mean for d in dimension_scores(fw, restricted(before.scores, common))}
    a = {d.dimension_id: d.mean for d in dimension_scores(fw, restricted(after.scores, common))}
    lines = []
    for dim in fw.workshop_order():
        basis = comparison_basis(fw, before.scores, after.scores, dim.id)
        compared = compared_of(basis, len(dim.factors))
        lines.append(ComparisonLine(dim.name, compared, b[dim.id], a[dim.id], change(b[dim.id], a[dim.id])))
    if any(d.id == MUTUALITY for d in fw.dimensions):
        basis = comparison_basis(fw, before.scores, after.scores, MUTUALITY)
        old = mutuality_index(fw, restricted(before.scores, common)).value
        new = mutuality_index(fw, restricted(after.scores, common)).value
        total = len(fw.dimension(MUTUALITY).factors)
        lines.append(ComparisonLine("Mutuality index (0–100)", compared_of(basis, total), old, new,
                                    change(old, new, 0), 0))
    return lines


def comparison_rows(data: ReportData) -> tuple[list[str], list[list[str]]]:
    """Dimension means of the previous and this round, like for like: each worked out on the
    factors with an agreed level in both rounds, with how many that is and the change."""
    if data.previous is None:
        return [], []
    header = ["Dimension", "Factors compared", data.previous.label, data.current.label, "Change"]
    rows = [[line.name, line.compared, *((one_decimal(line.before), one_decimal(line.after),
                                          signed(line.change, 1)) if line.decimals else
                                         (whole(line.before), whole(line.after), signed(line.change)))]
            for line in comparison_lines(data)]
    return header, rows


@dataclass(frozen=True)
class MoveLine:
    name: str
    dimension: str
    before: int | None
    after: int | None
    delta: int


def moved_factors(data: ReportData) -> list[MoveLine]:
    """Factors whose agreed level changed since the previous round: falls first (they need the
    attention), then rises, each biggest first, then in report order."""
    if data.previous is None:
        return []
    before = levels_of(data.previous.scores)
    after = levels_of(data.scores)
    names = {d.id: d.name for d in data.framework.dimensions}
    order = {f.id: i for i, f in enumerate(in_workshop_order(data.framework))}
    changes = [c for c in factor_changes(data.framework, before, after) if c.delta]
    changes.sort(key=lambda c: ((c.delta or 0) > 0, -abs(c.delta or 0), order[c.factor.id]))
    return [MoveLine(c.factor.name, names[c.factor.dimension_id], c.before, c.after, c.delta or 0)
            for c in changes]


def dimension_moves(data: ReportData) -> list[tuple[str, float]]:
    """(dimension, change in agreed mean as printed) where both rounds were assessed, largest first."""
    if data.previous is None:
        return []
    common = common_factors(data.previous.scores, data.scores)
    changes = dimension_changes(data.framework, restricted(data.previous.scores, common),
                                restricted(data.scores, common))
    moves = [(c.name, moved) for c in changes if (moved := change(c.before, c.after)) is not None]
    return sorted(moves, key=lambda m: -abs(m[1]))


def cover_details(data: ReportData) -> list[tuple[str, str]]:
    """The label/value lines under the cover title, leaving out what the file does not hold."""
    info = data.info
    rnd = data.current.round
    day, venue = round_when(data, data.current)
    when = long_date(day)
    value = f"£{info.contract_annual_value:,} a year" if info.contract_annual_value else ""
    period = " to ".join(x for x in (short_date(info.contract_start), short_date(info.contract_end)) if x)
    lines = [
        ("Client", info.client_organisation),
        ("Provider", info.provider_organisation),
        ("Contract", " · ".join(x for x in (info.contract_name, info.contract_reference) if x)),
        ("Contract value", value),
        ("Contract term", period),
        *context_lines(info),  # procurement regime, authority type, contract model (if recorded)
        ("Assessment", f"{rnd.label}" + (f", round {len(data.rounds)}" if len(data.rounds) > 1 else "")),
        ("Workshop", " · ".join(x for x in (when, venue) if x)),
        ("Facilitator", info.facilitator),
        ("Participants", _taking_part(data)),
        ("Report date", _report_date(data, day)),
    ]
    return [(label, value) for label, value in lines if value]


def _report_date(data: ReportData, workshop: dt.date | None) -> str:
    """The day the report was made; one made before its round's workshop says so."""
    made = long_date(data.generated)
    if workshop is not None and data.generated < workshop:
        return f"Report prepared {made}, before the workshop on {long_date(workshop)}"
    return made


def _taking_part(data: ReportData) -> str:
    """"8 participants, with 1 facilitator and 1 observer": the two sides' people counted apart."""
    sides = [p.side for p in data.participants]
    members = sum(1 for s in sides if s in ("client", "provider"))
    others = [plural(sides.count(s), s) for s in ("facilitator", "observer") if sides.count(s)]
    text = plural(members, "participant") if members else ""
    if others:
        text += (", with " if text else "") + " and ".join(others)
    return text


@dataclass(frozen=True)
class KeyFigure:
    value: str
    unit: str
    label: str


def key_figures(data: ReportData) -> list[KeyFigure]:
    """The four headline numbers of the executive summary."""
    fw = data.framework
    cover = coverage(fw, data.scores, data.current.scope, data.current.excluded)
    gaps = perception_gaps(fw, data.scores)
    widest = gaps[0] if gaps else None
    if widest is None:
        gap = KeyFigure("–", "", "Widest perception gap")
    else:
        tied = sum(1 for g in gaps if g.size == widest.size)
        where = f": {widest.factor.name}" if tied == 1 else f", on {tied} factors"
        label = ("Widest perception gap" + where if widest.size else
                 "Widest perception gap: both sides agree on every factor")
        gap = KeyFigure(str(widest.size), "level" if widest.size == 1 else "levels", label)
    index = safe_index(fw, data.scores, data.current)
    return [
        KeyFigure(whole(index.value), "/ 100", index_label(index)),
        _overall_figure(data),
        KeyFigure(str(cover.agreed), f"of {cover.total}",
                  "Coverage: factors of this round's dimensions with an agreed level"),
        gap,
    ]


def _overall_figure(data: ReportData) -> KeyFigure:
    """An overall mean only across two or more assessed dimensions, saying how many; with one
    dimension, how many dimensions were assessed instead (one mean is not value for money)."""
    fw = data.framework
    means = [d for d in dimension_rows(fw, data.scores, data.current) if d.mean is not None]
    total = len(fw.dimensions)
    if len(means) >= 2:
        label = ("Overall value for money (mean of the dimension means)" if len(means) == total else
                 f"Mean of the {len(means)} dimensions assessed (of {total}), not an overall figure")
        return KeyFigure(one_decimal(overall_mean(fw, data.scores)), f"of {fw.scale.maximum}", label)
    named = ": " + means[0].name if means else ""
    return KeyFigure(str(len(means)), f"of {total}", f"Dimensions with an agreed level{named}")
