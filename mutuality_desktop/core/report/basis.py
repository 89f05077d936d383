"""What a round actually assessed, so the report never claims more than the data shows.

The coverage base is the round's scope (core/scope.py) together with any dimension scored
beyond it. A dimension was assessed in a round when any of its factors has a level or an evidence note from
any perspective in that round (a note is never dropped from the report); the factors of the assessed dimensions are the round's coverage base. Comparisons
between two rounds are made like for like, on the factors with an agreed level in both and marked
not applicable in neither.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..applicability import marks
from ..framework import MUTUALITY, Dimension, Factor, Framework
from ..scoring import DimensionScore, Levels, dimension_score, levels_of
from .data import ReportData, RoundData, Scores
from .text import number_word

RADAR_MINIMUM = 3  # dimensions with a level before the summary draws the dimensions' radar


def touched(scores: Scores, factor_id: str) -> bool:
    """Whether any perspective gave the factor a level or wrote a note on it in the round."""
    return any((s := scores.get((factor_id, p))) is not None and (s.level is not None or s.notes.strip())
               for p in ("client", "provider", "agreed"))


def assessed_dimensions(framework: Framework, scores: Scores) -> list[Dimension]:
    """The dimensions with any level or note in the round, in workshop order (Mutuality first)."""
    return [d for d in framework.workshop_order() if any(touched(scores, f.id) for f in d.factors)]


def unassessed_dimensions(framework: Framework, scores: Scores) -> list[Dimension]:
    assessed = {d.id for d in assessed_dimensions(framework, scores)}
    return [d for d in framework.workshop_order() if d.id not in assessed]


def is_assessed(framework: Framework, scores: Scores, dimension_id: str) -> bool:
    return any(d.id == dimension_id for d in assessed_dimensions(framework, scores))


@dataclass(frozen=True)
class Coverage:
    agreed: int  # factors with an agreed level
    total: int  # factors of the round's dimensions (its scope and any scored)
    dimensions: int  # the round's dimensions
    all_dimensions: int

    @property
    def whole_framework(self) -> bool:
        return self.dimensions == self.all_dimensions


def coverage(framework: Framework, scores: Scores, scope: tuple[str, ...] = (),
             excluded: frozenset[str] = frozenset()) -> Coverage:
    """Agreed factors of the round's dimensions: those in its scope and any scored beyond it, less
    the factors left out of the round (unless scored all the same)."""
    dims_touched = {d.id for d in assessed_dimensions(framework, scores)}
    dims = [d for d in framework.workshop_order() if d.id in dims_touched or d.id in scope]
    agreed = levels_of(scores)
    na = marks(scores)  # not applicable in the round: out of the count, as the scoring does
    factors = [f for d in dims for f in d.factors
               if (f.id not in excluded or touched(scores, f.id)) and f.id not in na]
    done = sum(1 for f in factors if agreed.get(f.id) is not None)
    return Coverage(done, len(factors), len(dims), len(framework.dimensions))


def left_out(framework: Framework, rnd: RoundData) -> list[Factor]:
    """The factors of the round's dimensions left out of it and not scored all the same."""
    return [f for d in framework.workshop_order() if d.id in rnd.scope for f in d.factors
            if f.id in rnd.excluded and not touched(rnd.scores, f.id)]


def round_factors(framework: Framework, rnd: RoundData, dimension_id: str) -> tuple[Factor, ...]:
    """A dimension's factors in the round: all but those left out of it (unless scored all the same)."""
    return tuple(f for f in framework.dimension(dimension_id).factors
                 if f.id not in rnd.excluded or touched(rnd.scores, f.id))


def round_dimension_score(framework: Framework, rnd: RoundData, dimension_id: str) -> DimensionScore:
    """A dimension's mean and coverage in a round, counted over its factors in the round: those left
    out of it (unless scored all the same) and those marked not applicable are not counted. Every
    output's "n of m agreed" for a dimension comes from here."""
    dim = framework.dimension(dimension_id)
    kept = {f.id for f in round_factors(framework, rnd, dimension_id)}
    na = set(marks(rnd.scores))
    score = dimension_score(dim, levels_of(rnd.scores), na | {f.id for f in dim.factors if f.id not in kept})
    return DimensionScore(score.dimension_id, score.name, score.mean, score.assessed, score.total,
                          sum(1 for f in kept if f in na))


