"""Play-through 12, Results' "Show as table" on a projector. At 1024x768 the factor column was
about 30 px wide and its names read "J…" (the value columns took the width), and at 1024 and 1366
the round before's column said "not scored" for Joint knowledge management strategy, which that
round's room had recorded as Not agreed. Now every name is whole or wraps (onto two lines, three
at most) at 1366 and 1024, with and without Large text, with and without both sides' views; where
even that leaves the values too little room they scroll sideways under a name column that stays;
and the round before says "Not agreed" as core/agreement.py says it everywhere.

Real input: the page tabs, the chart tabs, the check boxes and View -> Large text are clicked where
they are drawn, and the arrow keys go to whatever has the keyboard focus. What the room recorded
is read back from the file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle

from mutuality_desktop.core.agreement import Agreement, agreement_in, no_level_text
from mutuality_desktop.core.applicability import marks
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.opsjson import apply_json_operations

from .journey import click, focused, menu_item, open_on_page, press, stored

KNOWLEDGE = "joint-knowledge-management-strategy"
RISK = "joint-risk-management-strategy"
EXIT = "joint-exit-strategy"
SECOND = "Second follow-up"


def _second_round(path) -> None:
    """The facilitator's play-through: a Second follow-up after the demo's Follow-up (whose room did
    not agree Joint knowledge management strategy), some factors agreed in it, one not applicable,
    one not agreed; and in Follow-up, Joint exit strategy marked not applicable afterwards."""
    items: list[dict[str, object]] = [{"op": "add_round", "label": SECOND, "date": "2027-04-08"}]
    for factor, level in (("joint-objective-setting", 3), ("joint-governance-structure", 3),
                          ("operational-leadership", 2), (KNOWLEDGE, 2)):
        items.append({"op": "set_score", "round": SECOND, "factor": factor, "perspective": "agreed", "level": level})
    items += [
        {"op": "set_not_applicable", "round": SECOND, "factor": "joint-executive-leadership",
         "reason": "Joint executive board suspended during the council restructure"},
        {"op": "set_score", "round": SECOND, "factor": RISK, "perspective": "client", "level": 2},
        {"op": "set_score", "round": SECOND, "factor": RISK, "perspective": "provider", "level": 3},
        {"op": "set_notes", "round": SECOND, "factor": RISK, "perspective": "agreed",
         "notes": "Not agreed. The council holds level 2 (Developing) and Tarnwell level 3 (Established)."},
        {"op": "set_not_applicable", "round": "Follow-up", "factor": EXIT, "reason": "Exit plan not yet due"},
    ]
    with Engagement.open(path) as eng:
        apply_json_operations(eng, items)


def _show_table(qtbot, window, path, size: tuple[int, int], large: bool, sides: tuple[str, ...]):
    """Results at a screen size, Large text from the View menu if asked, the Mutuality chart's tab,
    the sides' views and Show as table ticked: all clicked where they are drawn."""
    if large:
        menu_item(qtbot, window, "&View", "&Large text")
        qtbot.waitUntil(lambda: QApplication.overrideCursor() is None)
        window.activateWindow()  # the menu closed: the window has the keyboard again (offscreen, by hand)
        qtbot.waitUntil(window.isActiveWindow)
    open_on_page(qtbot, window, path, size, "Results")
    page = window.results.page
    qtbot.waitUntil(page.isVisible)
    bar = page.tabs.tabBar()
    click(qtbot, bar, bar.tabRect(page.tabs.indexOf(page.factor_pane)).center())
    pane = page.factor_pane
    qtbot.waitUntil(pane.as_table.isVisible)
    for side in sides:
        click(qtbot, pane.toggles[side])
        assert pane.toggles[side].isChecked()
    click(qtbot, pane.as_table)
    qtbot.waitUntil(pane.table.isVisible)
    QApplication.processEvents()
    return page, pane.table


def _rows(table) -> dict[str, dict[str, str]]:
    """What the table shows: factor name -> column heading -> cell."""
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    return {table.item(r, 0).text(): dict(zip(headers, (table.item(r, c).text() for c in range(table.columnCount())),
                                              strict=True))
            for r in range(table.rowCount())}


def _name_view(table):
    """The view a person reads the names in: the table, or the name column kept in place over it
    while the values scroll sideways."""
    names = getattr(table, "names", None)
    return names if names is not None and names.isVisible() else table


def _unreadable_names(table) -> list[str]:
    """Each factor name that is not shown whole: cut to "J…", a word broken or wider than its
    column, more than three lines, taller than its row, or out of sight sideways."""
    view = _name_view(table)
    whole_only = view.wordWrap() and view.textElideMode() == Qt.TextElideMode.ElideNone
    metrics = QFontMetrics(view.font())
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    seen = QRect(QPoint(0, 0), view.viewport().size())
    wrong = []
    for row in range(table.rowCount()):
        index = view.model().index(row, 0)
        name = index.data()
        rect = view.visualRect(index)
        room = rect.width() - 2 * margin
        drawn = metrics.boundingRect(QRect(0, 0, room, 10_000), int(Qt.TextFlag.TextWordWrap), name)
        lines = round(drawn.height() / metrics.lineSpacing())
        widest = max(metrics.horizontalAdvance(word) for word in name.split())
        if not whole_only and metrics.horizontalAdvance(name) > room:
            wrong.append(f"{name}: cut to fit a {rect.width()} px column")
        elif widest > room:
            wrong.append(f"{name}: a word wider than its {rect.width()} px column")
        elif lines > 3:
            wrong.append(f"{name}: {lines} lines")
        elif drawn.height() > rect.height():
            wrong.append(f"{name}: {lines} lines in a {rect.height()} px row")
        elif rect.left() < seen.left() or rect.right() > seen.right():
            wrong.append(f"{name}: out of sight sideways")
    return wrong


