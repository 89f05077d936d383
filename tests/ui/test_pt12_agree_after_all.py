"""Play-through 12: on a factor the room had recorded as Not agreed, one click on a level in the
agreed view made it agreed with nothing said, and its notes still began "Not agreed".

Now the click still agrees it (a facilitator whose room agrees after all clicks the level), but
the status bar says the disagreement is over and how to take it back; the sentence the "Room does
not agree" button wrote leaves the notes in the same undo step. Real input only: the notes box and
the level are clicked where they are drawn, Ctrl+Z goes to the focused widget, and the file is
read back with a second connection."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.agreement import not_agreed_opening, notes_not_agreed
from mutuality_desktop.core.engagement import Engagement

from .test_walkthrough_journey import CTRL, click_factor, key, open_walkthrough, stored
from .test_wk11_scoring_view import _click_in_view


def _click_level(qtbot, page, level: int) -> None:  # type: ignore[no-untyped-def]
    top, height = page.guide.row_span(level)
    page.guide_scroll.ensureVisible(0, top + height // 2, 0, height // 2)  # as a person scrolls to it
    qtbot.wait(20)
    qtbot.mouseClick(page.guide, Qt.MouseButton.LeftButton, pos=QPoint(page.guide.width() // 3, top + 12))


def test_a_level_on_a_factor_typed_as_not_agreed_says_the_room_now_agrees(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 8)  # Joint knowledge management strategy: not agreed in the demo
    before = stored(demo_path, factor)
    assert before["agreed"] is None and before["agreed notes"].startswith("Not agreed")
    _click_in_view(qtbot, page, page.evidence.editors["agreed"])
    assert page.bar.scoring() == ["agreed"]
    _click_level(qtbot, page, 3)
    after = stored(demo_path, factor)
    # the words typed are kept, labelled as what they were (play-through 13: "agreed 3" beside
    # notes still opening "Not agreed")
    assert after["agreed"] == 3
    assert after["agreed notes"] == "Earlier notes, from when the room did not agree: " + before["agreed notes"]
    assert page.evidence.editors["agreed"].toPlainText() == after["agreed notes"]
    said = window.statusBar().currentMessage()
    assert said == ("Joint knowledge management strategy: now agreed at 3; its \u201cNot agreed\u201d notes "
                    "kept (Ctrl+Z undoes)."), said
    key(qtbot, Qt.Key.Key_Z, CTRL)  # one step takes back both
    back = stored(demo_path, factor)
    assert back["agreed"] is None and back["agreed notes"] == before["agreed notes"]


def test_the_buttons_not_agreed_sentence_leaves_the_notes_with_the_level_and_comes_back_on_undo(
        qtbot, window, demo_path):
    eng = Engagement.open(demo_path)  # factor 7 recorded as the "Room does not agree" button does
    try:
        rnd = eng.rounds()[-1]
        scores = eng.scores(rnd.id)
        info = eng.info()
        fid = "joint-communications-strategy"
        client, provider = scores[(fid, "client")].level, scores[(fid, "provider")].level
        opening = not_agreed_opening(eng.framework.scale, info.client_organisation,
                                     info.provider_organisation, client, provider)
        text, _ = notes_not_agreed(opening, "The August statement came late.", eng.framework.scale, None)
        eng.apply_all([ops.SetScore(rnd.uuid, fid, "agreed", None),
                       ops.SetNotes(rnd.uuid, fid, "agreed", text)])
    finally:
        eng.close()
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 7)
    assert factor == fid and page.bar.buttons["agreed"].value_text() == "Not agreed"
    _click_in_view(qtbot, page, page.evidence.editors["agreed"])
    _click_level(qtbot, page, 2)
    after = stored(demo_path, factor)
    assert after["agreed"] == 2
    # the sentence goes; what was there before it stays under its "Earlier notes:" label
    assert after["agreed notes"] == "Earlier notes: The August statement came late."
    said = window.statusBar().currentMessage()
    assert said.startswith("Joint communications strategy: now agreed at 2; ") and said.endswith(
        "\u201cNot agreed\u201d taken out of its notes (Ctrl+Z undoes)."), said
    assert page.evidence.editors["agreed"].toPlainText() == after["agreed notes"]
    assert QApplication.focusWidget() is not None
    key(qtbot, Qt.Key.Key_Z, CTRL)  # one step takes back both
    back = stored(demo_path, factor)
    assert back["agreed"] is None and back["agreed notes"] == text
