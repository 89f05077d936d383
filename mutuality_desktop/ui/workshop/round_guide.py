"""The walkthrough's guide text for the round on screen (issue 21, play-through s6).

After a move to a newer scoring guide, a round scored on the earlier guide showed the new guide's
wording, so the room read descriptors it had not scored against. Core keeps the guide each round
was scored on (core/framework_move.py: round_guides, from framework_archive and round_framework);
the walkthrough shows that round's own text, factor by factor. A factor the earlier guide did not
have (added by the move) is shown in the guide in use, and the banner says which text is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from ...core.framework_move import round_guides

if TYPE_CHECKING:
    from ...core.engagement import Engagement
    from ...core.framework import Factor, Framework

_cache: WeakKeyDictionary[Engagement, dict[tuple[int, str], Framework]] = WeakKeyDictionary()


def guide_of_round(eng: Engagement, round_id: int) -> Framework:
    """The guide the round was scored on (the guide in use for a round not pinned to another).
    Parsed once per engagement, guide and round: an archived guide is some 200 KB of JSON."""
    known = _cache.setdefault(eng, {})
    key = (round_id, eng.framework.version)
    if key not in known:
        known[key] = round_guides(eng).get(round_id, eng.framework)
    return known[key]


def factor_as_scored(eng: Engagement, round_id: int, factor: Factor) -> Factor:
    """The factor in the wording of the round's own guide (the factor itself when the round is on
    the guide in use, or when its guide had no such factor)."""
    guide = guide_of_round(eng, round_id)
    if guide is eng.framework or not guide.has_factor(factor.id):
        return factor
    return guide.factor(factor.id)
