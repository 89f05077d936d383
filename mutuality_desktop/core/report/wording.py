"""The sentences of the executive summary, written from the data (plain text, not yet escaped)."""

from __future__ import annotations

from ..framework import MUTUALITY
from ..scoring import completeness, perception_gaps
from .data import ReportData
from .rows import (
    action_lines,
    dimension_moves,
    dimension_rows,
    moved_factors,
    overall_mean,
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
    """Who, when, what was scored."""
    info, scale = data.info, data.framework.scale
    rnd = data.current.round
    when = long_date(rnd.date or info.workshop_date)
    where = f" at {info.workshop_venue}" if info.workshop_venue else ""
    held = f", held on {when}{where}" if when else where
    done = completeness(data.framework, data.scores)
    dims = len(data.framework.dimensions)
    lowest, highest = scale.levels[0], scale.levels[-1]
    agreed = (f"all {done.total} factors" if done.agreed == done.total
              else f"{done.agreed} of the {done.total} factors")
    earlier = ""
    if data.previous is not None:
        then = long_date(data.previous.round.date)
        earlier = (f" It is compared throughout with the {data.previous.label} assessment"
                   f"{f' of {then}' if then else ''}.")
    return (
        f"This report sets out the {rnd.label} assessment of the partnership between "
        f"{info.client_organisation} and {info.provider_organisation}{held}. Leaders from both "
        f"organisations scored the contract against {number_word(dims)} value-for-money "
        f"dimension{'s' if dims != 1 else ''}, factor by factor, on a scale from {lowest.value} "
        f"({lowest.name}) to {highest.value} ({highest.name}), and agreed a level for {agreed}."
        f"{earlier}"
    )


def findings(data: ReportData) -> list[str]:
    """The headline findings: mutuality index, strongest and weakest dimension, gaps, coverage."""
    fw = data.framework
    out: list[str] = []
    index = safe_index(fw, data.scores)
    if index.value is not None:
        mean = fw.scale.minimum + index.value / 100 * (fw.scale.maximum - fw.scale.minimum)
        partial = (f" ({index.assessed} of {index.total} factors agreed so far)"
                   if index.assessed < index.total else "")
        out.append(
            f"The mutuality index stands at {whole(index.value)} out of 100{partial}: on average the "
            f"partnership's ways of working together sit {_where(data, mean)}."
        )
    scored = [d for d in dimension_rows(fw, data.scores) if d.mean is not None]
    if len(scored) >= 2:
        best = max(scored, key=lambda d: d.mean or 0)
        worst = min(scored, key=lambda d: d.mean or 0)
        if best.mean != worst.mean:
            out.append(f"{best.name} is the strongest dimension (mean level {one_decimal(best.mean)}) "
                       f"and {worst.name} the weakest ({one_decimal(worst.mean)}).")
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
    elif gaps:
        apart = [g for g in gaps if g.size == 1]
        out.append("Both sides see every factor within one level of each other" +
                   (f"; they differ by one level on {plural(len(apart), 'factor')}." if apart else "."))
    missing = completeness(fw, data.scores).missing
    if missing:
        out.append(f"{plural(len(missing), 'factor has', 'factors have')} no agreed level yet and "
                   f"{'is' if len(missing) == 1 else 'are'} shown as not assessed.")
    return out


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


def overall_note(data: ReportData) -> str:
    """How the headline figures are worked out, with the exact mutuality mean behind the index."""
    fw = data.framework
    index = safe_index(fw, data.scores)
    scale = fw.scale
    parts = []
    if index.value is not None:
        mean = scale.minimum + index.value / 100 * (scale.maximum - scale.minimum)
        parts.append(f"The mutuality index is the mean agreed level of the mutuality factors on a "
                     f"scale of 0 to 100 ({mean:.2f} of {scale.maximum} gives {whole(index.value)}).")
    if overall_mean(fw, data.scores) is not None:
        parts.append(f"Overall value for money is the mean of the {number_word(len(fw.dimensions))} "
                     f"dimension means.")
    parts.append("Means are worked out from the factor levels and shown rounded, so a figure "
                 "worked out again from other rounded figures can differ by 0.1.")
    return " ".join(parts)


def movement(data: ReportData) -> list[str]:
    """What moved since the previous round (empty with one round)."""
    if data.previous is None:
        return []
    fw = data.framework
    before, after = data.previous.label, data.current.label
    out: list[str] = []
    old = safe_index(fw, data.previous.scores).value
    new = safe_index(fw, data.scores).value
    if old is not None and new is not None:
        verb = "rose" if new > old + 0.5 else "fell" if new < old - 0.5 else "held steady"
        detail = f"from {whole(old)} to {whole(new)}" if verb != "held steady" else f"at {whole(new)}"
        out.append(f"Since the {before} round, the mutuality index {verb} {detail}.")
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
    if factors:
        text = f"At factor level, {plural(len(ups), 'agreed level')} went up and {len(downs)} went down"
        if downs:
            named = "; ".join(f"{f.name} ({f.before} \u2192 {f.after})" for f in downs[:4])
            text += f": {named}" + ("; and others" if len(downs) > 4 else "")
        out.append(text + ".")
    else:
        out.append(f"No agreed factor score changed between {before} and {after}.")
    return out


def mutuality_intro(data: ReportData) -> str:
    dim = data.framework.dimension(MUTUALITY)
    rows = [r for r in perception_gaps(data.framework, data.scores, dim.factors) if r.size >= 2]
    base = (f"The chart shows, for each of the {len(dim.factors)} mutuality factors, the level each "
            f"side gave on its own and the level the room agreed.")
    if rows:
        base += (f" Where the client and provider lines part, the two organisations see the "
                 f"partnership differently: {plural(len(rows), 'factor')} differ by two levels or more.")
    return base
