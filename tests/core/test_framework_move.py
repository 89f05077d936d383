"""Moving an engagement to a newer scoring guide between rounds (issue 21, format 6): the operation,
its undo, the guide each round was scored on, the upgrade of older files, JSON, merge and copies."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core import store
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import ValidationError
from mutuality_desktop.core.framework_guide import rounds_version_sentence
from mutuality_desktop.core.framework_move import compared_guides, round_guides
from mutuality_desktop.core.history_sentences import history_sentences
from mutuality_desktop.core.jsonio import create_from_json, engagement_json
from mutuality_desktop.core.merge import MergeError
from mutuality_desktop.core.report.data import report_data
from mutuality_desktop.core.report.wording import comparison_lead
from mutuality_desktop.core.snapshot import take_snapshot
from mutuality_desktop.core.summary import summarise

sys.path.insert(0, str(Path(__file__).parent))
from conftest import INFO  # noqa: E402
from hostile_files import raw_edit  # noqa: E402
from newer_guide import (  # noqa: E402
    ADDED,
    ADDED_NAME,
    NEW,
    OLD,
    REMOVED,
    REWORDED,
    newer_guide,
    newer_guide_text,
)

OBJECTIVES = REWORDED[0]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A baseline on the app's guide with the factor the newer guide drops and one it rewords agreed."""
    path = tmp_path / "moving.mutuality"
    with Engagement.create(path, INFO) as e:
        base = e.rounds()[0].id
        e.set_score(base, REMOVED, "agreed", 3)
        e.set_score(base, OBJECTIVES, "agreed", 2)
    return path


def versions(e: Engagement) -> dict[str, str]:
    guides = round_guides(e)
    return {r.label: guides[r.id].version for r in e.rounds()}


def test_a_move_keeps_the_baseline_on_its_guide_and_scores_the_follow_up_on_the_new_one(path: Path) -> None:
    with Engagement.open(path) as e:
        change = e.apply(ops.MoveToFramework(newer_guide_text()))
        assert e.framework.version == NEW
        follow = e.add_round("Follow-up").id
        e.set_score(follow, ADDED, "agreed", 1)  # the new factor is scored in the new round
        e.set_score(follow, OBJECTIVES, "agreed", 3)
        assert versions(e) == {"Baseline": OLD, "Follow-up": NEW}
        assert history_sentences(e)[-4].startswith(f"{e.author} moved the engagement from guide {OLD} to {NEW}")
        assert change.before == {"version": OLD} and change.after == {"version": NEW}
    with Engagement.open(path) as e:  # the received-file checks accept the kept scores and guides
        assert versions(e) == {"Baseline": OLD, "Follow-up": NEW}
        base = e.rounds()[0].id
        assert e.scores(base)[(REMOVED, "agreed")].level == 3  # the dropped factor's score is kept
        e.set_score(base, REMOVED, "agreed", 4)  # and can still be corrected in the Baseline
        snap = take_snapshot(e)
        baseline_guide = snap.rounds[0].guide
        assert baseline_guide is not None and baseline_guide.has_factor(REMOVED)
        assert not baseline_guide.has_factor(ADDED)  # unscored in the Baseline: not in its guide
        assert snap.rounds[1].guide is None  # the guide in use
    summary = summarise(path)  # counted on the guide each round was scored on
    assert f"Baseline 2/20 agreed on guide {OLD} (2 of 6 dimensions)" in summary
    assert "Follow-up 2/20 agreed (2 of 6 dimensions)" in summary


def test_comparing_rounds_on_two_guides_says_which_each_used_and_leaves_out_the_factors_not_in_both(
        path: Path) -> None:
    with Engagement.open(path) as e:
        e.apply(ops.MoveToFramework(newer_guide_text()))
        follow = e.add_round("Follow-up").id
        e.set_score(follow, OBJECTIVES, "agreed", 3)
        sentence = rounds_version_sentence(e.framework, *compared_guides(e, follow))
        new = newer_guide()
        assert sentence == (
            f"Baseline was scored on guide {OLD}, Follow-up on {NEW}; 2 factors are worded differently: "
            f"{new.factor(REWORDED[0]).name}, {new.factor(REWORDED[1]).name}. Left out of the comparison "
            f"because they are not in both guides: {ADDED_NAME} (only in {NEW}), Inflation and "
            f"indexation control (only in {OLD}).")
        lead = comparison_lead(report_data(take_snapshot(e)))
        assert f"Baseline was scored on guide {OLD}, Follow-up on {NEW}" in lead
        assert "Both rounds were scored against" not in lead
        changes = take_snapshot(e).findings(follow).changes
        assert {c.factor.id for c in changes if c.delta is not None} == {OBJECTIVES}
        assert REMOVED not in {c.factor.id for c in changes}  # the dropped factor is not compared


