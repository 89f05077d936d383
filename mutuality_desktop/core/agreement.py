"""Not agreed: a factor the room discussed and could not agree (scoring guide 2.1, "When the room cannot agree").

The guide leaves the agreed level empty when the two sides still differ at the end of a factor's
time, keeps both sides' levels, and has the agreed notes give each side's level and reason. Such a
factor is not "Not assessed": the room reached it. It is told apart from a factor the room has not
reached (which may carry the two sides' pre-scores but has no agreed notes) by those notes.
"""

from __future__ import annotations

NOT_AGREED = "Not agreed"


def not_agreed(client: int | None, provider: int | None, agreed: int | None, agreed_notes: str) -> bool:
    """True when the factor has no agreed level, a level from each side, and agreed notes saying why."""
    return agreed is None and client is not None and provider is not None and bool(agreed_notes.strip())
