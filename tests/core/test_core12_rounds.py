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


def test_a_round_a_colleague_added_merges_with_its_scope_and_merges_back_cleanly(blank_path, tmp_path):
    import shutil

    from mutuality_desktop.core.merge import apply_merge, plan_merge
    from mutuality_desktop.core.merge_files import open_copy
    from mutuality_desktop.core.merge_state import read_state

    with Engagement.open(blank_path) as eng:
        eng.set_scope(eng.rounds()[0].id, ["mutuality", "economy"])
    theirs = tmp_path / "colleague.mutuality"
    shutil.copy(blank_path, theirs)
    with Engagement.open(theirs) as eng:
        eng.author = "Sam Reid"
        apply_json_operations(eng, [{"op": "add_round", "label": "Follow-up"}])
    with open_copy(blank_path, editable=True) as mine, open_copy(theirs) as them:
        apply_merge(mine, plan_merge(mine, them))
        follow = next(r for r in mine.rounds() if r.label == "Follow-up")
        assert set(mine.chosen_scope(follow.id)) == {"mutuality", "economy"}
        again = plan_merge(mine, them)  # nothing new, and nothing refused as altered
        assert not again.take and not again.conflicts
        mine_state = read_state(mine)
        out = tmp_path / "merged.mutuality"
        mine.export_copy(out)
    with open_copy(theirs, editable=True) as colleague, open_copy(out) as back:
        plan = plan_merge(colleague, back)  # the colleague catches up: no conflict
        assert not plan.conflicts
        apply_merge(colleague, plan)
        assert read_state(colleague) == mine_state
