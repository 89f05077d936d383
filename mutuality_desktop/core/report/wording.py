"""The sentences of the executive summary, written from the data (plain text, not yet escaped)."""

from __future__ import annotations

from ..agreement import disputes, disputes_sentence
from ..applicability import marks
from ..context import regime_sentence
from ..framework import MUTUALITY
from ..framework_guide import rounds_version_sentence
from ..scoring import (
    Gap,
    Ranked,
    in_workshop_order,
    levels_of,
    minimum_agreed,
    mutuality_index,
    perception_gaps,
    priorities,
    strengths,
)
from .basis import (
    NOT_REACHED,
    OUTSIDE,
    common_factors,
    comparison_basis,
    coverage,
    definitions,
    left_out_of_comparison,
    left_out_sentence,
    mutuality_basis,
    names_list,
    not_applicable_sentence,
    restricted,
    round_factors,
    round_when,
    scope_sentence,
    workshop_ahead,
)
from .data import ReportData
from .rows import (
    DimensionLine,
    MoveLine,
    action_lines,
    dimension_moves,
    dimension_rows,
    index_provisional,
    moved_factors,
    safe_index,
)
from .text import long_date, number_word, one_decimal, plural, whole


def _where(data: ReportData, mean: float) -> str:
    """Place a mean on the scale in words: "at about level 2, Developing" or "between level 2,
    Developing, and level 3, Established" (so a mean printed as 2.5 is never called "level 2")."""
    levels = data.framework.scale.levels
    nearest = min(levels, key=lambda lv: abs(lv.value - mean))
    if abs(nearest.value - mean) < 0.25:
        return f"at about level {nearest.value}, {nearest.name}"
    low = max((lv for lv in levels if lv.value <= mean), key=lambda lv: lv.value)
    high = min((lv for lv in levels if lv.value >= mean), key=lambda lv: lv.value)
    return f"between level {low.value}, {low.name}, and level {high.value}, {high.name}"


def opening(data: ReportData) -> str:
    """Who, when, what was scored: only the dimensions that have a level in this round."""
    info = data.info
    rnd = data.current.round
    day, venue = round_when(data, data.current)
    when = long_date(day)
    where = f" at {venue}" if venue else ""
    # a report made before its round's workshop never says the workshop was held (the cover's wording)
    held = (f", with the workshop planned for {when}{where}" if workshop_ahead(data)
            else f", held on {when}{where}" if when else where)
    done = coverage(data.framework, data.scores, data.current.scope, data.current.excluded)
    agreed = (f"all {done.total} factors" if done.agreed == done.total
              else f"{done.agreed} of the {done.total} factors")
    assessed = ("" if done.whole_framework else
                " of this dimension" if done.dimensions == 1 else " of these dimensions")
    # a factor the room could not agree is named once, in the key findings, with both sides' levels
    gone = " ".join(x for x in (left_out_sentence(data.framework, data.current),
                                not_applicable_sentence(data.framework, data.current)) if x)
    gone = f" {gone}" if gone else ""
    earlier = ""
    if data.previous is not None:
        then = long_date(round_when(data, data.previous)[0])
        earlier = (f" It is compared with the {data.previous.label} assessment"
                   f"{f' of {then}' if then else ''}, like for like: on the factors agreed in both "
                   f"rounds.")
    return (
        f"This report sets out the {rnd.label} assessment of the partnership between "
        f"{info.client_organisation} and {info.provider_organisation}{held}. "
        f"{scope_sentence(data.framework, data.current)} {_scored_sentence(data, agreed + assessed, done.agreed)}"
        f"{gone}{earlier}"
    )