def dimension_status(framework: Framework, rnd: RoundData, dimension_id: str) -> str:
    """ASSESSED (something scored), REACHED_NOT (in the round's scope, nothing scored yet) or
    OUTSIDE (not part of this round)."""
    if is_assessed(framework, rnd.scores, dimension_id):
        return ASSESSED
    return NOT_REACHED if dimension_id in rnd.scope else OUTSIDE


ASSESSED, NOT_REACHED, OUTSIDE = "assessed", "not reached", "outside"


def not_applicable_sentence(framework: Framework, rnd: RoundData) -> str:
    """'1 factor was marked not applicable to this contract: A.' ('' when none was)."""
    na = marks(rnd.scores)
    named = [f.name for d in framework.workshop_order() for f in d.factors if f.id in na]
    if not named:
        return ""
    many = len(named) != 1
    return (f"{len(named)} factor{'s' if many else ''} {'were' if many else 'was'} marked not applicable "
            f"to this contract, so not counted: {names_list(named)}.")


def left_out_sentence(framework: Framework, rnd: RoundData) -> str:
    """'2 factors were left out of this round: A and B.' ('' when none were)."""
    gone = left_out(framework, rnd)
    if not gone:
        return ""
    many = len(gone) != 1
    return (f"{len(gone)} factor{'s' if many else ''} of {'these dimensions' if len(rnd.scope) > 1 else 'this dimension'} "
            f"{'were' if many else 'was'} left out of this round by choice: {names_list([f.name for f in gone])}.")


def names_list(names: list[str]) -> str:
    """"Mutuality", "Mutuality and Economy", "Mutuality, Economy and Efficiency"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def round_dimensions(framework: Framework, rnd: RoundData) -> list[Dimension]:
    """The round's dimensions: those in its scope and any scored beyond it, in workshop order (the
    coverage base of core/report/basis.coverage)."""
    touched_ids = {d.id for d in assessed_dimensions(framework, rnd.scores)}
    return [d for d in framework.workshop_order() if d.id in touched_ids or d.id in rnd.scope]


def scope_sentence(framework: Framework, rnd: RoundData) -> str:
    """What the round covers, then which of its dimensions have no agreed level, in one sentence
    every output prints alike: "This round covers two of the six value-for-money dimensions,
    Mutuality and Economy; Economy's factors are not yet scored." A dimension counts as covered when
    it is in the round's scope or anything in it was scored; never more than the data shows."""
    dims = round_dimensions(framework, rnd)
    total = len(framework.dimensions)
    if not dims:
        return "This round covers no value-for-money dimension yet."
    named = names_list([d.name for d in dims])
    if len(dims) == total:
        covers = f"all {number_word(total)} value-for-money dimensions"
    elif len(dims) == 1:
        covers = f"one of the {number_word(total)} value-for-money dimensions, {named}"
    else:
        covers = f"{number_word(len(dims))} of the {number_word(total)} value-for-money dimensions, {named}"
    agreed = levels_of(rnd.scores)
    kept = {d.id: round_factors(framework, rnd, d.id) for d in dims}
    unscored = [d for d in dims if not any(touched(rnd.scores, f.id) for f in kept[d.id])]
    unagreed = [d for d in dims if d not in unscored
                and not any(agreed.get(f.id) is not None for f in kept[d.id])]
    notes: list[str] = []
    if unscored:
        if len(unscored) == len(dims):
            notes.append("none of " + ("its" if len(dims) == 1 else "their") + " factors is scored yet")
        elif len(unscored) == 1:
            notes.append(f"{unscored[0].name}'s factors are not yet scored")
        else:
            notes.append(f"the factors of {names_list([d.name for d in unscored])} are not yet scored")
    if unagreed:
        verb = "has" if len(unagreed) == 1 else "have"
        notes.append(f"{names_list([d.name for d in unagreed])} {verb} no agreed level yet")
    tail = f"; {' and '.join(notes)}" if notes else ""
    return f"This round covers {covers}{tail}."


