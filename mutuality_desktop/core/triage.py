"""Triage for planning the day: which factors of a round need the room's time.

A factor is listed under "Discuss these" when what is already known about it shows a reason to argue:
- the pre-work returns for the round show the two sides SIDES_APART levels or more apart, or the room
  split (core/spread.py), or several people answering "don't know";
- the side scores (the round's own, else the latest earlier round that scored the factor) are
  SIDES_APART levels or more apart, or were held with low confidence, or carry no evidence or notes;
- the agreed level is SIDES_APART levels or more from either side's own view (the sides agreeing on
  3 and the room agreeing 1 is a disagreement to talk through, not one to confirm);
- the room recorded that it could not agree the factor (core/agreement.py, "Not agreed"): however
  close the two sides' levels, nothing was agreed, so there is nothing to confirm (play-through 7).
Factors with views and none of these reasons are "Confirm quickly" (the views at most a level apart);
factors with no pre-work and no level scored (notes alone are not a view) are "No views yet"
(nothing shows they can be confirmed quickly).
Only the factors in the round's scope are listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .agreement import Agreement, agreement
from .framework import Factor
from .model import Score
from .scope import scope_factors
from .spread import POLARISED_RANGE, SIDES_APART, FactorSpread, factor_spreads

if TYPE_CHECKING:
    from .engagement import Engagement

DONT_KNOW_FLAG = 2  # this many "don't know" answers in the pre-work is a reason to discuss


@dataclass(frozen=True)
class TriageItem:
    """One factor, why it is listed where it is, and what that rests on."""

    factor: Factor
    dimension_name: str
    reasons: tuple[str, ...]
    basis: tuple[str, ...]
    gap: float = 0.0

    @property
    def factor_id(self) -> str:
        return self.factor.id

    def line(self) -> str:
        """'Mutuality 3. Behaviours and trust indicators: reason; reason' for lists and the CLI."""
        head = f"{self.dimension_name} {self.factor.number}. {self.factor.name}"
        said = "; ".join(self.reasons) if self.reasons else "; ".join(self.basis)
        return f"{head}: {said}" if said else head


@dataclass(frozen=True)
class Triage:
    round_label: str
    discuss: tuple[TriageItem, ...]
    confirm: tuple[TriageItem, ...]
    no_views: tuple[TriageItem, ...]
    sources: tuple[str, ...]

    def lines(self) -> list[str]:
        """The three lists in plain text, as `mutuality-desktop triage` prints them."""
        count = len(self.discuss) + len(self.confirm) + len(self.no_views)
        out = [f"Which factors first in {self.round_label}: {count} factors in scope."]
        out.append("Based on: " + ("; ".join(self.sources) if self.sources else
                                   "nothing yet (no pre-work returns and no earlier scores)") + ".")
        for title, items in (("Discuss these", self.discuss), ("Confirm quickly", self.confirm),
                             ("No views yet", self.no_views)):
            out.append("")
            out.append(f"{title} ({len(items)}):")
            out.extend(f"  {item.line()}" for item in items)
            if not items:
                out.append("  none")
        return out


def _prework_reasons(spread: FactorSpread) -> list[str]:
    reasons = []
    if spread.sides_apart >= SIDES_APART:
        a, b = spread.client.median, spread.provider.median
        reasons.append(f"pre-work: client views centre on {a:g}, provider views on {b:g} "
                       f"({spread.sides_apart:g} levels apart)")
    split = spread.split
    if split is not None and split[1] - split[0] >= POLARISED_RANGE:
        reasons.append(f"pre-work: the room is split, {spread.reason()}")
    unknown = spread.client.dont_know + spread.provider.dont_know
    if unknown >= DONT_KNOW_FLAG:
        reasons.append(f"pre-work: {unknown} people answered \u201cdon't know\u201d")
    return reasons


def _score_reasons(label: str, scores: dict[str, Score]) -> list[str]:
    reasons = []
    client, provider = scores.get("client"), scores.get("provider")
    lc = client.level if client else None
    lp = provider.level if provider else None
    if lc is not None and lp is not None and abs(lc - lp) >= SIDES_APART:
        reasons.append(f"{label}: client scored {lc}, provider {lp} ({abs(lc - lp)} levels apart)")
    la = scores["agreed"].level if "agreed" in scores else None
    if la is not None:
        reasons += _agreed_far(label, la, lc, lp)
    notes = scores["agreed"].notes if "agreed" in scores else ""
    if lc is not None and lp is not None and agreement(lc, lp, la, notes) is Agreement.NOT_AGREED:
        reasons.insert(0, f"{label}: not agreed by the room (client {lc}, provider {lp})")
    low = [p for p, s in scores.items() if s.confidence == "low"]
    if low:
        which = "agreed score" if low == ["agreed"] else ", ".join(sorted(low)) + " score"
        reasons.append(f"{label}: {which} held with low confidence")
    if not any(s.notes.strip() for s in scores.values()):
        reasons.append(f"{label}: no evidence or notes recorded")
    return reasons


def _agreed_far(label: str, agreed: int, client: int | None, provider: int | None) -> list[str]:
    """Why an agreed level SIDES_APART or more from a side's own view needs discussing."""
    far = [(side, level) for side, level in (("client", client), ("provider", provider))
           if level is not None and abs(agreed - level) >= SIDES_APART]
    if not far:
        return []
    if client is not None and client == provider:
        direction = "below" if agreed < client else "above"
        return [f"{label}: agreed {agreed}, {abs(agreed - client)} levels {direction} both sides' "
                f"own view ({client})"]
    return [f"{label}: agreed {agreed}, " + " and ".join(
        f"{abs(agreed - level)} levels {'below' if agreed < level else 'above'} the {side}'s {level}"
        for side, level in far)]


