"""The Actions tab before the first action: each label beside its box, the form in one block under
the note (playthrough 1, finding 12: "Due" 120 px above its date box, Status far below)."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from .journey import click


def _centre_y(widget, panel) -> int:
    return widget.mapTo(panel, QPoint(0, widget.height() // 2)).y()


def _label_for(panel, field):
    from PySide6.QtWidgets import QFormLayout, QLabel

    for form in panel.findChildren(QFormLayout):
        label = form.labelForField(field)
        if isinstance(label, QLabel):
            return label
    raise AssertionError("no label")


def test_the_actions_form_is_one_block_before_the_first_action(qtbot, window, blank_path):
    window.open_path(blank_path)
    page = window.workshop
    tabs = page.tabs
    click(qtbot, tabs.tabBar(), tabs.tabBar().tabRect(2).center())
    panel = page.actions_panel
    assert tabs.currentWidget() is panel and panel.empty.isVisible()
    for field in (panel.owner, panel.side, panel.due, panel.status):
        label = _label_for(panel, field)
        assert abs(_centre_y(label, panel) - _centre_y(field.edit if field is panel.due else field, panel)) <= 6, \
            f"{label.text()} is not beside its box"
    gaps = [panel.side.mapTo(panel, QPoint()).y() - (panel.owner.mapTo(panel, QPoint()).y() + panel.owner.height()),
            panel.due.mapTo(panel, QPoint()).y() - (panel.side.mapTo(panel, QPoint()).y() + panel.side.height()),
            panel.status.mapTo(panel, QPoint()).y() - (panel.due.mapTo(panel, QPoint()).y() + panel.due.height())]
    assert max(gaps) <= 16, f"rows spread apart: {gaps}"
    text_top = panel.text.mapTo(panel, QPoint()).y()
    empty_bottom = panel.empty.mapTo(panel, QPoint()).y() + panel.empty.height()
    assert text_top - empty_bottom <= 20  # the form right under the note