def test_a_round_not_yet_scored_moves_with_the_engagement(path: Path) -> None:
    with Engagement.open(path) as e:
        e.add_round("Follow-up")  # added, not yet scored
        e.apply(ops.MoveToFramework(newer_guide_text()))
        assert versions(e) == {"Baseline": OLD, "Follow-up": NEW}


def test_undo_puts_the_engagement_back_on_its_guide_and_redo_moves_it_again(path: Path) -> None:
    with Engagement.open(path) as e:
        change = e.apply(ops.MoveToFramework(newer_guide_text()))
        back = e.apply(change.inverse)
        assert e.framework.version == OLD
        assert e.connection.execute("SELECT count(*) FROM framework_archive").fetchone()[0] == 0
        assert e.connection.execute("SELECT count(*) FROM round_framework").fetchone()[0] == 0
        follow = e.add_round("Follow-up").id  # added after the undo: on 2.0.0
        e.apply(back.inverse)  # redo
        assert e.framework.version == NEW
        # the follow-up holds nothing yet, so it moves with the engagement (play-through s5: an
        # empty round left on the old guide was scored by the room on the new guide's wording)
        assert versions(e) == {"Baseline": OLD, "Follow-up": NEW}
        assert follow in round_guides(e)


@pytest.mark.parametrize(("edit", "refusal"), [
    (lambda raw: raw.update(id="another-guide"), "moves only to another version of its own guide"),
    (lambda raw: raw["factors"].clear(), "factor"),  # not a guide the app can read
    (lambda raw: None, f"already uses guide {OLD}"),
])
def test_a_move_the_rounds_could_not_survive_is_refused_and_changes_nothing(path: Path, edit, refusal) -> None:
    with Engagement.open(path) as e:
        raw = json.loads(e.framework.source_text)
        edit(raw)
        text = e.framework.source_text if raw == json.loads(e.framework.source_text) else json.dumps(raw)
        with pytest.raises(ValidationError, match=refusal):
            e.apply(ops.MoveToFramework(text))
        assert e.framework.version == OLD and len(e.history()) == 2


def test_an_older_file_upgrades_with_every_round_on_its_own_guide(path: Path) -> None:
    with Engagement.open(path) as e:
        e.add_round("Follow-up")
    raw_edit(path, "DROP TABLE framework_archive", "DROP TABLE round_framework", "PRAGMA user_version=5")
    with Engagement.open(path) as e:
        assert versions(e) == {"Baseline": OLD, "Follow-up": OLD}
        assert e.connection.execute("SELECT count(*) FROM round_framework").fetchone()[0] == 2
        e.apply(ops.MoveToFramework(newer_guide_text()))
        e.add_round("Second follow-up")
        assert versions(e)["Second follow-up"] == NEW
    assert store.inspect(path).user_version == store.SCHEMA_VERSION == 6


def test_the_json_form_carries_the_earlier_guide_and_each_round_s(path: Path, tmp_path: Path) -> None:
    with Engagement.open(path) as e:
        e.apply(ops.MoveToFramework(newer_guide_text()))
        e.set_score(e.add_round("Follow-up").id, ADDED, "agreed", 2)
        data = engagement_json(e)
    assert [g["version"] for g in data["framework"]["earlier"]] == [OLD]
    with create_from_json(json.loads(json.dumps(data)), tmp_path / "again.mutuality") as again:
        assert versions(again) == {"Baseline": OLD, "Follow-up": NEW}
        assert again.scores(again.rounds()[0].id)[(REMOVED, "agreed")].level == 3
        assert again.framework.version == NEW


def test_an_exported_copy_of_a_moved_file_verifies_and_opens_on_both_guides(path: Path, tmp_path: Path) -> None:
    with Engagement.open(path) as e:
        e.apply(ops.MoveToFramework(newer_guide_text()))
        e.add_round("Follow-up")
        e.export_copy(tmp_path / "copy.mutuality", path)
    assert "export checksum verified" in summarise(tmp_path / "copy.mutuality")
    raw_edit(tmp_path / "copy.mutuality", "UPDATE round_framework SET sha256 = (SELECT sha256 FROM "
             "framework_snapshot) WHERE round_uuid = (SELECT uuid FROM round ORDER BY id LIMIT 1)")
    with pytest.raises(Exception, match="changed|tamper|checksum"):
        summarise(tmp_path / "copy.mutuality")  # a round moved to another guide by hand shows


