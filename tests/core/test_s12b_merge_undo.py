"""Play-through 12b: a colleague's change merged, then taken back with Undo, is offered again by
the next merge of that copy (it was lost for good: "holds nothing this engagement does not already
have", and the CLI merged 0 changes)."""

from __future__ import annotations

import shutil
from pathlib import Path

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.merge import THEIRS, apply_merge, plan_merge
from mutuality_desktop.core.merge_files import merge_files, open_copy
from mutuality_desktop.core.merge_state import read_state

from .conftest import INFO

EXIT = "joint-exit-strategy"
NOTE = "Moved from Level 1 to Level 2. The exit plan was rewritten jointly over the summer."
ADDED = " COLLEAGUE: exit plan costed in November."


def _copies(tmp_path: Path) -> tuple[Path, Path]:
    ours = tmp_path / "demo.mutuality"
    with Engagement.create(ours, INFO) as e:
        e.author = "Andrea Price"
        e.set_notes(e.rounds()[0].id, EXIT, "agreed", NOTE)
    theirs = tmp_path / "colleague.mutuality"
    shutil.copy(ours, theirs)
    with Engagement.open(theirs) as e:
        e.author = "Priya Shah"
        e.set_notes(e.rounds()[0].id, EXIT, "agreed", NOTE + ADDED)
    return ours, theirs


def _note(eng: Engagement) -> str:
    return eng.scores(eng.rounds()[0].id)[(EXIT, "agreed")].notes


def _merge(ours: Path, theirs: Path, choices=None) -> list:
    with Engagement.open(ours) as mine, open_copy(theirs) as them:
        mine.author = "Andrea Price"
        plan = plan_merge(mine, them)
        assert plan.changes_anything
        return apply_merge(mine, plan, choices)


def _undo(path: Path, changes: list) -> None:
    """What Edit → Undo does with a merge: its inverses, in one transaction, recorded."""
    with Engagement.open(path) as e:
        e.author = "Andrea Price"
        e.apply_all(tuple(c.inverse for c in reversed(changes)))


def test_a_merge_taken_back_with_undo_offers_the_colleagues_change_again(tmp_path):
    ours, theirs = _copies(tmp_path)
    changes = _merge(ours, theirs)
    with Engagement.open(ours, readonly=True) as e:
        assert _note(e) == NOTE + ADDED
    _undo(ours, changes)
    with Engagement.open(ours, readonly=True) as e:
        assert _note(e) == NOTE
    with Engagement.open(ours) as mine, open_copy(theirs) as them:
        plan = plan_merge(mine, them)
        assert [k[-1] for k in plan.take] == ["notes"] and not plan.conflicts
        assert len(plan.theirs.new) == 1 and plan.theirs.new[0].author == "Priya Shah"
        apply_merge(mine, plan)
        assert _note(mine) == NOTE + ADDED
        with open_copy(theirs) as again:  # merged for good now: nothing new
            assert not plan_merge(mine, again).changes_anything


def test_the_command_line_merges_the_undone_change_again(tmp_path):
    ours, theirs = _copies(tmp_path)
    _undo(ours, _merge(ours, theirs))
    out = tmp_path / "out.mutuality"
    plan, lines = merge_files(ours, theirs, out)
    assert lines == [] and len(plan.take) == 1 and len(plan.theirs.new) == 1
    with open_copy(out) as e:
        assert _note(e) == NOTE + ADDED


def test_a_conflict_decided_then_undone_is_a_conflict_again(tmp_path):
    ours, theirs = _copies(tmp_path)
    with Engagement.open(ours) as e:
        e.author = "Sam Lee"  # not folded into the shared entry (same author, within seconds)
        e.set_notes(e.rounds()[0].id, EXIT, "agreed", "Checked with both directors. " + NOTE)
    with Engagement.open(ours) as mine, open_copy(theirs) as them:
        plan = plan_merge(mine, them)
        first = plan.conflicts[0]
        changes = apply_merge(mine, plan, {first.key: THEIRS})
    _undo(ours, changes)
    with Engagement.open(ours) as mine, open_copy(theirs) as them:
        plan = plan_merge(mine, them)
        assert len(plan.conflicts) == 1 and not plan.take
        conflict = plan.conflicts[0]
        assert conflict.ours == "Checked with both directors. " + NOTE
        assert conflict.theirs == NOTE + ADDED and conflict.base == first.base == NOTE
        assert conflict.ours_by is not None and conflict.ours_by.author == "Sam Lee"


def test_redo_after_undo_and_a_later_edit_are_held(tmp_path):
    ours, theirs = _copies(tmp_path)
    changes = _merge(ours, theirs)
    _undo(ours, changes)
    with Engagement.open(ours) as e:  # Redo: the merge's operations again
        e.apply_all(tuple(c.op for c in changes))
        with open_copy(theirs) as them:
            assert not plan_merge(e, them).changes_anything
        # a sentence deleted on purpose after the merge stays deleted: not an undo of the merge
        e.set_notes(e.rounds()[0].id, EXIT, "agreed", NOTE + " Reviewed.")
        with open_copy(theirs) as them:
            assert not plan_merge(e, them).changes_anything
        assert read_state(e)[("score", e.rounds()[0].uuid, EXIT, "agreed", "notes")] == NOTE + " Reviewed."


def test_an_empty_other_value_is_refused_not_taken_as_erase(tmp_path):
    import pytest

    from mutuality_desktop.core.merge_text import combined, parse_value

    ours, theirs = _copies(tmp_path)
    with Engagement.open(ours) as e:
        e.author = "Sam Lee"
        e.set_notes(e.rounds()[0].id, EXIT, "agreed", "Checked with both directors. " + NOTE)
    with Engagement.open(ours) as mine, open_copy(theirs) as them:
        conflict = plan_merge(mine, them).conflicts[0]
    for empty in ("", "   \n "):
        with pytest.raises(ValueError, match="The box is empty"):
            parse_value(conflict, empty)
    assert parse_value(conflict, " Agreed. ") == "Agreed."
    assert combined(conflict.ours, conflict.theirs) == "Checked with both directors. " + NOTE + ADDED