def _scored_sentence(data: ReportData, agreed: str, count: int) -> str:
    """What leaders did, in the tense of the round's date. Before a workshop dated ahead of the report
    nothing is said to have happened in the room (play-through 9: "So far, leaders ... have scored"
    read to a chief executive as a day already held): it says who gave their own scores in pre-work,
    if anyone did, and how many levels are already recorded as agreed."""
    lowest, highest = data.framework.scale.levels[0], data.framework.scale.levels[-1]
    scale = f"on a scale from {lowest.value} ({lowest.name}) to {highest.value} ({highest.name})"
    if workshop_ahead(data):
        sides = {p.id: p.side for p in data.participants}
        returned = {s.participant_id for s in data.current.participant_scores if s.level is not None}
        leaders = [sides[i] for i in returned if sides.get(i) in ("client", "provider")]
        if leaders:
            info = data.info
            who = ("both organisations" if len(set(leaders)) == 2 else
                   info.client_organisation if leaders[0] == "client" else info.provider_organisation)
            n = len(leaders)
            done = (f"Before the workshop, {n} leader{'s' if n != 1 else ''} from {who} "
                    f"{'have' if n != 1 else 'has'} given their own scores in pre-work, factor by factor, {scale}")
        elif any(score.level is not None for score in data.scores.values()):
            done = f"Before the workshop, some scores are recorded for this round, {scale}"
        else:
            return f"Before the workshop, no level is recorded yet. Each factor is scored {scale}."
        if count:
            return f"{done}, and a level is already recorded as agreed for {agreed}."
        return f"{done}; no level is agreed yet."
    return (f"Leaders from both organisations scored the contract factor by factor, {scale}, and "
            f"agreed a level for {agreed}.")


def findings(data: ReportData) -> list[str]:
    """The headline findings: mutuality index, strongest and weakest dimension, gaps, coverage."""
    fw = data.framework
    out: list[str] = []
    index = safe_index(fw, data.scores, data.current)
    if index.value is not None:
        mean = fw.scale.minimum + index.value / 100 * (fw.scale.maximum - fw.scale.minimum)
        if index_provisional(index):  # the aggregation rule: below minimum coverage, not a finding
            out.append(
                f"The mutuality index is provisional, not yet a finding: only {index.assessed} of the "
                f"{index.total} mutuality factors of this round are agreed, and the framework needs "
                f"{minimum_agreed(index.total)} (three in five) before it is one. On those agreed so far "
                f"it would be {whole(index.value)} out of 100, {_where(data, mean)}."
            )
        else:
            partial = (f" ({index.assessed} of {index.total} mutuality factors of this round agreed so far)"
                       if index.assessed < index.total else "")
            out.append(
                f"The mutuality index stands at {whole(index.value)} out of 100{partial}: on average the "
                f"partnership's ways of working together sit {_where(data, mean)}."
            )
    rows = dimension_rows(fw, data.scores, data.current)
    if ranked := _ranking(rows):
        out.append(ranked)
    gaps = perception_gaps(fw, data.scores)
    wide = [g for g in gaps if g.size >= 2]
    if wide:
        g = wide[0]
        higher = "client" if g.gap > 0 else "provider"
        out.append(
            f"The two sides see {plural(len(wide), 'factor')} differently by two levels or more; the "
            f"widest gap is on {g.factor.name}, where the {higher} scores it {g.size} levels higher "
            f"({g.client} against {g.provider})."
        )
    done = coverage(fw, data.scores, data.current.scope, data.current.excluded)
    if not wide and gaps:
        apart = [g for g in gaps if g.size == 1]
        # "every factor" only when both sides scored every factor of the round (play-through 10:
        # said of 3 scored factors of 15 before the workshop)
        lead = ("Both sides see every factor within one level of each other" if len(gaps) >= done.total
                else f"Where both sides have scored a factor ({len(gaps)} of {done.total} in this round), "
                     "they are within one level of each other")
        out.append(lead + (f"; they differ by one level on {plural(len(apart), 'factor')}." if apart else "."))
    disputed = disputes_sentence(fw, data.scores)  # counted apart: the room reached them
    missing = done.total - done.agreed - len(disputes(fw, data.scores))
    if disputed:
        out.append(disputed)
    if missing:
        other = "other " if disputed else ""
        out.append(f"{plural(missing, other + 'factor', other + 'factors')} of the dimensions in this round "
                   f"{'has' if missing == 1 else 'have'} no agreed level yet.")
    waiting = [d for d in rows if d.status == NOT_REACHED]
    if waiting:  # in the round's scope, not reached: unlike a dimension the round never meant to cover
        out.append(f"In this round's scope but not reached yet, so nothing is agreed: "
                   f"{names_list([d.name for d in waiting])} ({plural(sum(d.total for d in waiting), 'factor')}). "
                   "The report makes no finding about "
                   f"{'it' if len(waiting) == 1 else 'them'} yet.")
    skipped = [d for d in rows if d.status == OUTSIDE]
    if skipped and len(skipped) < len(fw.dimensions):
        out.append(f"Not part of this round: {names_list([d.name for d in skipped])}. The report "
                   f"makes no finding about {'it' if len(skipped) == 1 else 'them'}.")
    return out


