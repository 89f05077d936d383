"""Three-way merge of two copies of one engagement, from the histories they carry."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.merge import OURS, THEIRS, MergeError, apply_merge, plan_merge
from mutuality_desktop.core.merge_files import merge_files, open_copy
from mutuality_desktop.core.merge_state import read_state
from mutuality_desktop.core.model import EngagementInfo

from .conftest import INFO

F1, F2, F3 = "joint-objective-setting", "joint-governance-structure", "joint-exit-strategy"


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """An engagement with a follow-up round, two participants, an action and branding."""
    path = tmp_path / "base.mutuality"
    with Engagement.create(path, INFO) as e:
        e.author = "Andrea Price"
        rid = e.rounds()[0].id
        e.add_round("Follow-up", dt.date(2026, 9, 1))
        e.set_score(rid, F1, "agreed", 2)
        e.set_notes(rid, F1, "agreed", "Plan seen.")
        e.set_score(rid, F2, "client", 3)
        e.add_participant("Siân Evans", "Director of Place", "client")
        e.add_participant("Tom Reid", "Contract manager", "provider")
        e.set_participant_score(rid, F1, e.participants()[0].id, 2, "Mostly ours")
        e.add_action(F3, "Draft the exit plan", "Siân Evans", "joint")
        e.save_branding('{"name": "Base"}')
    return path


def copies(base: Path) -> tuple[Path, Path]:
    ours, theirs = base.with_name("ours.mutuality"), base.with_name("theirs.mutuality")
    shutil.copy(base, ours)
    shutil.copy(base, theirs)  # a byte copy: both share the replica id stored in the file
    return ours, theirs


def edit(path: Path, author: str, fn) -> None:
    with Engagement.open(path) as e:
        e.author = author
        fn(e)


def ids(e: Engagement) -> tuple[int, int, int, int, int]:
    r0, r1 = (r.id for r in e.rounds())
    p0, p1 = (p.id for p in e.participants())
    return r0, r1, p0, p1, e.actions()[0].id


def state_of(path: Path, passphrase: str | None = None) -> dict:
    with open_copy(path, passphrase) as e:
        return read_state(e)


def merged(ours: Path, theirs: Path, out: Path, **kw) -> tuple:
    plan, lines = merge_files(ours, theirs, out, **kw)
    return plan, lines


def ours_edits(e: Engagement) -> None:
    r0, r1, p0, p1, a0 = ids(e)
    e.set_score(r0, F1, "agreed", 3)  # clashes with theirs (4)
    e.set_notes(r0, F2, "client", "Board minutes seen.")  # ours only
    e.set_confidence(r0, F1, "agreed", "high")  # same on both sides
    e.update_action(a0, status="in progress")  # clashes with theirs (done)
    e.add_action(F2, "Agree a joint board", "Tom Reid", "provider")  # ours only
    e.update_participant(p1, role="Head of contracts")  # ours only
    e.update_info(workshop_venue="Civic Centre")  # clashes
    e.update_round(r1, label="Six-month review")  # ours only


def theirs_edits(e: Engagement) -> None:
    r0, r1, p0, p1, a0 = ids(e)
    e.set_score(r0, F1, "agreed", 4)
    e.set_notes(r0, F1, "agreed", "Plan seen and signed by both.")  # theirs only
    e.set_confidence(r0, F1, "agreed", "high")
    e.update_action(a0, status="done")
    e.set_participant_score(r0, F1, p0, 3, "Changed my mind")  # theirs only
    e.add_participant("Priya Shah", "Finance lead", "client")  # theirs only
    e.update_info(workshop_venue="Town Hall annexe", contract_reference="NBC/2019/045")
    e.set_score(r1, F2, "provider", 2)  # theirs only, in the other round
    e.save_branding('{"name": "Theirs"}')  # theirs only


def test_one_sided_changes_merge_and_clashes_are_listed(base, tmp_path):
    ours, theirs = copies(base)
    edit(ours, "Andrea Price", ours_edits)
    edit(theirs, "Siân Evans", theirs_edits)
    out = tmp_path / "out.mutuality"
    plan, lines = merged(ours, theirs, out)
    assert not out.exists()
    assert len(lines) == 3
    joined = "\n".join(lines)
    assert "Baseline, Joint objective setting, agreed level: ours 3, theirs 4 (before: 2)" in joined
    assert "status: ours “in progress”, theirs “done”" in joined
    assert "engagement workshop venue" in joined


def test_prefer_decides_and_nothing_else_is_lost(base, tmp_path):
    ours, theirs = copies(base)
    edit(ours, "Andrea Price", ours_edits)
    edit(theirs, "Siân Evans", theirs_edits)
    out = tmp_path / "out.mutuality"
    merged(ours, theirs, out, prefer=THEIRS, author="Sian Evans")
    s = state_of(out)
    o, t = state_of(ours), state_of(theirs)
    for key in set(o) | set(t):  # every field is ours' or theirs' value
        assert s.get(key) in (o.get(key), t.get(key)), key
    with Engagement.open(out, readonly=True) as e:
        r0, r1 = (r.uuid for r in e.rounds())
        assert e.rounds()[1].label == "Six-month review"
        assert s[("score", r0, F1, "agreed", "level")] == 4
        assert s[("score", r0, F1, "agreed", "notes")] == "Plan seen and signed by both."
        assert s[("score", r0, F2, "client", "notes")] == "Board minutes seen."
        assert s[("score", r1, F2, "provider", "level")] == 2
        assert [a.status for a in e.actions()] == ["done", "open"]
        assert {p.name for p in e.participants()} == {"Siân Evans", "Tom Reid", "Priya Shah"}
        assert next(p.role for p in e.participants() if p.name == "Tom Reid") == "Head of contracts"
        info = e.info()
        assert (info.workshop_venue, info.contract_reference) == ("Town Hall annexe", "NBC/2019/045")
        assert e.branding_json() == '{"name": "Theirs"}'
        history = e.history()
    authors = {h.author for h in history}
    assert {"Andrea Price", "Siân Evans", "Sian Evans"} <= authors
    last = history[-1]
    assert last.op == "merge" and last.author == "Sian Evans"
    assert last.after["ours"]["file"] == "ours.mutuality"
    assert last.after["theirs"]["file"] == "theirs.mutuality"
    assert {d["chosen"] for d in last.after["decided"]} == {THEIRS}


def test_merging_both_ways_gives_the_same_engagement(base, tmp_path):
    ours, theirs = copies(base)
    edit(ours, "Andrea Price", ours_edits)
    edit(theirs, "Siân Evans", theirs_edits)
    a, b = tmp_path / "a.mutuality", tmp_path / "b.mutuality"
    merged(ours, theirs, a, prefer=OURS)
    merged(theirs, ours, b, prefer=THEIRS)
    assert state_of(a) == state_of(b)


def test_merging_again_or_into_itself_changes_nothing(base, tmp_path):
    ours, theirs = copies(base)
    edit(ours, "Andrea Price", ours_edits)
    edit(theirs, "Siân Evans", theirs_edits)
    out = tmp_path / "out.mutuality"
    merged(ours, theirs, out, prefer=OURS)
    for other in (theirs, ours, out):
        with open_copy(out, editable=True) as mine, open_copy(other) as them:
            plan = plan_merge(mine, them)
            assert not plan.take and not plan.conflicts and not plan.theirs.new, other
    with open_copy(theirs, editable=True) as mine, open_copy(out) as them:
        plan = plan_merge(mine, them)  # theirs catches up with the merged copy: no conflict
        assert not plan.conflicts
        apply_merge(mine, plan)
        assert read_state(mine) == state_of(out)


def test_removal_on_one_side_and_edit_on_the_other_is_a_conflict(base, tmp_path):
    ours, theirs = copies(base)
    edit(ours, "A", lambda e: e.remove_action(e.actions()[0].id))
    edit(theirs, "B", lambda e: e.update_action(e.actions()[0].id, owner="Tom Reid"))
    edit(ours, "A", lambda e: e.remove_round(e.rounds()[1].id))
    edit(theirs, "B", lambda e: e.set_score(e.rounds()[1].id, F1, "client", 1))
    plan, lines = merged(ours, theirs, tmp_path / "x.mutuality")
    assert len(lines) == 2 and all("removed in one copy, edited in the other" in x for x in lines)
    out = tmp_path / "t.mutuality"
    merged(ours, theirs, out, prefer=THEIRS)
    with Engagement.open(out, readonly=True) as e:
        assert [a.owner for a in e.actions()] == ["Tom Reid"]
        rnd = e.rounds()[1]
        assert e.scores(rnd.id)[(F1, "client")].level == 1
    out2 = tmp_path / "o.mutuality"
    merged(ours, theirs, out2, prefer=OURS)
    with Engagement.open(out2, readonly=True) as e:
        assert e.actions() == [] and len(e.rounds()) == 1


def test_a_removal_nobody_else_touched_is_taken(base, tmp_path):
    ours, theirs = copies(base)
    edit(theirs, "B", lambda e: e.remove_participant(e.participants()[0].id))
    edit(ours, "A", lambda e: e.set_score(e.rounds()[0].id, F3, "agreed", 1))
    out = tmp_path / "out.mutuality"
    plan, lines = merged(ours, theirs, out)
    assert lines == []
    with Engagement.open(out, readonly=True) as e:
        assert [p.name for p in e.participants()] == ["Tom Reid"]
        assert e.participant_scores(e.rounds()[0].id) == []
        assert e.scores(e.rounds()[0].id)[(F3, "agreed")].level == 1


def test_copies_of_different_engagements_are_refused(base, tmp_path):
    other = tmp_path / "other.mutuality"
    with Engagement.create(other, EngagementInfo(**{**INFO.__dict__, "uuid": ""})):
        pass
    with pytest.raises(MergeError, match="is not a copy of this engagement"):
        merge_files(base, other, tmp_path / "out.mutuality")


def test_protected_copies_merge_after_unlocking(base, tmp_path):
    from mutuality_desktop.core.errors import PassphraseError
    from mutuality_desktop.core.exchange import export_file

    ours, theirs = copies(base)
    edit(theirs, "B", lambda e: e.set_score(e.rounds()[0].id, F3, "agreed", 4))
    sealed = tmp_path / "theirs-protected.mutuality"
    export_file(theirs, sealed, passphrase="correct horse")
    out = tmp_path / "out.mutuality"
    with pytest.raises(PassphraseError):
        merge_files(ours, sealed, out, passphrase="wrong")
    merge_files(ours, sealed, out, passphrase="correct horse")
    with Engagement.open(out, readonly=True) as e:
        assert e.scores(e.rounds()[0].id)[(F3, "agreed")].level == 4


def _raw(path: Path, sql: str, *params) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_data_changed_outside_the_app_is_refused(base, tmp_path):
    ours, theirs = copies(base)
    _raw(theirs, "UPDATE score SET level = 0 WHERE factor_id = ? AND perspective = 'client'", F2)
    with pytest.raises(MergeError, match="history contradicts|neither history records"):
        merge_files(ours, theirs, tmp_path / "out.mutuality")


def test_a_forged_history_is_refused(base, tmp_path):
    ours, theirs = copies(base)
    _raw(theirs, "UPDATE history SET \"before\" = '1' WHERE op = 'set_score'")
    with pytest.raises(MergeError, match="forged"):
        merge_files(ours, theirs, tmp_path / "out.mutuality")


def test_history_contradicting_data_is_refused(base, tmp_path):
    ours, theirs = copies(base)
    _raw(theirs, "UPDATE history SET \"after\" = '0' WHERE op = 'set_score'")
    with pytest.raises(MergeError, match="contradicts"):
        merge_files(ours, theirs, tmp_path / "out.mutuality")


def test_mismatched_identities_are_refused(base, tmp_path):
    ours, theirs = copies(base)
    _raw(theirs, "UPDATE participant SET uuid = 'not-the-same-person' WHERE name = 'Tom Reid'")
    with pytest.raises(MergeError):
        merge_files(ours, theirs, tmp_path / "out.mutuality")


def test_a_received_file_is_checked_as_any_received_file(base, tmp_path):
    from mutuality_desktop.core.errors import EngagementFileError

    ours, theirs = copies(base)
    theirs.write_bytes(theirs.read_bytes()[:4096])
    with pytest.raises(EngagementFileError):
        merge_files(ours, theirs, tmp_path / "out.mutuality")


def test_the_merge_is_one_transaction_with_their_changes_and_one_merge_entry_in_the_history(base, tmp_path):
    ours, theirs = copies(base)
    edit(theirs, "B", theirs_edits)
    with Engagement.open(ours) as mine, open_copy(theirs) as them:
        before = read_state(mine)
        count = len(mine.history())
        plan = plan_merge(mine, them)
        changes = apply_merge(mine, plan)
        assert changes and all(isinstance(c.op, ops.Operation) for c in changes)
        history = mine.history()
        # their changes under their names, then one merge entry: not each change again under mine
        assert len(history) == count + len(plan.theirs.new) + 1
        assert [e.op for e in history[count:] if e.author == mine.author] == ["merge"]
        for change in reversed(changes):  # the app's undo: the inverses, newest first
            mine.apply(change.inverse)
        back = read_state(mine)
        assert read_state(them) != before
    assert back == before


def test_an_older_file_is_upgraded_before_merging(format2_file, tmp_path):
    theirs = tmp_path / "theirs2.mutuality"
    shutil.copy(format2_file, theirs)
    plan, lines = merge_files(format2_file, theirs, tmp_path / "out.mutuality")
    assert lines == [] and not plan.take and not plan.conflicts


def test_an_export_records_where_it_came_from_through_a_colleague(base, tmp_path):
    from mutuality_desktop.core.exchange import export_file, origins
    from mutuality_desktop.core.merge_files import is_returned_copy

    sent = tmp_path / "sent.mutuality"
    export_file(base, sent)
    colleague = tmp_path / "colleague.mutuality"
    shutil.copy(sent, colleague)
    edit(colleague, "Sian Evans", lambda e: e.set_score(e.rounds()[0].id, F3, "client", 2))
    back = tmp_path / "back.mutuality"
    export_file(colleague, back, passphrase="shared secret")
    with open_copy(back, "shared secret") as returned:
        names = [o["name"] for o in origins(returned.connection)]
        assert names == ["base.mutuality", "colleague.mutuality"]
        with Engagement.open(base) as mine:
            assert is_returned_copy(returned, mine)
        other = tmp_path / "unrelated.mutuality"
        shutil.copy(base, other)
        with Engagement.open(other) as unrelated:  # the same engagement, another file
            assert not is_returned_copy(returned, unrelated)


def test_a_forged_entry_with_odd_values_is_refused_not_a_crash(base, tmp_path):
    ours, theirs = copies(base)
    _raw(theirs, 'INSERT INTO history (uuid, at, author, replica, op, target, "before", "after") '
         "VALUES ('forged-1', 'yesterday', 'X', 'r', 'set_score', ?, '1', '5')",
         '{"round": [1, 2], "factor": {"a": 1}, "perspective": "agreed"}')
    with pytest.raises(MergeError, match="contradicts"):
        merge_files(ours, theirs, tmp_path / "out.mutuality")
    _raw(theirs, "DELETE FROM history WHERE uuid = 'forged-1'")
    _raw(theirs, 'INSERT INTO history (uuid, at, author, replica, op, target, "before", "after") '
         "VALUES ('forged-2', 'yesterday', 'X', 'r', 'merge', '{}', 'null', ?)",
         '{"decided": [{"key": [["x"], {"y": 1}], "value": 1}], "rows": [[[1]]]}')
    with pytest.raises(MergeError):
        merge_files(ours, theirs, tmp_path / "out.mutuality")


def test_the_merged_file_is_a_new_file_that_remembers_ours(base, tmp_path):
    from mutuality_desktop.core.merge_files import is_returned_copy

    ours, theirs = copies(base)
    for target in (ours, theirs):
        with pytest.raises(MergeError, match="Choose a new file"):
            merge_files(ours, theirs, target)
    out = tmp_path / "merged.mutuality"
    merge_files(ours, theirs, out)
    with open_copy(out) as merged, Engagement.open(ours) as mine:
        assert is_returned_copy(merged, mine)
