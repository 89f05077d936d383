"""F11: the room sees the factor, the guide and the scores full screen; Esc goes back."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_f11_presents_the_factor_and_keys_still_score(qtbot, window, blank_path):
    window.open_path(blank_path)
    page = window.workshop
    qtbot.keyClick(page.guide, Qt.Key.Key_F11)
    room = page.presentation
    assert room is not None and room.isVisible() and room.isFullScreen()
    assert room.title.text() == page.factor().name
    qtbot.keyClicks(room, "2")
    qtbot.keyClick(room, Qt.Key.Key_Tab)
    qtbot.keyClicks(room, "4")
    assert page.guide.chosen("client") == 2 and page.guide.chosen("provider") == 4
    assert room.guide.chosen("provider") == 4
    assert "4  Advanced" in room.score_labels["provider"].text()
    qtbot.keyClick(room, Qt.Key.Key_PageDown)
    assert room.title.text() == page.factor().name and page.factor().number == 2
    qtbot.keyClick(room, Qt.Key.Key_PageUp)
    qtbot.keyClick(room, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.guide.chosen("provider") is None
    qtbot.keyClick(room, Qt.Key.Key_Escape)
    assert not room.isVisible()
    assert window.save_label.text().endswith("All changes saved")


def test_the_room_reads_the_agreed_level_as_the_answer_not_the_side_being_scored(qtbot, window,
                                                                                 demo_path):
    window.open_path(demo_path)
    page = window.workshop
    page.guide.set_focus_perspective("provider")
    qtbot.keyClick(page.guide, Qt.Key.Key_F11)
    room = page.presentation
    assert "font-weight:700" in room.score_labels["agreed"].text()
    assert "font-weight:700" not in room.score_labels["provider"].text()
    assert "underline" in room.score_labels["provider"].text()  # who is being scored, quietly
    room.resize(1920, 1080)
    qtbot.waitUntil(lambda: room.title.font().pointSizeF() > 30)  # larger screen, larger type
    qtbot.keyClick(room, Qt.Key.Key_Escape)


def test_f11_on_results_presents_both_charts_and_follows_the_scores(qtbot, window, demo_path):
    window.open_path(demo_path)
    window.show_page("Results")
    results = window.results.page
    window.actions_.present.trigger()
    room = results.presentation
    assert room is not None and room.isVisible() and room.isFullScreen()
    assert window.current_page() == "Results" and (window.workshop.presentation is None
                                                  or not window.workshop.presentation.isVisible())
    assert room.title.text().startswith("Results: ")
    mutuality = room.charts[1]
    first = mutuality.series.axis_ids[0]
    assert mutuality.style.font_scale > 1  # type sized for the room
    window.show_page("Walkthrough")
    page = window.workshop
    page.go_to_factor(first)
    page.guide.set_focus_perspective("agreed")
    qtbot.keyClicks(page.guide, "5")
    assert mutuality.values("agreed")[0] == 5.0  # the room's chart follows the scoring
    qtbot.keyClick(room, Qt.Key.Key_Escape)
    assert not room.isVisible()


def test_a_follow_up_shows_where_the_room_stood_last_round(qtbot, window, demo_path):
    from mutuality_desktop.core.engagement import Engagement

    window.open_path(demo_path)
    page = window.workshop
    eng = window.doc.engagement
    baseline, follow_up = eng.rounds()
    assert page.round_id == follow_up.id
    before = eng.scores(baseline.id)[(page.factor_id, "agreed")].level
    name = eng.framework.scale.name_of(before)
    assert page.previous_label.isVisible()
    assert page.previous_label.text() == f"{baseline.label}: agreed {before} {name}"
    qtbot.keyClick(page.guide, Qt.Key.Key_F11)
    assert f"{baseline.label.upper()}: AGREED {before}" in page.presentation.caption.text().replace("\u00a0", " ")
    qtbot.keyClick(page.presentation, Qt.Key.Key_Escape)
    page.set_round(baseline.id)  # the first round has nothing before it
    assert not page.previous_label.isVisible()
    assert isinstance(eng, Engagement)


def test_in_presentation_mode_a_digit_scores_the_view_the_screen_marks(qtbot, window, blank_path):
    """Both screens say which view the digits score, and the digit is stored for that view."""
    from PySide6.QtWidgets import QApplication

    from .test_walkthrough_journey import stored

    window.open_path(blank_path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    for k in (Qt.Key.Key_1, Qt.Key.Key_Tab):  # client 1, then on to the provider
        qtbot.keyClick(QApplication.focusWidget(), k)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F11)
    room = page.presentation
    qtbot.waitUntil(lambda: room is not None and room.isVisible())
    room.setFocus()  # the room window has the keys, as on a real screen once it is activated
    qtbot.waitUntil(lambda: QApplication.focusWidget() is room)
    assert "scoring" in room.score_labels["provider"].text()
    assert not any("scoring" in room.score_labels[p].text() for p in ("client", "agreed"))
    assert room.hint.text().startswith("0–5 score the provider view")
    assert page.bar.buttons["provider"].active  # the laptop's bar says SCORING on the same view
    qtbot.keyClick(room, Qt.Key.Key_3)
    factor_id = page.factor().id
    qtbot.waitUntil(lambda: stored(blank_path, factor_id)["provider"] == 3)
    assert stored(blank_path, factor_id)["client"] == 1 and stored(blank_path, factor_id)["agreed"] is None
    qtbot.keyClick(room, Qt.Key.Key_Tab)
    assert room.hint.text().startswith("0–5 score the agreed view")
    assert "scoring" in room.score_labels["agreed"].text()
    qtbot.keyClick(room, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: stored(blank_path, factor_id)["agreed"] == 2)
    assert stored(blank_path, factor_id)["provider"] == 3
    qtbot.keyClick(room, Qt.Key.Key_Escape)


def test_the_caption_never_breaks_inside_a_part_at_a_hyphen():
    """Play-through s12: "… · FOLLOW-UP: AGREED 2 DEVELOPING" wrapped as "FOLLOW-" / "UP: …"."""
    from PySide6.QtGui import QFont, QFontMetrics, QTextLayout

    from mutuality_desktop.ui.workshop.presentation import caption_lines

    text = caption_lines("MUTUALITY  ·  FACTOR 5 OF 15  ·  SECOND FOLLOW-UP (NOV 2026)  ·  FOLLOW-UP: AGREED 2 DEVELOPING")
    layout = QTextLayout(text, QFont("DejaVu Sans", 13, QFont.Weight.Bold))
    layout.beginLayout()
    lines = []
    width = QFontMetrics(QFont("DejaVu Sans", 13, QFont.Weight.Bold)).horizontalAdvance(text) * 0.8
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart():line.textStart() + line.textLength()])
    layout.endLayout()
    assert len(lines) == 2  # it wraps, between parts
    assert all(not line.rstrip().endswith(("-", "\u2011")) for line in lines)
    assert lines[1].lstrip().startswith("FOLLOW\u2011UP:\u00a0AGREED")
