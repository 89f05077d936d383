"""The demo engagement's parking list and agenda (called once from core/demo.py)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from . import operations as ops
from .agenda import default_agenda

if TYPE_CHECKING:
    from .engagement import Engagement

# (factor, who raised it, time on the baseline day (UK time is UTC in March), resolved, text)
DEMO_POINTS = (
    ("joint-governance-structure", "provider", (10, 12), True,
     "Does the contract board or the Strategic Partnership Board sign off variations under "
     "£250,000? Check the council's scheme of delegation before scoring."),
    ("joint-risk-management-strategy", "client", (11, 41), True,
     "The council's corporate risk register and the provider's contract risk log score flood risk "
     "differently; agree one scoring basis."),
    ("measurement-of-delivery-and-performance", "client", (14, 5), False,
     "KPI 7 (town-centre streets at litter Grade B or better) is measured from two different "
     "sources; ask both performance teams to reconcile the February figures."),
    ("joint-exit-strategy", "facilitator", (15, 50), False,
     "Who pays for the condition survey the exit asset register needs before the extension "
     "notice date (31 March 2027)? Not settled in the room; take it to the contract board."),
)


def demo_points(eng: Engagement) -> list[ops.AddParking]:
    """The four points parked on the baseline day (two resolved by the follow-up), raised at their times."""
    baseline = eng.rounds()[0]
    day = baseline.date or dt.date(2026, 3, 12)
    return [ops.AddParking(text, factor if eng.framework.has_factor(factor) else None, baseline.uuid, who,
                           dt.datetime.combine(day, dt.time(hour, minute)), "resolved" if resolved else "open")
            for factor, who, (hour, minute), resolved, text in DEMO_POINTS]


def add_demo_agenda(eng: Engagement) -> None:
    """The agenda for the latest round (the follow-up)."""
    eng.apply(default_agenda().as_operation(eng.rounds()[-1].uuid))


def add_demo_parking(eng: Engagement) -> None:
    """Four points parked on the baseline day (two resolved by the follow-up) and an agenda for the follow-up."""
    for point in demo_points(eng):
        eng.apply(point)
    add_demo_agenda(eng)