def _ranking(rows: list[DimensionLine]) -> str:
    """Strongest and weakest dimension, ranked only among the dimensions whose mean is a finding
    (three in five of their factors agreed), each mean with the factors it rests on when any of them
    is partly agreed; a provisional mean is named as not ranked (play-through 12: "Economy is the
    strongest dimension (2.5) and Mutuality the weakest (2.4)" on 2 of 5 and 7 of 14 agreed)."""
    scored = [d for d in rows if d.mean is not None]
    if len(scored) < 2:
        return ""
    ranked = [d for d in scored if not d.provisional]
    held = [d for d in scored if d.provisional]

    def rests(d: DimensionLine) -> str:
        return f"{d.assessed} of {d.total} factors agreed"

    if len(ranked) < 2:
        if len(held) == 1:
            d = held[0]
            why = (f"{d.name}'s mean rests on {d.assessed} of its {d.total} factors agreed, fewer than "
                   "three in five, so it is provisional")
        else:
            named = names_list([f"{d.name} ({d.assessed} of {d.total})" for d in held])
            why = (f"the means of {named} rest on fewer than three in five of their factors agreed, so "
                   "they are provisional")
        return f"The dimensions are not ranked strongest and weakest: {why}."
    best = max(ranked, key=lambda d: d.mean or 0)
    worst = min(ranked, key=lambda d: d.mean or 0)
    if one_decimal(best.mean) == one_decimal(worst.mean):
        return ""
    partial = any(d.assessed < d.total for d in (best, worst))

    def on(d: DimensionLine) -> str:
        return "" if not partial else f", all {d.total} factors agreed" if d.assessed == d.total else f", {rests(d)}"

    lead = "Of the dimensions whose mean is a finding, " if held else ""
    text = (f"{lead}{best.name} is the strongest dimension (mean level {one_decimal(best.mean)}{on(best)}) "
            f"and {worst.name} the weakest ({one_decimal(worst.mean)}{on(worst)}).")
    if held:
        many = len(held) > 1
        text += (f" {names_list([f'{d.name} ({rests(d)})' for d in held])} {'are' if many else 'is'} not "
                 f"ranked: {'their means are' if many else 'its mean is'} provisional.")
    return text


def ranking_note(data: ReportData) -> str:
    """Both lists' notes in one paragraph (HTML and Word, under the two tables)."""
    return " ".join(x for x in ranking_notes(data) if x)


