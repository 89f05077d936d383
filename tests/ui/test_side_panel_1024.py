"""Play-through 26 Nov, finding 2: at 1024x768 with Large text the walkthrough's notes panel is
usable: every tab's name whole (they read "Evid...", "A...", "Actio..."), the notes boxes a few
lines tall, the not-applicable box wide enough to read what is typed, and the round picker not
cut mid-date ("Follow-up (Oct 20"). Real clicks and keys; the file is read back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionComboBox

from mutuality_desktop.core.engagement import Engagement

from .journey import click, press


def _large_text(window, qtbot) -> None:
    from mutuality_desktop.ui import theme

    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    next(a for a in view.actions() if a.text() == "&Large text").trigger()
    qtbot.waitUntil(lambda: theme.text_scale() > 1)  # the restyle runs once the menu has closed


def _fits(widget, text: str, width: int) -> bool:
    return widget.fontMetrics().horizontalAdvance(text) <= width


@pytest.mark.parametrize("large", [True, False])
def test_notes_panel_at_1024_reads_whole(qtbot, window, demo_path, restore_look, large):
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert window.open_path(demo_path)
    page = window.workshop
    if large:
        _large_text(window, qtbot)
    qtbot.wait(50)
    assert window.width() <= 1024
    assert page.guide_scroll.width() >= 440  # the guide keeps its room
    # every tab's name whole, and a click on each one's rectangle opens it
    bar = page.tabs.tabBar()
    for i in range(bar.count()):
        text = bar.tabText(i).replace("&", "")
        assert _fits(bar, text, bar.tabRect(i).width()), (text, bar.tabRect(i).width())
        assert bar.tabRect(i).right() <= bar.width()
    click(qtbot, bar, bar.tabRect(1).center())
    assert page.tabs.currentIndex() == 1
    click(qtbot, bar, bar.tabRect(0).center())
    assert page.tabs.currentWidget() is page.evidence
    # each notes box at least three lines of its own type tall
    for editor in page.evidence.editors.values():
        assert editor.viewport().height() >= 3 * editor.fontMetrics().lineSpacing(), editor.accessibleName()
    # the not-applicable box: its placeholder and a typed reason read whole
    box = page.evidence.not_applicable
    page.side_scroll.ensureWidgetVisible(box)
    assert _fits(box, box.placeholderText(), box.contentsRect().width() - 8)
    click(qtbot, box, box.rect().center())
    assert QApplication.focusWidget() is box
    reason = "Shared service: no exit"
    qtbot.keyClicks(box, reason)
    press(qtbot, Qt.Key.Key_Return)
    assert _fits(box, reason, box.contentsRect().width() - 8)
    with Engagement.open(demo_path, readonly=True) as eng:
        assert reason in eng.not_applicable(eng.rounds()[-1].id).values()
    # the round picker shows a whole name in its box, never a date cut in two
    combo = page.round_combo
    shown = combo.shown_text() if hasattr(combo, "shown_text") else combo.currentText()
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    assert _fits(combo, shown, field.width()), (shown, field.width())
    assert shown in (combo.currentText(), combo.currentText().split(" (")[0]), shown  # whole, or its name
