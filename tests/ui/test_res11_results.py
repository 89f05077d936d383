"""Play-through 11 on Results: the Client/Provider ticks are one choice for both charts and the room;
a factor the room did not agree keeps its "not agreed" whatever is ticked; at 1024x768 the header's
buttons share the title's line (and wrap as a group with Large text); the compact value-for-money
chart keeps what a partly scored dimension's mean rests on ("14 of 15")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from mutuality_desktop.core.agreement import Agreement, agreement_in

from .journey import click, open_on_page, page_tab, stored
from .test_res10_chart_names import _look_keys

KNOWLEDGE = "joint-knowledge-management-strategy"  # the demo's factor the room did not agree


def _tick(qtbot, box) -> None:
    click(qtbot, box, QPoint(box.height() // 2, box.height() // 2))  # the square a person clicks


def _results(qtbot, window, path, width: int = 1366):
    open_on_page(qtbot, window, path, (width, 768), "Results")
    page = window.results.page
    qtbot.waitUntil(lambda: page.isVisible() and page.dimension_pane is not None)
    qtbot.wait(100)
    return page


def _to_tab(qtbot, page, index: int) -> None:
    bar = page.tabs.tabBar()
    click(qtbot, bar, bar.tabRect(index).center())
    qtbot.waitUntil(lambda: page.tabs.currentIndex() == index)


def _history(path) -> int:
    with stored(path) as eng:
        return len(eng.history())


def test_a_side_ticked_on_one_chart_is_ticked_on_the_other_and_in_the_room(qtbot, window, demo_path):
    before = _history(demo_path)
    page = _results(qtbot, window, demo_path)
    dims, factors = page.dimension_pane, page.factor_pane
    _tick(qtbot, dims.toggles["client"])  # on Value for money
    assert "client" in dims.chart.shown
    _to_tab(qtbot, page, 1)
    assert factors.toggles["client"].isChecked(), "ticked on one tab, unticked on the other"
    assert not factors.toggles["provider"].isChecked()
    assert "client" in factors.chart.shown and factors.chart.is_visible("client")
    assert "Client view" in factors.canvas.accessibleDescription() or "client" in \
        factors.canvas.accessibleDescription().lower()
    _tick(qtbot, factors.toggles["provider"])  # on Mutuality
    _to_tab(qtbot, page, 0)
    assert dims.toggles["provider"].isChecked() and "provider" in dims.chart.shown
    click(qtbot, next(b for b in page.findChildren(QPushButton) if b.accessibleName() == "Present"))
    room = page.presentation
    qtbot.waitUntil(room.isVisible)
    for chart in room.charts:  # the room shows what was ticked, on both charts
        assert {"client", "provider"} <= chart.shown
    qtbot.keyClick(room, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not room.isVisible())
    _to_tab(qtbot, page, 1)
    _tick(qtbot, factors.toggles["client"])  # unticked on Mutuality: unticked on Value for money
    _to_tab(qtbot, page, 0)
    assert not dims.toggles["client"].isChecked() and "client" not in dims.chart.shown
    assert dims.toggles["provider"].isChecked()
    assert _history(demo_path) == before, "a view choice is not an edit of the engagement"


def test_a_new_engagement_keeps_the_ticks(qtbot, window, demo_path, tmp_path):
    import shutil

    page = _results(qtbot, window, demo_path)
    _tick(qtbot, page.dimension_pane.toggles["client"])
    other = tmp_path / "other.mutuality"
    shutil.copyfile(demo_path, other)
    assert window.open_path(other)
    page_tab(qtbot, window, "Results")
    qtbot.waitUntil(page.isVisible)
    for pane in (page.dimension_pane, page.factor_pane):
        assert pane.toggles["client"].isChecked() and "client" in pane.chart.shown


@pytest.mark.parametrize("sides", [("client",), ("provider",), ("client", "provider")])
def test_the_factor_the_room_did_not_agree_says_so_whatever_is_ticked(qtbot, window, demo_path, sides):
    with stored(demo_path) as eng:
        assert agreement_in(eng.scores(eng.rounds()[-1].id), KNOWLEDGE) is Agreement.NOT_AGREED
    page = _results(qtbot, window, demo_path)
    _to_tab(qtbot, page, 1)
    pane = page.factor_pane
    spoke = pane.chart.axis_labels[pane.chart.series.axis_ids.index(KNOWLEDGE)]
    assert spoke.get_text().endswith("not agreed")  # the agreed line alone
    for side in sides:
        _tick(qtbot, pane.toggles[side])
    assert pane.chart.is_visible(sides[0])
    pane.canvas.draw()
    assert spoke.get_visible() and spoke.get_text().endswith("not agreed"), spoke.get_text()
    assert spoke.get_text().startswith("Joint knowledge")
    row = next(r for r in range(pane.table.rowCount()) if pane.table.item(r, 0).text().startswith("Joint knowledge"))
    assert pane.table.item(row, 1).text() == "Not agreed"  # the table (Show as table) says it too, as core words it


def _row_of(widget, outer) -> QRect:
    return QRect(widget.mapTo(outer, QPoint(0, 0)), widget.size())


def test_the_header_fits_one_line_at_1024(qtbot, window, demo_path):
    page = _results(qtbot, window, demo_path, 1024)
    side = page._chart_side
    qtbot.waitUntil(lambda: _row_of(page._title, side).center().y() ==
                    _row_of(next(b for b in side.findChildren(QPushButton) if b.accessibleName() == "Present"),
                            side).center().y(), timeout=3000)
    buttons = {b.accessibleName(): b for b in side.findChildren(QPushButton)}
    title = _row_of(page._title, side)
    for name in ("Copy chart", "Save chart…", "Present"):
        box = _row_of(buttons[name], side)
        assert side.rect().contains(box), name  # none cut off
        assert abs(box.center().y() - title.center().y()) <= 2, (name, box, title)  # on the title's line
    assert buttons["Copy chart"].text() == "Copy" and buttons["Save chart…"].text() == "Save…"
    assert "Copy the chart" in buttons["Copy chart"].toolTip()
    assert page.tabs.y() < title.bottom() + buttons["Present"].height() + 20, "no second line of buttons"
    click(qtbot, buttons["Copy chart"])  # the short name still does what it did
    assert page.message.text().startswith("Chart copied")


def test_the_header_wraps_as_one_group_with_large_text_at_1024(qtbot, window, demo_path, restore_look):
    page = _results(qtbot, window, demo_path, 1024)
    _look_keys(qtbot, window, "large")
    qtbot.wait(400)
    side = page._chart_side
    buttons = {b.accessibleName(): _row_of(b, side) for b in side.findChildren(QPushButton)}
    rows = {name: buttons[name].center().y() for name in ("Copy chart", "Save chart…", "Present")}
    assert len(set(rows.values())) == 1, rows  # never Present alone on a line
    for name, box in buttons.items():
        if name in rows:
            assert side.rect().contains(box), name
    title = _row_of(page._title, side)
    assert rows["Present"] == title.center().y() or rows["Present"] > title.bottom(), rows
    for box in page.dimension_pane.check_boxes():  # the chart options on one line, nothing cut
        assert page.dimension_pane.rect().contains(_row_of(box, page.dimension_pane)), box.text()
    ys = {_row_of(box, page.dimension_pane).center().y() for box in page.dimension_pane.check_boxes()}
    assert len(ys) == 1, [(b.text(), _row_of(b, page.dimension_pane)) for b in page.dimension_pane.check_boxes()]
    assert page.dimension_pane.toggles["client"].accessibleName() == "Client view"


def test_the_compact_value_for_money_chart_keeps_what_a_mean_rests_on(qtbot, window, demo_path, restore_look):
    page = _results(qtbot, window, demo_path, 1024)
    _look_keys(qtbot, window, "large")
    qtbot.wait(400)
    chart = page.dimension_pane.chart
    qtbot.waitUntil(lambda: chart.compact, timeout=3000)  # the small chart a 1024 screen with Large text has
    mutuality = chart.axis_labels[chart.series.axis_ids.index("mutuality")]
    assert mutuality.get_text().split("\n")[-1] == "14 of 15", mutuality.get_text()
    page.dimension_pane.canvas.draw()
    assert mutuality.get_visible()


def test_a_numbered_chart_says_in_its_key_which_factor_the_room_did_not_agree(qtbot, window, demo_path,
                                                                             restore_look):
    page = _results(qtbot, window, demo_path, 1366)
    _look_keys(qtbot, window, "large")
    qtbot.wait(400)
    _to_tab(qtbot, page, 1)
    pane = page.factor_pane
    _tick(qtbot, pane.toggles["client"])
    qtbot.waitUntil(lambda: pane.chart.compact and pane.key.isVisible(), timeout=3000)  # numbers, the key below
    lines = pane.key.text().split("\n")
    number = pane.chart.series.axis_ids.index(KNOWLEDGE) + 1
    at = lines.index(f"{number}  Joint knowledge management strategy")
    assert lines[at + 1].strip() == "(not agreed)", lines  # under its name: beside it, it ran off the pane
    assert sum("(not agreed)" in line for line in lines) == 1
    end = pane.key.fontMetrics().horizontalAdvance(max(lines, key=len)) + pane.key.contentsMargins().left()
    assert end <= pane.key.width(), "nothing runs off the edge of the pane"
    click(qtbot, next(b for b in page.findChildren(QPushButton) if b.accessibleName() == "Present"))
    room = page.presentation
    qtbot.waitUntil(room.isVisible)
    room.resize(1024, 768)  # a projector: one chart at a time, Mutuality's (as on Results) with its key
    qtbot.wait(100)
    assert room.current == 1 and room.charts[1].compact and room.key.isVisible()
    assert "Joint knowledge management strategy (not agreed)" in room.key.text()
    qtbot.keyClick(room, Qt.Key.Key_Escape)


def test_the_options_take_whole_names_again_when_the_type_is_normal_again(qtbot, window, demo_path, restore_look):
    page = _results(qtbot, window, demo_path, 1024)
    pane = page.dimension_pane
    _look_keys(qtbot, window, "large")
    qtbot.waitUntil(lambda: pane.toggles["client"].text() == "Client", timeout=3000)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # Large text off
    qtbot.waitUntil(lambda: pane.toggles["client"].text() == "Client view", timeout=3000)
    qtbot.waitUntil(lambda: next(b for b in page.findChildren(QPushButton)
                                 if b.accessibleName() == "Copy chart").text() == "Copy", timeout=3000)