def ranking_notes(data: ReportData) -> tuple[str, str]:
    """Under the strengths and priorities: when more factors share a listed level than the list has
    room for, how the ones shown were picked ('' when no list is cut at a tie). A chief executive
    reading five mutuality factors as "Top strengths" would otherwise take them for the five best,
    where seventeen factors share that level."""
    fw = data.framework
    top = strengths(fw, data.scores)
    low = priorities(fw, data.scores)
    taken = {r.factor.id for r in top}
    levels = _agreed_pool(data)

    def cut(shown: list[Ranked], pool: dict[str, int], last: int) -> tuple[int, int]:
        return sum(1 for lv in pool.values() if lv == last), sum(1 for r in shown if r.level == last)

    top_note = low_note = ""
    scale = {lv.value: lv.name for lv in fw.scale.levels}
    if top:
        last = min(r.level for r in top)
        share, shown = cut(top, levels, last)
        if share > shown:
            top_note = (f"{share} factors are at level {last}, {scale.get(last, '')}: the {number_word(shown)} "
                        f"listed {'are those' if shown > 1 else 'is the one'} the two sides see most alike, in "
                        "report order.")
    if low:
        last = max(r.level for r in low)
        share, shown = cut(low, {f: lv for f, lv in levels.items() if f not in taken}, last)
        if share > shown:  # counted with the listed ones (play-through 12: "5 other factors ... the
            # four listed" read as five besides the four, where one was)
            listed = {r.factor.id for r in low}
            rest = [f.name for f in in_workshop_order(fw)
                    if levels.get(f.id) == last and f.id not in taken and f.id not in listed]
            # named apart by semicolons: factor names hold commas and "and"
            others = (f"the other {number_word(len(rest))}, not listed: {'; '.join(rest)}" if len(rest) <= 3
                      else f"the other {len(rest)} are not listed")
            low_note = (f"{share} factors are at level {last}, {scale.get(last, '')}: the "
                        f"{number_word(shown)} listed {'are those' if shown > 1 else 'is the one'} the two "
                        f"sides see most differently; {others}.")
    return top_note, low_note


def _agreed_pool(data: ReportData) -> dict[str, int]:
    """Every factor with an agreed level in the round and not marked not applicable: the pool both
    lists are drawn from (core/scoring._ranked)."""
    agreed, aside = levels_of(data.scores), marks(data.scores)
    return {f.id: lv for f in data.framework.factors
            if (lv := agreed.get(f.id)) is not None and f.id not in aside}


def gaps_lead(apart: list[Gap], shown: int) -> str:
    """The line over the largest perception gaps: what they are and, when some are not shown, how
    the shown ones were chosen. When every gap is the same size, none "differs most": it says so."""
    text = ("Where the client's and the provider's own scores differ most: the conversations most "
            "worth having.")
    if len(apart) <= shown:
        return text
    five = number_word(shown)
    sizes = {g.size for g in apart}
    if len(sizes) == 1:
        size = sizes.pop()
        return (text + f" {len(apart)} factors differ, each by {number_word(size)} "
                f"level{'' if size == 1 else 's'}; the first {five} in the order of this report are shown.")
    tie = apart[shown - 1].size == apart[shown].size
    return text + (f" {len(apart)} factors differ; the {five} shown differ most"
                   + (", ties in the order of this report." if tie else "."))


def actions_due(data: ReportData) -> list[str]:
    """The open actions and those past their date, named: what the chief executives must chase."""
    lines = action_lines(data)
    open_ = [a for a in lines if a.status_key in ("open", "in progress")]
    late = [a for a in open_ if a.overdue]
    if not open_:
        return []
    text = f"{plural(len(open_), 'action is', 'actions are')} still open in the action plan"
    if late:
        named = "; ".join(f"action {a.number}, \u201c{a.short_text}\u201d ({a.owner or 'no owner'}, "
                          f"due {a.due})" for a in late[:3])
        text += (f", and {len(late)} {'is' if len(late) == 1 else 'are'} past the due date: {named}"
                 + ("; and others" if len(late) > 3 else ""))
    return [text + "."]


def definition_lines(data: ReportData) -> list[tuple[str, str]]:
    """The terms the report uses, defined once, then how this round's index and means were made."""
    fw = data.framework
    index = safe_index(fw, data.scores, data.current)
    scale = fw.scale
    lines = definitions(fw)
    if index.value is not None:
        mean = scale.minimum + index.value / 100 * (scale.maximum - scale.minimum)
        lines.append(("This round", f"a mean of {mean:.2f} of {scale.maximum} gives a mutuality index "
                                    f"of {whole(index.value)}."))
    lines.append(("Rounding", "means are worked out from the factor levels and shown rounded, so a "
                              "figure worked out again from other rounded figures can differ by 0.1."))
    regime = regime_sentence(data.info)
    if regime:  # what the procurement regime means for reporting the contract's performance
        lines.append(("Procurement regime", regime[0].lower() + regime[1:]))
    return lines


