"""Play-through 10: with more than ten participants at 1024x768 with Large text, the list's own scroll
bar took width from it and long roles lost their end. A role too long for its column wraps onto the
row's two lines, or is cut with "…" where even two are too few; the whole role is its tooltip and its
name to a screen reader; and no column runs under the scroll bar."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible

from mutuality_desktop.ui import theme

from .journey import page_tab, stored
from .test_ui9_participant_emails import _add_participant

LONG = "Service Director for Environment, Neighbourhoods and Regulatory Services"
MORE = "Head of Strategic Procurement and Commercial Assurance"


def _check_roles(panel) -> None:
    table = panel.table
    header = table.horizontalHeader()
    bar = table.verticalScrollBar()
    # every column inside the part of the list the scroll bar leaves
    right = max(header.sectionViewportPosition(c) + header.sectionSize(c) for c in range(table.columnCount()))
    assert right <= table.viewport().width(), (right, table.viewport().width(), bar.isVisible())
    if bar.isVisible():
        assert table.viewport().mapTo(table, table.viewport().rect().topRight()).x() < bar.mapTo(table, QPoint(0, 0)).x()
    fm = table.fontMetrics()
    for row in range(table.rowCount()):
        cell = table.item(row, 1)
        text = cell.text()
        assert cell.toolTip() == text  # the whole role, a hover away
        index = table.model().index(row, 1)
        assert (index.data(Qt.ItemDataRole.AccessibleTextRole) or index.data()) == text
        # whole on its two lines, or marked as cut: never silently short of its end
        room = table.visualRect(index).width() - 2 * (table.style().pixelMetric(
            table.style().PixelMetric.PM_FocusFrameHMargin) + 1)
        lines = fm.boundingRect(QRect(0, 0, max(1, room), 10_000), int(Qt.TextFlag.TextWordWrap), text)
        if lines.height() > table.rowHeight(row):
            assert cell.data(Qt.ItemDataRole.DisplayRole) == text  # the model keeps it whole
            assert table.textElideMode() != Qt.TextElideMode.ElideNone  # drawn with "…"


def test_long_roles_beside_the_lists_scroll_bar_at_1024_large(qtbot, window, demo_path, restore_look):
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert window.open_path(demo_path)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: theme.text_scale() > 1, timeout=5000)
    page_tab(qtbot, window, "Setup")
    panel = window.setup_page.participants
    qtbot.waitUntil(panel.isVisible)
    assert panel.table.rowCount() == 10
    _add_participant(qtbot, panel, "Rhiannon Ellis-Boateng", LONG, "")
    _add_participant(qtbot, panel, "Tom Okafor", MORE, "")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 12)
    qtbot.waitUntil(lambda: panel.table.verticalScrollBar().isVisible())  # more than ten: the list scrolls
    qtbot.wait(100)
    with stored(demo_path) as eng:
        assert [p.role for p in eng.participants()][-2:] == [LONG, MORE]
    _check_roles(panel)
    # what a screen reader reads in the list: the new roles whole, not as drawn with "…"
    view = QAccessible.queryAccessibleInterface(panel.table)
    assert view is not None
    names = {view.child(i).text(QAccessible.Text.Name) for i in range(view.childCount()) if view.child(i)}
    assert {LONG, MORE} <= names, sorted(names)[:20]
