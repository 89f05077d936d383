"""A new round starts with the latest round's scope (play-through 6, item 5), in the JSON
operations the CLI applies as in the window."""

from __future__ import annotations

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.opsjson import apply_json_operations


def test_add_round_takes_the_latest_rounds_dimensions_and_left_out_factors(blank_path):
    with Engagement.open(blank_path) as eng:
        base = eng.rounds()[0].id
        eng.set_scope(base, ["mutuality", "economy"])
        gone = eng.framework.dimension("mutuality").factors[-1].id
        eng.set_excluded_factors(base, [gone])
        apply_json_operations(eng, [{"op": "add_round", "label": "Follow-up"}])
        follow = eng.rounds()[1].id
        assert set(eng.chosen_scope(follow)) == {"mutuality", "economy"}
        assert eng.excluded_factors(follow) == frozenset({gone})
        apply_json_operations(eng, [{"op": "set_scope", "round": "Follow-up", "dimensions": ["economy"]},
                                    {"op": "add_round", "label": "Second follow-up"}])
        assert eng.chosen_scope(eng.rounds()[2].id) == ("economy",)  # the latest round's, as changed
        assert eng.excluded_factors(eng.rounds()[2].id) == frozenset()  # its left-out factor is not in it
