"""Play-through 10: Setup jumped back to its top after the facilitator went to the walkthrough, came
back to Setup and switched a look (View -> Large text or High contrast). The place on Setup is kept:
what was at the top of the view before the switch is still there after it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from mutuality_desktop.ui import theme

from .journey import page_tab

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _scroll_down(qtbot, page) -> None:
    """Click the scroll bar's track below its handle, as a person pages down."""
    bar = page.verticalScrollBar()
    assert bar.isVisible() and bar.maximum() > 0
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() // 2, bar.height() - 30))
    qtbot.waitUntil(lambda: bar.value() > 150)


def _top_widget(page) -> QWidget:
    """The panel at the top of Setup's view: what the facilitator was looking at."""
    body = page.widget()
    top = body.mapFrom(page.viewport(), QPoint(0, 0)).y()
    panels = (page.form, page.participants, page.rounds, page.scope, page.walk_button)
    seen = [p for p in panels if p.mapTo(body, QPoint(0, p.height())).y() > top]
    return min(seen, key=lambda p: p.mapTo(body, QPoint(0, 0)).y())


def _offset(page, widget: QWidget) -> int:
    """How far the widget's top is from the top of the view (negative: partly scrolled past)."""
    return widget.mapTo(page.viewport(), QPoint(0, 0)).y()


def _look_key(qtbot, window, key) -> None:
    """Ctrl+Shift+L (Large text) or Ctrl+Shift+H (High contrast), pressed where the focus is."""
    scale, contrast = theme.text_scale(), bool(theme.high_contrast)
    qtbot.keyClick(QApplication.focusWidget() or window, key, CTRL_SHIFT)
    qtbot.waitUntil(lambda: (theme.text_scale(), bool(theme.high_contrast)) != (scale, contrast), timeout=5000)
    qtbot.wait(300)  # the restyle and the re-fits it queues


@pytest.mark.parametrize("switched_on", ["Setup", "Walkthrough"])
@pytest.mark.parametrize("key", [Qt.Key.Key_L, Qt.Key.Key_H])
@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_setup_keeps_its_place_through_a_page_switch_and_a_look_switch(qtbot, window, demo_path, restore_look,
                                                                        key, size, switched_on):
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    assert window.open_path(demo_path)
    page_tab(qtbot, window, "Setup")
    page = window.setup_page
    qtbot.waitUntil(page.isVisible)
    _scroll_down(qtbot, page)
    bar = page.verticalScrollBar()
    where = bar.value()
    panel = _top_widget(page)
    before = _offset(page, panel)
    page_tab(qtbot, window, "Walkthrough")
    qtbot.waitUntil(lambda: not page.isVisible())
    if switched_on == "Walkthrough":
        _look_key(qtbot, window, key)
    page_tab(qtbot, window, "Setup")
    qtbot.waitUntil(page.isVisible)
    if switched_on == "Setup":
        qtbot.wait(50)
        assert bar.value() == where, "the page switch lost the place"
        _look_key(qtbot, window, key)
    else:
        qtbot.wait(300)  # laid out again in the new look as it is shown
    assert bar.value() > 0, "Setup jumped back to its top"
    assert _top_widget(page) is panel
    # the same panel at the top of the view, within a line of where it was (Large text grows it)
    assert abs(_offset(page, panel) - before) <= 2 * page.fontMetrics().height(), (before, _offset(page, panel))
    page_tab(qtbot, window, "Walkthrough")  # and the place survives another visit
    page_tab(qtbot, window, "Setup")
    qtbot.waitUntil(page.isVisible)
    assert _top_widget(page) is panel


def test_setup_at_its_top_stays_at_its_top_through_a_look_switch(qtbot, window, demo_path, restore_look):
    assert window.open_path(demo_path)
    page_tab(qtbot, window, "Setup")
    page = window.setup_page
    qtbot.waitUntil(page.isVisible)
    _look_key(qtbot, window, Qt.Key.Key_L)
    assert page.verticalScrollBar().value() == 0
    assert page.title_label.visibleRegion().boundingRect().height() == page.title_label.height()
