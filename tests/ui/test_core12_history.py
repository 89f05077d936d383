"""Edit → History… (play-through 6, item 7): each sentence read whole on its row, the factors
grouped by dimension, and "The whole engagement" first and always in sight."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement

from .journey import click
from .test_merge_dialog import menu_item, visible
from .test_walkthrough_journey import click_factor, key, open_walkthrough

LONG = ("Colleague: check KPI data quality before the final report goes to the partnership board "
        "and the scrutiny committee in March")


def open_history(qtbot, window):
    menu_item(window, "&Edit", "&History…").trigger()
    dialog = visible("Engagement history")
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_sentences_wrap_whole_and_the_factors_are_grouped_under_their_dimensions(qtbot, window, blank_path):
    with Engagement.open(blank_path) as eng:
        eng.author = "Sam Reid"
        eng.apply(ops.AddParking(LONG, None))
        eng.apply(ops.UpdateInfo({"title": "Kestrel Vale partnership review 2026: value for money and mutuality"}))
    page = open_walkthrough(qtbot, window, blank_path)
    click_factor(qtbot, page, 2)
    key(qtbot, Qt.Key.Key_3)  # a client level for the factor on screen
    dialog = open_history(qtbot, window)
    assert dialog.scope.currentData() == page.factor_id
    assert dialog.whole.isVisible() and dialog.whole.isEnabled()
    click(qtbot, dialog.whole)  # "The whole engagement", however far down the list the factor is
    assert dialog.scope.currentText() == "The whole engagement"
    assert "3 changes recorded for this engagement" in dialog.count.text()
    assert not dialog.whole.isEnabled()

    tree = dialog.list
    point = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                 if "engagement details" in tree.topLevelItem(i).text(2))
    metrics = tree.fontMetrics()
    width = tree.columnWidth(2)
    assert metrics.horizontalAdvance(point.text(2)) > width  # too long for one line…
    lines = metrics.boundingRect(0, 0, width - 16, 100_000, int(Qt.TextFlag.TextWordWrap), point.text(2)).height()
    assert tree.visualItemRect(point).height() >= lines  # …so the row is as tall as its lines
    assert tree.visualItemRect(point).height() >= 2 * metrics.lineSpacing()

    # the list of factors: the whole engagement, then each dimension's name and its factors
    texts = [dialog.scope.itemText(i) for i in range(dialog.scope.count())]
    framework = window.doc.engagement.framework
    first = framework.workshop_order()[0]
    assert texts[0] == "The whole engagement" and texts[1] == first.name.upper()
    assert texts[2].strip() == first.factors[0].name
    second = framework.workshop_order()[1]
    assert texts.index(second.name.upper()) == 2 + len(first.factors)
    click(qtbot, dialog.scope)  # keys in the box: Down from the whole engagement skips the heading
    view = dialog.scope.view()
    if view.isVisible():  # the list dropped down below the box with the whole engagement in sight
        rect = view.visualRect(view.model().index(0, 0))
        assert view.viewport().rect().contains(rect.center())
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    key(qtbot, Qt.Key.Key_Home)
    key(qtbot, Qt.Key.Key_Down)
    assert dialog.scope.currentData() == first.factors[0].id
    dialog.close()