READING_TITLE = "How to read this report"


def reading_note(data: ReportData) -> str:
    """The few words a reader needs beside the headline figures (plain text): the scale, what the
    index is, with this round's own figures, and where every other term is defined."""
    fw = data.framework
    scale = fw.scale
    lowest, highest = scale.levels[0], scale.levels[-1]
    text = (f"Each factor is scored from {lowest.value} ({lowest.name}) to {highest.value} "
            f"({highest.name}).")
    index = safe_index(fw, data.scores, data.current)
    if index.value is not None:
        mean = scale.minimum + index.value / 100 * (scale.maximum - scale.minimum)
        text += (f" The mutuality index puts the mean agreed level of the mutuality factors on a "
                 f"scale of 0 to 100: this round's mean of {mean:.2f} gives {whole(index.value)}.")
    if perception_gaps(fw, data.scores):
        text += " A perception gap is the client's own level minus the provider's."
    return text + f" Every term is defined under \u201c{READING_TITLE}\u201d at the back of the report."


def overall_note(data: ReportData) -> str:
    """The definitions as one run of text."""
    return " ".join(f"{term}: {meaning}" for term, meaning in definition_lines(data))


def movement(data: ReportData) -> list[str]:
    """What moved since the previous round (empty with one round)."""
    if data.previous is None:
        return []
    fw = data.framework
    before, after = data.previous.label, data.current.label
    out: list[str] = []
    basis = mutuality_basis(data)
    if basis is not None and basis.compared:
        common = common_factors(data.previous.scores, data.scores)
        old = mutuality_index(fw, restricted(data.previous.scores, common)).value
        new = mutuality_index(fw, restricted(data.scores, common)).value
        verb = ("rose" if (new or 0) > (old or 0) + 0.5 else "fell" if (new or 0) < (old or 0) - 0.5
                else "held steady")
        detail = f"from {whole(old)} to {whole(new)}" if verb != "held steady" else f"at {whole(new)}"
        total = len(fw.dimension(MUTUALITY).factors)
        base = (f"on all {total} mutuality factors" if basis.complete and basis.compared == total else
                f"like for like, on the {plural(basis.compared, 'mutuality factor')} agreed in both "
                f"rounds ({basis.before_agreed} agreed in {before}, {basis.after_agreed} in {after})")
        aside = left_out_of_comparison(basis)  # issue 21: why any mutuality factor is not compared
        out.append(f"Since the {before} round, the mutuality index {verb} {detail}, {base}."
                   + (f" {aside}" if basis.not_applicable else ""))
    elif basis is not None:
        out.append(f"No mutuality factor has an agreed level in both the {before} and the {after} "
                   "round, so the mutuality index is not compared.")
    whole_base = comparison_basis(fw, data.previous.scores, data.scores, None, before, after)
    if whole_base.compared and not whole_base.complete:
        aside = left_out_of_comparison(whole_base) if whole_base.not_applicable else ""
        # play-through 12b: "below" was untrue on the deck's slide, and with no comparison table
        out.append(f"Changes in dimension means are worked out like for like, on the "
                   f"{plural(whole_base.compared, 'factor')} agreed in both rounds."
                   + (f" {aside}" if aside else ""))
    moves = dimension_moves(data)
    up = [m for m in moves if m[1] > 0.05]
    down = [m for m in moves if m[1] < -0.05]
    if up:
        out.append("Improved: " + ", ".join(f"{n} (+{d:.1f})" for n, d in up[:3]) + ".")
    if down:
        out.append("Declined: " + ", ".join(f"{n} (\u2212{abs(d):.1f})" for n, d in down[:3]) + ".")
    factors = moved_factors(data)
    ups = [f for f in factors if f.delta > 0]
    downs = [f for f in factors if f.delta < 0]
    if factors:  # both directions named (play-through 12: "2 went up and 2 went down:" named the two down only)
        def named(moved: list[MoveLine]) -> str:
            return ("; ".join(f"{f.name} ({f.before} \u2192 {f.after})" for f in moved[:4])
                    + ("; and others" if len(moved) > 4 else ""))

        if ups and downs:
            text = (f"At factor level, {plural(len(ups), 'agreed level')} went up: {named(ups)}. "
                    f"{plural(len(downs), 'agreed level')} went down: {named(downs)}.")
        elif ups:
            text = f"At factor level, none went down and {plural(len(ups), 'agreed level')} went up: {named(ups)}."
        else:
            text = (f"At factor level, none went up and {plural(len(downs), 'agreed level')} went down: "
                    f"{named(downs)}.")
        out.append(text)
    else:
        out.append(f"No agreed factor score changed between {before} and {after}.")
    return out