def triage(eng: Engagement, round_id: int) -> Triage:
    """The round's in-scope factors in three lists: discuss, confirm quickly, no views yet."""
    rounds = eng.rounds()
    rnd = next(r for r in rounds if r.id == round_id)
    earlier = [r for r in rounds if r.position < rnd.position]
    marked = eng.not_applicable(round_id)  # the room decided they do not apply: nothing to plan
    factors = tuple(f for f in scope_factors(eng, round_id) if f.id not in marked)
    ids = [f.id for f in factors]
    prework = eng.participant_scores(round_id)
    spreads = factor_spreads(eng.participants(), prework, ids)
    by_round: dict[int, dict[str, dict[str, Score]]] = {}
    for r in [rnd, *reversed(earlier)]:
        grouped: dict[str, dict[str, Score]] = {}
        for (fid, perspective), s in eng.scores(r.id).items():
            if s.level is not None or s.notes.strip():
                grouped.setdefault(fid, {})[perspective] = s
        by_round[r.id] = grouped
    names = {d.id: d.name for d in eng.framework.dimensions}
    discuss: list[TriageItem] = []
    confirm: list[TriageItem] = []
    no_views: list[TriageItem] = []
    used_prework = False
    used_rounds: list[str] = []
    for factor in factors:
        reasons: list[str] = []
        basis: list[str] = []
        gap = 0.0
        spread = spreads[factor.id]
        views = len(spread.levels) + spread.client.dont_know + spread.provider.dont_know
        if views:
            used_prework = True
            reasons += _prework_reasons(spread)
            gap = max(gap, spread.sides_apart, float(spread.span) if reasons else 0.0)
            basis.append(f"pre-work: client {spread.client.text()}, provider {spread.provider.text()}")
        # a round whose only word on the factor is a note gives no view to confirm (play-through s6 5)
        source = next((r for r in [rnd, *reversed(earlier)]
                       if any(s.level is not None for p, s in by_round[r.id].get(factor.id, {}).items()
                              if p in ("client", "provider", "agreed"))),
                      None)
        if source is not None:
            scores = by_round[source.id][factor.id]
            if source.label not in used_rounds:
                used_rounds.append(source.label)
            reasons += _score_reasons(source.label, scores)
            lc, lp = (scores[p].level if p in scores else None for p in ("client", "provider"))
            la = scores["agreed"].level if "agreed" in scores else None
            gap = max([gap] + [float(abs(a - b)) for a, b in ((lc, lp), (la, lc), (la, lp))
                               if a is not None and b is not None])
            shown = ", ".join(f"{p} {scores[p].level}" for p in ("client", "provider", "agreed")
                              if p in scores and scores[p].level is not None)
            if lc is not None and lp is not None and la is None and "agreed" in scores and agreement(
                    lc, lp, la, scores["agreed"].notes) is Agreement.NOT_AGREED:
                shown += ", not agreed"
            basis.append(f"{source.label}: {shown}" if shown else f"{source.label}: notes only")
        item = TriageItem(factor, names[factor.dimension_id], tuple(reasons), tuple(basis), gap)
        if not views and source is None:
            no_views.append(item)
        elif reasons:
            discuss.append(item)
        else:
            confirm.append(item)
    order = {f.id: i for i, f in enumerate(factors)}
    discuss.sort(key=lambda i: (-i.gap, -len(i.reasons), order[i.factor_id]))
    sources = []
    if used_prework:
        people = len({s.participant_id for s in prework})
        sources.append(f"pre-work returns for {rnd.label} ({people} {'person' if people == 1 else 'people'})")
    sources += [f"{label}'s scores" for label in used_rounds]
    return Triage(rnd.label, tuple(discuss), tuple(confirm), tuple(no_views), tuple(sources))


def triage_factor_ids(items: Sequence[TriageItem]) -> list[str]:
    return [i.factor_id for i in items]
