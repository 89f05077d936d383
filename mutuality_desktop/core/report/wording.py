"""The sentences of the executive summary, written from the data (plain text, not yet escaped)."""

from __future__ import annotations

from ..framework import MUTUALITY
from ..scoring import completeness, perception_gaps
from .data import ReportData
from .rows import dimension_moves, dimension_rows, moved_factors, overall_mean, safe_index
from .text import long_date, plural


def _level_name(data: ReportData, mean: float) -> str:
    scale = data.framework.scale
    nearest = min(scale.levels, key=lambda lv: abs(lv.value - mean))
    return nearest.name


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
    return (
        f"This report sets out the {rnd.label} assessment of the partnership between "
        f"{info.client_organisation} and {info.provider_organisation}{held}. Leaders from both "
        f"organisations scored the contract against {plural(dims, 'value-for-money dimension')}, "
        f"factor by factor, on a scale from {lowest.value} ({lowest.name}) to {highest.value} "
        f"({highest.name}), and agreed a level for {done.agreed} of the {done.total} factors."
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
            f"The mutuality index stands at {index.value:.0f} out of 100{partial}: on average the "
            f"partnership's ways of working together sit closest to level {round(mean)}, "
            f"{_level_name(data, mean)}."
        )
    scored = [d for d in dimension_rows(fw, data.scores) if d.mean is not None]
    if len(scored) >= 2:
        best = max(scored, key=lambda d: d.mean or 0)
        worst = min(scored, key=lambda d: d.mean or 0)
        if best.mean != worst.mean:
            out.append(f"{best.name} is the strongest dimension (mean level {best.mean:.1f}) and "
                       f"{worst.name} the weakest ({worst.mean:.1f}).")
    overall = overall_mean(fw, data.scores)
    if overall is not None and len(scored) >= 2:
        out.append(f"Across all dimensions, value for money is assessed at {overall:.1f} out of "
                   f"{fw.scale.maximum}.")
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
        out.append("Both sides see every factor within one level of each other.")
    missing = completeness(fw, data.scores).missing
    if missing:
        out.append(f"{plural(len(missing), 'factor has', 'factors have')} no agreed level yet and "
                   f"{'is' if len(missing) == 1 else 'are'} shown as not assessed.")
    return out


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
        detail = f"from {old:.0f} to {new:.0f}" if verb != "held steady" else f"at {new:.0f}"
        out.append(f"Since the {before} round, the mutuality index {verb} {detail}.")
    moves = dimension_moves(data)
    up = [m for m in moves if m[1] > 0.05]
    down = [m for m in moves if m[1] < -0.05]
    if up:
        out.append("Improved: " + ", ".join(f"{n} (+{d:.1f})" for n, d in up[:3]) + ".")
    if down:
        out.append("Declined: " + ", ".join(f"{n} (\u2212{abs(d):.1f})" for n, d in down[:3]) + ".")
    factors = moved_factors(data)
    ups = sum(1 for f in factors if f.delta > 0)
    downs = sum(1 for f in factors if f.delta < 0)
    if factors:
        out.append(f"At factor level, {plural(ups, 'agreed score')} went up and {downs} went down "
                   f"between {before} and {after}.")
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
