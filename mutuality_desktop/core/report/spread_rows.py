"""The spread of participants' own views beside a factor's levels in the report (PDF and HTML).

Beside the levels only ranges and counts are printed. Names are added (one line under the
factor's levels) only when the engagement chose to show them: by default the report is anonymous.
"""

from __future__ import annotations

from ..framework import Factor
from ..spread import FactorSpread, SideViews, factor_spreads
from .data import ReportData


def report_spread(data: ReportData, factor: Factor) -> FactorSpread:
    current = data.current
    return factor_spreads(data.participants, current.participant_scores, [factor.id])[factor.id]


def _side(views: SideViews, label: str) -> str:
    if not views.views:
        return ""
    lo, hi = views.lowest, views.highest
    span = f"{lo}" if lo == hi else f"{lo}\u2013{hi}"
    count = f"{len(views.views)}" + (f", {views.dont_know} don't know" if views.dont_know else "")
    return f"{label}'s own views: {span} ({count})"


def spread_notes(data: ReportData, factor: Factor) -> list[str]:
    """Each side's range of individual views (with how many), and whether the room was split."""
    spread = report_spread(data, factor)
    notes = [n for n in (_side(spread.client, "Client"), _side(spread.provider, "Provider")) if n]
    if spread.polarised:
        split = spread.split
        if split is not None and split[1] - split[0] >= 3:
            notes.append(f"Split: 2+ people at \u2264{split[0]} and at \u2265{split[1]}")
        else:
            notes.append(f"Split: sides' views {spread.sides_apart:g} levels apart")
    return notes


def named_views(data: ReportData, factor: Factor) -> str:
    """'Own views: client Ann 4, Bo 1; provider Cy 2.' when names are shown, else ''."""
    if not data.names_shown:
        return ""
    spread = report_spread(data, factor)
    parts = [f"{label} " + ", ".join(f"{name} {level}" for name, level in side.views)
             for label, side in (("client", spread.client), ("provider", spread.provider))
             if side.views]
    return f"Own views: {'; '.join(parts)}." if parts else ""