def round_when(data: ReportData, rnd: RoundData) -> tuple[dt.date | None, str]:
    """A round's own date and venue. The engagement's workshop date and venue belong to its first
    round only: a follow-up without a date of its own has none, never the first round's."""
    first = data.rounds[0].round.id == rnd.round.id
    if first:
        return rnd.round.date or data.info.workshop_date, data.info.workshop_venue
    return rnd.round.date, ""


def workshop_ahead(data: ReportData) -> bool:
    """True when the report is made before the current round's workshop date: then no output says
    the workshop was held or that people took part (the cover says "before the workshop on ...")."""
    day = round_when(data, data.current)[0]
    return day is not None and data.generated < day


def common_factors(before: Scores, after: Scores) -> set[str]:
    """The like-for-like comparison base: the factors with an agreed level in both rounds and marked
    not applicable in neither (a factor the room set aside in one round is left out on both sides)."""
    a, b = levels_of(before), levels_of(after)
    aside = set(marks(before)) | set(marks(after))
    return {f for f, lv in a.items() if lv is not None and b.get(f) is not None and f not in aside}


def restricted(scores: Scores, factors: set[str]) -> Levels:
    return {f: lv for f, lv in levels_of(scores).items() if f in factors}


@dataclass(frozen=True)
class Basis:
    """The like-for-like base of a comparison: how many factors, and why any were left out."""

    compared: int
    before_agreed: int  # agreed and not marked not applicable in the earlier round
    after_agreed: int  # the same in the later round
    not_applicable: tuple[tuple[str, str], ...] = ()  # (factor name, the round(s) it was marked in)
    one_round_only: int = 0  # applicable in both, agreed in only one of them
    one_round_names: tuple[str, ...] = ()  # those factors' names, in workshop order
    neither_names: tuple[str, ...] = ()  # applicable in both, of a dimension assessed in either, agreed in neither
    applicable: int = 0  # the factors marked not applicable in neither round (the "of m" of "n of m")

    @property
    def complete(self) -> bool:
        """Both rounds agreed the same factors (those agreed in neither do not make it partial)."""
        return self.compared == self.before_agreed == self.after_agreed and not self.not_applicable

    @property
    def left_out(self) -> int:
        return len(self.not_applicable) + self.one_round_only + len(self.neither_names)


def comparison_basis(framework: Framework, before: Scores, after: Scores,
                     dimension_id: str | None = None, before_label: str = "the earlier round",
                     after_label: str = "the later round") -> Basis:
    factors = framework.dimension(dimension_id).factors if dimension_id else framework.factors
    ids = {f.id for f in factors}
    common = common_factors(before, after) & ids
    na_before, na_after = marks(before), marks(after)
    a, b = levels_of(before), levels_of(after)

    def agreed(levels: Levels, na: Mapping[str, str]) -> set[str]:
        return {f for f, lv in levels.items() if lv is not None and f in ids and f not in na}

    aside = tuple((f.name, "both rounds" if f.id in na_before and f.id in na_after
                   else before_label if f.id in na_before else after_label)
                  for f in factors if f.id in na_before or f.id in na_after)
    either = (agreed(a, na_before) | agreed(b, na_after)) - set(na_before) - set(na_after)
    only_one = either - common
    # play-through 12b: a factor agreed in neither round was missing from "n factors are left out"
    assessed = {d.id for d in assessed_dimensions(framework, before)} | {
        d.id for d in assessed_dimensions(framework, after)}
    in_play = {f.id for d in framework.dimensions if d.id in assessed for f in d.factors}
    neither = tuple(f.name for f in factors if f.id in in_play and f.id not in either and f.id not in common
                    and f.id not in na_before and f.id not in na_after)
    applicable = sum(1 for f in factors if f.id not in na_before and f.id not in na_after)
    return Basis(len(common), len(agreed(a, na_before)), len(agreed(b, na_after)), aside,
                 len(only_one), tuple(f.name for f in factors if f.id in only_one), neither, applicable)


def compared_of(basis: Basis, total: int) -> str:
    """The table's "Factors compared": "5 of 15", or "5 of 14 applicable" when a factor was marked
    not applicable in either round, counted as the summary's "5 of 14 factors agreed" is."""
    if not basis.compared:
        return "none"
    if basis.applicable < total:
        return f"{basis.compared} of {basis.applicable} applicable"
    return f"{basis.compared} of {total}"