def mutuality_intro(data: ReportData) -> str:
    dim = data.framework.dimension(MUTUALITY)
    rows = [r for r in perception_gaps(data.framework, data.scores, dim.factors) if r.size >= 2]
    factors = round_factors(data.framework, data.current, MUTUALITY)
    na = marks(data.scores)
    marked = [f.name for f in factors if f.id in na]
    count = len(factors) - len(marked)
    agreed = "the level recorded as agreed" if workshop_ahead(data) else "the level the room agreed"
    base = (f"The chart shows, for each of the {count} mutuality factors assessed in this round, the "
            f"level each side gave on its own and {agreed}." if marked else
            f"The chart shows, for each of the {count} mutuality factors of this round, the level each "
            f"side gave on its own and {agreed}.")
    if marked:
        base += (f" {names_list(marked)}, marked not applicable to this contract, "
                 f"{'has' if len(marked) == 1 else 'have'} no level.")
    if rows:
        base += (f" Where the client and provider lines part, the two organisations see the "
                 f"partnership differently: {plural(len(rows), 'factor differs', 'factors differ')} "
                 "by two levels or more.")
    return base


def mutuality_caption(data: ReportData) -> str:
    """The caption under the mutuality radar: how many factors it has, and how many of them are
    marked not applicable (drawn, named "not applicable", with no level)."""
    factors = round_factors(data.framework, data.current, MUTUALITY)
    na = marks(data.scores)
    marked = sum(1 for f in factors if f.id in na)
    of_them = f", {marked} of them not applicable" if marked else ""
    return (f"The {len(factors)} mutuality factors of this round{of_them}: each side\u2019s own level "
            f"and the agreed level, {data.current.label}")


def comparison_lead(data: ReportData) -> str:
    """The comparison page's basis: like for like, with how many factors that is."""
    if data.previous is None:
        return ""
    before, after = data.previous.label, data.current.label
    basis = comparison_basis(data.framework, data.previous.scores, data.scores, None, before, after)
    if basis.complete:
        base = (f" Both rounds agreed the same {plural(basis.compared, 'factor')}, so every figure "
                "compares the same factors.")
    else:
        base = (f" Each figure in the table is worked out like for like, on the factors with an agreed "
                f"level in both rounds and marked not applicable in neither: {basis.compared} in all "
                f"({basis.before_agreed} {'was' if basis.before_agreed == 1 else 'were'} agreed in {before}, "
                f"{basis.after_agreed} in {after}); the "
                "column \u201cFactors compared\u201d gives the count for each dimension.")
        aside = left_out_of_comparison(basis)
        base += f" {aside}" if aside else ""
    return (f"The agreed levels of the {after} round set against the {before} round.{base} "
            f"{rounds_version_sentence(data.framework, (before, data.previous.guide or data.framework), (after, data.current.guide or data.framework))} The chart "
            f"shows each mutuality factor, with the {before} round as the grey outline.")