def test_merging_a_moved_copy_with_one_not_moved_is_refused_naming_both_versions(path: Path, tmp_path: Path) -> None:
    from mutuality_desktop.core.merge import plan_merge

    other = tmp_path / "other.mutuality"
    with Engagement.open(path) as e:
        e.export_copy(other, path)
        e.apply(ops.MoveToFramework(newer_guide_text()))
    refusal = f"uses guide {OLD} and this copy uses {NEW}.*Move the copy on the older guide"
    with (Engagement.open(path) as ours, Engagement.open(other, readonly=True) as theirs,
          pytest.raises(MergeError, match=refusal)):
        plan_merge(ours, theirs)
    with Engagement.open(other) as e:  # moved too: the copies merge
        e.apply(ops.MoveToFramework(newer_guide_text()))
    with Engagement.open(path) as ours, Engagement.open(other, readonly=True) as theirs:
        plan_merge(ours, theirs)


def test_a_damaged_earlier_guide_is_refused_on_opening(path: Path) -> None:
    with Engagement.open(path) as e:
        e.apply(ops.MoveToFramework(newer_guide_text()))
    raw_edit(path, "UPDATE framework_archive SET content = content || ' '")
    with pytest.raises(Exception, match="earlier scoring guide it keeps does not match its checksum"):
        Engagement.open(path)


def test_the_csv_lists_each_round_on_the_guide_it_was_scored_on(path: Path) -> None:
    from mutuality_desktop.core.tables import score_rows

    with Engagement.open(path) as e:
        e.apply(ops.MoveToFramework(newer_guide_text()))
        e.set_score(e.add_round("Follow-up").id, ADDED, "agreed", 2)
        rows = score_rows(take_snapshot(e))
    baseline = {r[4]: r[9] for r in rows if r[0] == "Baseline"}
    follow = {r[4]: r[9] for r in rows if r[0] == "Follow-up"}
    assert baseline["Inflation and indexation control"] == "3"  # dropped later, kept for the Baseline
    assert ADDED_NAME not in baseline and follow[ADDED_NAME] == "2"
    assert "Inflation and indexation control" not in follow


def test_a_guide_rewritten_throughout_is_said_in_one_phrase_not_forty_names(tmp_path: Path) -> None:
    from mutuality_desktop.core.framework import default_framework, load_framework

    old = load_framework(Path(__file__).parent / "data" / "vfm-mutuality-1.0.1.json")
    path = tmp_path / "old.mutuality"
    with Engagement.create(path, INFO, old) as e:
        e.set_score(e.rounds()[0].id, old.factors[0].id, "agreed", 2)  # the baseline was scored on 1.0.1
        e.apply(ops.MoveToFramework(default_framework().source_text))
        follow = e.add_round("Follow-up").id
        sentence = rounds_version_sentence(e.framework, *compared_guides(e, follow))
    assert sentence == (f"Baseline was scored on guide 1.0.1, Follow-up on {OLD}; all 40 factors in both "
                        "guides are worded differently.")


def test_a_removed_round_put_back_by_undo_keeps_the_guide_it_was_scored_on(path: Path) -> None:
    with Engagement.open(path) as e:
        e.apply(ops.MoveToFramework(newer_guide_text()))
        e.add_round("Follow-up")
        baseline = e.rounds()[0]
        removed = e.apply(ops.RemoveRound(baseline.uuid))
        e.apply(removed.inverse)
        assert versions(e) == {"Baseline": OLD, "Follow-up": NEW}
        assert e.scores(e.rounds()[0].id)[(REMOVED, "agreed")].level == 3


def test_a_round_pinned_to_a_guide_the_file_does_not_keep_is_refused_on_opening(path: Path) -> None:
    with Engagement.open(path) as e:
        e.apply(ops.MoveToFramework(newer_guide_text()))
    raw_edit(path, "UPDATE round_framework SET sha256 = 'ab'")
    with pytest.raises(Exception, match="scored on a scoring guide the file does not keep"):
        Engagement.open(path)


def test_a_round_only_the_other_copy_scored_on_the_earlier_guide_is_not_merged_as_if_on_the_new(
        path: Path, tmp_path: Path) -> None:
    from mutuality_desktop.core.merge import plan_merge

    other = tmp_path / "other.mutuality"
    with Engagement.open(path) as e:
        e.export_copy(other, path)
        e.apply(ops.MoveToFramework(newer_guide_text()))
    with Engagement.open(other) as e:  # the colleague adds a round on 2.0.0, then moves too
        interim = e.add_round("Interim").id
        e.set_score(interim, e.framework.factors[0].id, "agreed", 3)
        e.apply(ops.MoveToFramework(newer_guide_text()))
    with (Engagement.open(path) as ours, Engagement.open(other, readonly=True) as theirs,
          pytest.raises(MergeError, match=f"has the round .Interim., scored there on guide {OLD}")):
        plan_merge(ours, theirs)