def left_out_of_comparison(basis: Basis) -> str:
    """Why factors are missing from a like-for-like comparison, from the data ('' when none are):
    '2 factors are left out on both sides: Joint exit strategy, marked not applicable in Follow-up,
    and 1 agreed in only one of the two rounds.'"""
    if not basis.left_out:
        return ""
    parts = []
    if basis.not_applicable:
        named = names_list([f"{name} (marked not applicable in {where})" for name, where in basis.not_applicable])
        parts.append(named)
    if basis.one_round_only and 0 < len(basis.one_round_names) <= 3:  # a few are named, as a reader asks "which?"
        parts.append(f"{names_list(list(basis.one_round_names))}, agreed in only one of the two rounds")
    elif basis.one_round_only:
        parts.append(f"{basis.one_round_only} agreed in only one of the two rounds")
    neither = basis.neither_names
    if 0 < len(neither) <= 3:
        parts.append(f"{names_list(list(neither))}, agreed in neither round")
    elif neither:
        parts.append(f"{len(neither)} agreed in neither round")
    verb = "is" if basis.left_out == 1 else "are"
    joined = " and ".join(parts) if len(parts) < 3 else "; ".join(parts[:-1]) + "; and " + parts[-1]
    return (f"{basis.left_out} factor{'s' if basis.left_out != 1 else ''} {verb} left out on both sides: "
            f"{joined}.")


def like_for_like_sentence(framework: Framework, before: Scores, after: Scores, before_label: str,
                           after_label: str, charts: bool = False) -> str:
    """Results' sentence on the comparison's base: how many factors were compared and why any were
    left out; with charts, that the radar charts still draw each round's own levels and means."""
    basis = comparison_basis(framework, before, after, None, before_label, after_label)
    if not basis.compared:
        return (f"No factor has an agreed level in both {before_label} and {after_label}, so nothing is "
                "compared like for like.")
    head = (f"{after_label} is compared with {before_label} like for like, on the "
            f"{basis.compared} factor{'s' if basis.compared != 1 else ''} agreed in both rounds.")
    rest = left_out_of_comparison(basis)
    drawn = (f" The charts draw each round's own levels, so a dimension's {before_label} point counts "
             "every factor agreed in that round." if charts and not basis.complete else "")
    return (f"{head} {rest}" if rest else head) + drawn


def mutuality_basis(data: ReportData) -> Basis | None:
    if data.previous is None or not any(d.id == MUTUALITY for d in data.framework.dimensions):
        return None
    return comparison_basis(data.framework, data.previous.scores, data.scores, MUTUALITY,
                            data.previous.label, data.current.label)


def definitions(framework: Framework) -> list[tuple[str, str]]:
    """The report's terms, defined once."""
    scale = framework.scale
    return [
        ("Mutuality index", f"the mean agreed level of the mutuality factors that have one, set on "
                            f"a scale of 0 to 100 ({scale.minimum} is 0, {scale.maximum} is 100)."),
        ("Dimension mean", "the mean agreed level of a dimension's factors that have one."),
        ("Overall mean", "the mean of the dimension means of the dimensions assessed, each counting "
                         "equally; dimensions not assessed are left out, not counted as zero."),
        ("Perception gap", "the client's own level minus the provider's own level for a factor."),
        ("Coverage", "how many factors of the dimensions in a round's scope (and of any dimension "
                     "scored beyond it), less any factor left out of the round by choice or marked not "
                     "applicable, have an "
                     "agreed level."),
        ("Like for like", "a change between rounds is worked out only on the factors with an agreed "
                          "level in both rounds; a factor marked not applicable in either round is "
                          "left out on both sides."),
        # issue 21: the framework's aggregation rules as behaviour
        ("Perception-gap index", "for a dimension, the mean of the perception gaps' sizes (ignoring which "
                                 "side rates higher) over its factors that both sides gave a level; 0 means "
                                 "the two sides saw every such factor alike."),
        ("Provisional", "a dimension figure with fewer than three in five of its applicable factors "
                        "agreed; it is quoted with its coverage and is not a finding."),
        ("Not applicable", "a factor the room decided does not apply to this contract in a round, with "
                           "its reason; it is left out of the means and of the factors coverage is "
                           "counted against."),
    ]
