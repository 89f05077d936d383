"""The parking list and the agenda for the day (issue 15): operations, undo, history, JSON,
merge, the CLI and an older file."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from mutuality_desktop.cli import run
from mutuality_desktop.core import operations as ops
from mutuality_desktop.core import store
from mutuality_desktop.core.agenda import Agenda, Break, pace, plan_minutes, read_agenda
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import ValidationError
from mutuality_desktop.core.history_sentences import history_sentences
from mutuality_desktop.core.jsonio import create_from_json, engagement_json
from mutuality_desktop.core.merge_files import merge_files
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.opsjson import apply_json_operations
from mutuality_desktop.core.parking import parking_items

sys.path.insert(0, str(Path(__file__).parent))
from hostile_files import raw_edit  # noqa: E402

INFO = EngagementInfo("Review", "Council", "Provider Ltd", workshop_date=dt.date(2026, 3, 1))
F1, F2 = "joint-objective-setting", "joint-exit-strategy"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "p.mutuality"
    with Engagement.create(p, INFO):
        pass
    return p


def test_parking_a_point_is_an_operation_with_history_and_an_exact_undo(path: Path) -> None:
    with Engagement.open(path) as e:
        e.author = "Andrea Price"
        rnd = e.rounds()[0]
        added = e.apply(ops.AddParking("Who owns the exit plan budget?", F2, rnd.uuid, "client"))
        [item] = parking_items(e)
        assert (item.text, item.factor_id, item.round_id, item.raised_by, item.status) == (
            "Who owns the exit plan budget?", F2, rnd.id, "client", "open")
        resolved = e.apply(ops.ResolveParking(item.uuid))
        assert parking_items(e)[0].status == "resolved"
        edited = e.apply(ops.UpdateParking(item.uuid, {"text": "Who funds the exit plan?"}))
        sentences = history_sentences(e)
        assert "Andrea Price parked “Who owns the exit plan budget?”" in sentences[-3]
        assert "resolved the parked point" in sentences[-2]
        assert "edited the parked point" in sentences[-1] and "funds" in sentences[-1]
        for change in (edited, resolved):
            e.apply(change.inverse)
        assert parking_items(e)[0].status == "open"
        assert parking_items(e)[0].text == "Who owns the exit plan budget?"
        removed = e.apply(ops.RemoveParking(item.uuid))
        assert parking_items(e) == []
        e.apply(removed.inverse)
        assert parking_items(e) == [item], "undoing a removal puts the point back as it was"
        e.apply(added.inverse)
        assert parking_items(e) == []
        with pytest.raises(ValidationError, match="not a valid person who raised it"):
            e.apply(ops.AddParking("x", raised_by="observer"))
        with pytest.raises(ValidationError):
            e.apply(ops.AddParking("   "))


def test_the_parking_list_and_agenda_travel_through_json(path: Path, tmp_path: Path) -> None:
    with Engagement.open(path) as e:
        apply_json_operations(e, [
            {"op": "add_parking", "text": "Check the KPI data source", "factor": F1, "round": "Baseline",
             "raised_by": "provider"},
            {"op": "set_agenda", "round": "Baseline", "start": "09:00", "finish": "16:00",
             "breaks": [{"label": "Lunch", "start": "12:30", "minutes": 45}],
             "dimensions": {"mutuality": 300}}])
        data = engagement_json(e)
        uid = parking_items(e)[0].uuid
        apply_json_operations(e, [{"op": "resolve_parking", "parking": uid}])
        assert parking_items(e)[0].status == "resolved"
    assert data["parking"][0]["text"] == "Check the KPI data source"
    assert data["rounds"][0]["agenda"]["breaks"] == [{"label": "Lunch", "start": "12:30", "minutes": 45}]
    text = json.dumps(data)
    with create_from_json(json.loads(text), tmp_path / "copy.mutuality") as copy:
        [item] = parking_items(copy)
        assert (item.uuid, item.factor_id, item.raised_by) == (uid, F1, "provider")
        agenda = read_agenda(copy, copy.rounds()[0].id)
        assert agenda == Agenda(540, 960, (Break("Lunch", 750, 45),), (("mutuality", 300),))


def test_set_agenda_is_checked_recorded_and_undone(path: Path) -> None:
    with Engagement.open(path) as e:
        rnd = e.rounds()[0]
        change = e.apply(ops.SetAgenda(rnd.uuid, 570, 990, (("Lunch", 750, 45), ("Coffee", 660, 15))))
        agenda = read_agenda(e, rnd.id)
        assert agenda is not None and [b.label for b in agenda.breaks] == ["Coffee", "Lunch"]
        assert agenda.working_minutes == 420 - 60
        assert "set the agenda for Baseline: 09:30 to 16:30" in history_sentences(e)[-1]
        with pytest.raises(ValidationError, match="overlap"):
            e.apply(ops.SetAgenda(rnd.uuid, 570, 990, (("Lunch", 750, 45), ("Tea", 780, 15))))
        with pytest.raises(ValidationError, match="must be after the start"):
            e.apply(ops.SetAgenda(rnd.uuid, 990, 570))
        e.apply(change.inverse)
        assert read_agenda(e, rnd.id) is None


def test_the_plan_shares_the_day_and_says_what_to_park_when_behind(path: Path) -> None:
    with Engagement.open(path) as e:
        fw = e.framework
    agenda = Agenda(540, 900, (Break("Lunch", 720, 60),))  # 5 hours of work
    plan = plan_minutes(fw, ("mutuality",), agenda)
    assert plan.dimension_minutes == {"mutuality": 300} and plan.factor_minutes[F1] == 20
    # 10:30, two factors agreed: 90 minutes worked against 40 planned
    behind = pace(agenda, plan, plan.order[:2], 630, quick=[plan.order[5]])
    assert behind.behind == 50 and behind.left == 13
    assert behind.headline() == "50 min behind: 13 factors left, 1 h 30 min to lunch"
    assert behind.park[0] == plan.order[5], "a factor the sides agree on in pre-work is parked first"
    assert sum(plan.factor_minutes[f] for f in behind.park) >= behind.needed - behind.to_finish
    on_plan = pace(agenda, plan, plan.order[:4], 620)
    assert on_plan.headline().startswith("On plan") and on_plan.park == ()
    # 23:03, long after the 15:00 finish: no "9 min behind … 0 min of work to the finish"
    late = pace(agenda, plan, plan.order[:14], 23 * 60 + 3)
    assert late.headline() == "Past the 15:00 finish: 1 factor left"
    assert pace(agenda, plan, plan.order, 23 * 60 + 3).headline() == "Every factor in scope is agreed."
    # 00:13, hours before the 09:00 start: no "20 min ahead: 19 factors left, 647 min to coffee"
    early = pace(agenda, plan, [], 13)
    assert early.headline() == "The day starts at 09:00: 15 factors left" and early.park == ()
    two = plan_minutes(fw, ("mutuality", "economy"), Agenda(540, 900, (), (("economy", 60),)))
    assert two.dimension_minutes == {"economy": 60, "mutuality": 300}


def test_merge_keeps_new_points_from_both_copies(path: Path, tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.mutuality", tmp_path / "theirs.mutuality"
    with Engagement.open(path) as e:
        e.apply(ops.AddParking("A point both copies have"))
    shutil.copy(path, ours)
    shutil.copy(path, theirs)
    with Engagement.open(ours) as e:
        e.apply(ops.AddParking("Ours: the board's terms of reference", F1, raised_by="client"))
    with Engagement.open(theirs) as e:
        e.apply(ops.AddParking("Theirs: the exit plan budget", F2, raised_by="provider"))
        e.apply(ops.ResolveParking(parking_items(e)[0].uuid))
    out = tmp_path / "merged.mutuality"
    plan, lines = merge_files(ours, theirs, out)
    assert lines == []
    with Engagement.open(out) as e:
        items = {p.text: p for p in parking_items(e)}
    assert set(items) == {"A point both copies have", "Ours: the board's terms of reference",
                          "Theirs: the exit plan budget"}
    assert items["A point both copies have"].status == "resolved"


def test_the_cli_lists_adds_and_resolves_points(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["parking", str(path), "--add", "Confirm the risk register owner", "--factor", F1,
                "--round", "Baseline"]) == 0
    assert run(["parking", str(path)]) == 0
    out = capsys.readouterr().out
    assert "[open] Confirm the risk register owner (Joint objective setting, Baseline)" in out
    with Engagement.open(path) as e:
        uid = parking_items(e)[0].uuid
    assert run(["parking", str(path), "--resolve", uid[:8]]) == 0
    capsys.readouterr()
    assert run(["parking", str(path)]) == 0
    assert "[resolved] Confirm the risk register owner" in capsys.readouterr().out
    assert run(["agenda", str(path), "--start", "09:30", "--finish", "16:30",
                "--break", "Lunch=12:30+45", "--minutes", "mutuality=300"]) == 0
    out = capsys.readouterr().out
    assert "09:30 to 16:30: 6 h 15 min of work, 45 min of breaks" in out
    assert "Lunch: 12:30 for 45 min" in out and "Mutuality: 5 h (set by hand)" in out


def test_a_format_4_file_is_upgraded_with_an_empty_parking_list(path: Path) -> None:
    raw_edit(path, "DROP TABLE parking_item", "DROP TABLE agenda", "DROP TABLE agenda_break",
             "DROP TABLE agenda_dimension", "DROP TABLE engagement_context", "DROP TABLE round_excluded_factor",
             "DROP TABLE not_applicable",
             "DROP TABLE framework_archive", "DROP TABLE round_framework",  # format 6's
             "PRAGMA user_version=4")
    assert store.inspect(path).user_version == 4
    with Engagement.open(path) as e:
        assert parking_items(e) == [] and read_agenda(e, e.rounds()[0].id) is None
        e.apply(ops.AddParking("Works after the upgrade"))
    assert store.inspect(path).user_version == store.SCHEMA_VERSION == 6
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT text FROM parking_item").fetchone() == ("Works after the upgrade",)


def test_a_parked_point_changed_in_transit_is_caught_by_the_export_checksum(path: Path, tmp_path: Path) -> None:
    from mutuality_desktop.core import exchange
    from mutuality_desktop.core.errors import DamagedFileError
    from mutuality_desktop.core.summary import summarise

    with Engagement.open(path) as e:
        e.apply(ops.AddParking("Agree one flood risk score"))
    out = tmp_path / "sent.mutuality"
    exchange.export_file(path, out)
    assert "export checksum verified" in summarise(out)
    raw_edit(out, "UPDATE parking_item SET text = 'Something else'")
    with pytest.raises(DamagedFileError, match="do not match their checksum"):
        summarise(out)


def test_merge_takes_the_agenda_planned_in_the_other_copy(path: Path, tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.mutuality", tmp_path / "theirs.mutuality"
    shutil.copy(path, ours)
    shutil.copy(path, theirs)
    with Engagement.open(theirs) as e:
        e.apply(ops.SetAgenda(e.rounds()[0].uuid, 540, 960, (("Lunch", 750, 45),), (("mutuality", 300),)))
    with Engagement.open(ours) as e:
        e.apply(ops.AddParking("Ours only"))
    out = tmp_path / "merged.mutuality"
    _plan, lines = merge_files(ours, theirs, out)
    assert lines == []
    with Engagement.open(out) as e:
        assert read_agenda(e, e.rounds()[0].id) == Agenda(540, 960, (Break("Lunch", 750, 45),),
                                                          (("mutuality", 300),))
        assert [p.text for p in parking_items(e)] == ["Ours only"]


def test_a_new_break_goes_where_the_day_has_room_and_an_overlap_names_the_times() -> None:
    from mutuality_desktop.core.agenda import free_slot

    assert free_slot(540, 990, []) == 930  # an hour before a 16:30 finish
    assert free_slot(540, 990, [(930, 15)]) == 915  # that quarter is taken: the one before
    assert free_slot(540, 990, [(900, 45)]) == 945  # 15:00-15:45 taken: 15:45 is the nearest
    assert free_slot(540, 560, [(540, 20)]) == 540  # no room at all: the day's start, for the room to move