SIZES = [(1366, 768), (1024, 768)]


@pytest.mark.parametrize("size", SIZES, ids=["1366", "1024"])
@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("sides", [(), ("client", "provider")], ids=["agreed", "both-views"])
def test_every_factor_name_reads_whole_or_wrapped(qtbot, window, demo_path, restore_look, size, large, sides):
    _second_round(demo_path)
    page, table = _show_table(qtbot, window, demo_path, size, large, sides)
    with stored(demo_path) as eng:
        names = [f.name for f in eng.framework.dimension("mutuality").factors]
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == names
    assert _unreadable_names(table) == []
    header = table.horizontalHeader()
    for column in range(1, table.columnCount()):  # every value column as wide as its widest word
        words = [w for r in range(table.rowCount()) for w in table.item(r, column).text().split()]
        words += table.horizontalHeaderItem(column).text().split()
        metrics = QFontMetrics(table.font())
        assert header.sectionSize(column) >= max(metrics.horizontalAdvance(w) for w in words), column


def test_at_1024_with_large_text_the_values_scroll_under_the_names(qtbot, window, demo_path, restore_look):
    """Both sides' views at 1024 with Large text: the values do not fit beside two-line names, so
    they scroll; the arrow keys bring the last column into sight and the names stay in sight."""
    _second_round(demo_path)
    page, table = _show_table(qtbot, window, demo_path, (1024, 768), True, ("client", "provider"))
    last = table.columnCount() - 1
    assert table.horizontalScrollBar().maximum() > 0  # it does scroll at this size
    first_value = table.visualRect(table.model().index(0, 1))
    click(qtbot, table.viewport(), first_value.center())  # a value cell, as a person clicks it
    assert focused() is table
    press(qtbot, Qt.Key.Key_Right, times=last)
    current = table.currentIndex()
    assert current.column() == last
    cell = table.visualRect(current)
    assert cell.right() <= table.viewport().width() and cell.left() >= table.columnWidth(0)
    assert table.horizontalScrollBar().value() > 0
    assert _unreadable_names(table) == []  # the names did not scroll away
    press(qtbot, Qt.Key.Key_Left, times=last - 1)
    assert table.currentIndex().column() == 1
    assert table.visualRect(table.currentIndex()).left() >= table.columnWidth(0)  # not under the names


@pytest.mark.parametrize("size", SIZES, ids=["1366", "1024"])
def test_the_round_before_says_not_agreed_for_a_factor_its_room_did_not_agree(qtbot, window, demo_path, size):
    _second_round(demo_path)
    with stored(demo_path) as eng:
        rounds = {r.label: r.id for r in eng.rounds()}
        before, now = eng.scores(rounds["Follow-up"]), eng.scores(rounds[SECOND])
        scale, fw = eng.framework.scale, eng.framework
        assert agreement_in(before, KNOWLEDGE) is Agreement.NOT_AGREED  # as the room recorded it
        assert agreement_in(now, RISK) is Agreement.NOT_AGREED
        assert EXIT in marks(before)
        said = no_level_text(scale, Agreement.NOT_AGREED)
    page, table = _show_table(qtbot, window, demo_path, size, False, ())
    rows = _rows(table)
    this, previous = f"Agreed, {SECOND}", "Agreed, Follow-up"
    assert list(rows[fw.factor(KNOWLEDGE).name].values())[1:] == ["2", said]
    assert said == "Not agreed"
    assert rows[fw.factor(RISK).name][this] == said  # this round's column says it the same way
    assert rows[fw.factor(RISK).name][previous] == str(before[(RISK, "agreed")].level)
    assert rows[fw.factor(EXIT).name][previous] == "Not applicable"  # marked so in Follow-up
    assert rows[fw.factor("joint-executive-leadership").name][this] == "Not applicable"
    assert rows[fw.factor("joint-exit-strategy").name][this] == "Not yet scored"
    assert not any(cell.lower() == "not scored" for row in rows.values() for cell in row.values())


def test_the_dimension_table_gives_every_mean_to_one_decimal(qtbot, window, demo_path):
    """A mean of exactly 2 read "2" beside "2.8" and "2.4", where the chart says "2.0"."""
    import re

    open_on_page(qtbot, window, demo_path, (1366, 768), "Results")
    page = window.results.page
    qtbot.waitUntil(page.isVisible)
    pane = page.dimension_pane
    qtbot.waitUntil(pane.as_table.isVisible)
    click(qtbot, pane.as_table)
    qtbot.waitUntil(pane.table.isVisible)
    rows = _rows(pane.table)
    values = [v for row in rows.values() for k, v in row.items() if k != "Dimension"]
    assert len(rows) == 6 and values
    assert all(re.fullmatch(r"\d\.\d", v) for v in values), values
    assert "2.0" in values  # the demo's Stakeholder Value mean in Follow-up
