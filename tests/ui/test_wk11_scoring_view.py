"""A click in a side's notes box makes that side the one a click on the guide scores; the screen
says so where the facilitator looks, and the click scores that side and no other (play-through 11:
after a click in the agreed notes only the score bar's small "AGREED · SCORING" said so).

Real input only: the notes box and the level are clicked where they are drawn, and the file is
read back with a second connection."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import QApplication

from mutuality_desktop.ui import theme

from .test_walkthrough_journey import click_factor, open_walkthrough, stored


def _chip_fill(strip) -> QColor:  # type: ignore[no-untyped-def]
    """The fill of the chip the line over the guide shows, as drawn (left of its label)."""
    image = strip.grab().toImage()
    ratio = image.devicePixelRatio()
    rect = strip.chip_rect
    assert rect.isValid() and strip.rect().contains(rect), "no chip drawn"
    return QColor(image.pixel(int((rect.left() + 5) * ratio), int(rect.center().y() * ratio)))


def _click_in_view(qtbot, page, widget) -> None:  # type: ignore[no-untyped-def]
    """Click the middle of a notes box, scrolled into sight as a person would scroll to it."""
    page.side_scroll.ensureWidgetVisible(widget)
    qtbot.wait(20)
    target = widget.viewport() if hasattr(widget, "viewport") else widget
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.rect().center())


@pytest.mark.parametrize("width", [1366, 1024])
def test_a_click_after_the_agreed_notes_scores_the_agreed_view_and_the_screen_says_so_first(
        qtbot, window, demo_path, width):
    window.resize(width, 768)
    qtbot.waitUntil(lambda: window.width() == width)
    page = open_walkthrough(qtbot, window, demo_path)
    factor = page.factor_id
    before = stored(demo_path, factor)
    assert before["client"] == 3 and before["agreed"] == 3
    strip = page.scoring_strip
    assert page.bar.scoring() == ["client"] and strip.perspective == "client"

    _click_in_view(qtbot, page, page.evidence.editors["agreed"])
    assert QApplication.focusWidget() is page.evidence.editors["agreed"]
    # before the click on the guide, the screen shows Agreed as the view a click scores: the bar's
    # card, the line over the guide (with the agreed chip's colour) and the ring on its level
    assert page.bar.scoring() == ["agreed"]
    assert strip.isVisible() and strip.text() == "Click a level to score the Agreed view"
    told = QAccessible.queryAccessibleInterface(strip)  # what a screen reader reads there
    assert told.role() == QAccessible.Role.StaticText and told.text(QAccessible.Text.Name) == strip.text()
    assert _chip_fill(strip) == QColor(theme.ACCENT)  # the agreed chip's colour, as on the guide
    assert page.guide.focus_perspective() == "agreed"
    viewport = page.guide_scroll.viewport()
    assert strip.mapTo(window, QPoint(0, strip.height())).y() <= viewport.mapTo(window, QPoint(0, 0)).y()

    top, height = page.guide.row_span(4)
    page.guide_scroll.ensureVisible(0, top + height // 2, 0, height // 2)  # as a person scrolls to it
    qtbot.wait(20)
    qtbot.mouseClick(page.guide, Qt.MouseButton.LeftButton, pos=QPoint(page.guide.width() // 3, top + 12))

    after = stored(demo_path, factor)
    assert after["agreed"] == 4, after
    assert after["client"] == before["client"] and after["provider"] == before["provider"]
    assert page.bar.scoring() == ["agreed"] and strip.perspective == "agreed"
    # the guide has the keys now: the line says digits score the agreed view too
    assert strip.text() == "Click a level or type 0–5 to score the Agreed view"


def test_the_client_notes_then_a_click_scores_the_client_and_the_line_follows(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = page.factor_id
    before = stored(demo_path, factor)
    _click_in_view(qtbot, page, page.evidence.editors["provider"])
    assert page.scoring_strip.text() == "Click a level to score the Provider view"
    _click_in_view(qtbot, page, page.evidence.editors["client"])
    assert page.bar.scoring() == ["client"]
    assert page.scoring_strip.text() == "Click a level to score the Client view"
    assert _chip_fill(page.scoring_strip) == QColor(theme.INK)  # the client chip's colour
    top, _ = page.guide.row_span(2)
    page.guide_scroll.ensureVisible(0, top + 12, 0, 12)
    qtbot.mouseClick(page.guide, Qt.MouseButton.LeftButton, pos=QPoint(page.guide.width() // 3, top + 12))
    after = stored(demo_path, factor)
    assert after["client"] == 2
    assert after["agreed"] == before["agreed"] and after["provider"] == before["provider"]


def test_a_read_only_file_names_no_view_to_score(qtbot, window, demo_path):
    from mutuality_desktop.core.engagement import Engagement

    with Engagement.open(demo_path):  # another window holds it: this one opens read-only
        page = open_walkthrough(qtbot, window, demo_path)
        assert window.doc.readonly
        assert page.bar.scoring() == []
        assert page.scoring_strip.text() == "Read-only: a click on a level scores nothing"


def test_a_click_on_another_views_chip_scores_the_view_marked_and_clears_nothing(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 3)  # Behaviours and trust indicators: client 2, provider 3, agreed 2
    before = stored(demo_path, factor)
    assert (before["client"], before["provider"], before["agreed"]) == (2, 3, 2)
    _click_in_view(qtbot, page, page.evidence.editors["agreed"])
    assert page.scoring_strip.text() == "Click a level to score the Agreed view"
    guide = page.guide
    fit = guide._layout()
    three = next(r for r in fit.rows if r.value == 3)
    chips = [p for p, _ in guide._row_chips(3)]
    assert chips == ["provider"]
    chip = guide._chip_rect(fit, three, 0)  # the Provider chip on level 3, where the pointer lands
    page.guide_scroll.ensureVisible(0, chip.center().y(), 0, chip.height())
    qtbot.mouseClick(guide, Qt.MouseButton.LeftButton, pos=chip.center())
    after = stored(demo_path, factor)
    assert after["agreed"] == 3, after  # the view the screen named
    assert after["provider"] == 3 and after["client"] == 2  # the provider's level is still there
    assert page.bar.scoring() == ["agreed"]
    # the marked view's own chip still takes its level away
    fit = guide._layout()
    three = next(r for r in fit.rows if r.value == 3)
    slot = [p for p, _ in guide._row_chips(3)].index("agreed")
    own = guide._chip_rect(fit, three, slot)
    page.guide_scroll.ensureVisible(0, own.center().y(), 0, own.height())
    qtbot.mouseClick(guide, Qt.MouseButton.LeftButton, pos=own.center())
    assert stored(demo_path, factor)["agreed"] is None
    assert stored(demo_path, factor)["provider"] == 3
