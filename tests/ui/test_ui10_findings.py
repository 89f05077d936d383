"""Leftovers found on a real display (ui10): the walkthrough's tabs read whole at 1024x768 (a real
window's title bar leaves the notes panel short, so its scroll bar takes width from the tabs),
with normal text, Large text, and Large text with High contrast; a focused box keeps the tails of
its letters with High contrast; the Office dialog's buttons stay put as the format changes; Setup's
name box holds a long name and its Rounds column stays still as a round is selected; the agenda
writes dates as the rest of the app does. Real clicks and keys; files read back where something
is stored."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from mutuality_desktop.ui import theme

from .journey import click
from .test_window_findings_ui8 import _look

# a window on a real 1024x768 screen: the title bar and frame take about 20 pixels of the height
REAL_1024 = (1024, 745)


def _tabs_whole(page) -> list[str]:
    """Each tab whose name is not drawn whole: its rectangle narrower than the name (the chosen
    tab's in its heavier type) plus the least space beside it, or than Qt's own size for it; or the tab
    past the visible part of the panel."""
    bar = page.tabs.tabBar()
    heavy = QFont(bar.font())
    heavy.setWeight(QFont.Weight.DemiBold)
    hm = QFontMetrics(heavy)
    viewport = page.side_scroll.viewport()
    cut = []
    for i in range(bar.count()):
        text = bar.tabText(i).replace("&", "")
        rect = bar.tabRect(i)
        drawn = (hm if i == bar.currentIndex() else bar.fontMetrics()).horizontalAdvance(text)
        if rect.width() < max(bar.tabSizeHint(i).width(), drawn + 6):
            cut.append(f"{text}: {rect.width()} px for {drawn} px of text")
        if bar.mapTo(viewport, rect.topRight()).x() > viewport.width():
            cut.append(f"{text}: past the panel's edge")
    return cut


@pytest.mark.parametrize("looks", [(), ("&Large text",), ("&Large text", "&High contrast")])
def test_walkthrough_tabs_read_whole_in_a_real_1024_window(qtbot, window, demo_path, restore_look, looks):
    window.resize(*REAL_1024)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == REAL_1024)
    assert window.open_path(demo_path)
    page = window.workshop
    for look in looks:
        _look(window, qtbot, look)
    qtbot.wait(100)
    assert page.side_scroll.verticalScrollBar().isVisible()  # the case the real display showed
    bar = page.tabs.tabBar()
    assert bar.font().pointSizeF() >= theme.BASE_POINT_SIZE  # never below the normal type
    guide_width = page.guide_scroll.width()
    # each tab chosen by a click on it in turn (the chosen one's type is heavier): every name whole
    for i in range(bar.count()):
        click(qtbot, bar, bar.tabRect(i).center())
        assert page.tabs.currentIndex() == i
        qtbot.wait(20)
        assert _tabs_whole(page) == []
    # on the next factor (other counts on its Actions and Parking tabs) too, and the guide keeps its width
    nav = page.navigator
    second = nav.factor_ids()[1]
    click(qtbot, nav.viewport(), nav.visualItemRect(nav._items[second]).center())
    qtbot.waitUntil(lambda: page._factor_id == second)
    qtbot.wait(50)
    assert _tabs_whole(page) == []
    assert page.guide_scroll.width() == guide_width


def _ink_rows(widget, letters: str) -> tuple[int, int]:
    """The first and last rows of dark text inside a box's edge (its outer 4 pixels left out), under
    the first letters only (the caret, drawn after the last, is as tall as the line)."""
    image = widget.grab().toImage()
    ratio = image.devicePixelRatio()
    right = int((12 + widget.fontMetrics().horizontalAdvance(letters)) * ratio)
    rows = [y for y in range(int(4 * ratio), image.height() - int(4 * ratio))
            if any(QColor(image.pixel(x, y)).lightness() < 100 for x in range(int(4 * ratio), right))]
    assert rows, "no text drawn in the box"
    return rows[0], rows[-1]


def test_a_focused_box_keeps_the_tails_of_its_letters_with_high_contrast_and_large_text(
        qtbot, window, demo_path, restore_look):
    from mutuality_desktop.core.engagement import Engagement

    assert window.open_path(demo_path)
    page = window.workshop
    _look(window, qtbot, "&Large text")
    _look(window, qtbot, "&High contrast")
    qtbot.wait(100)
    box = page.evidence.not_applicable
    page.side_scroll.ensureWidgetVisible(box)
    click(qtbot, box, box.rect().center())
    assert QApplication.focusWidget() is box
    reason = "gypsy jigs: shared service"
    qtbot.keyClicks(box, reason)
    qtbot.wait(50)
    focused_rows = _ink_rows(box, "gypsy")
    # the same text with the focus elsewhere (a click in the client's notes): drawn whole
    client = page.evidence.editors["client"]
    page.side_scroll.ensureWidgetVisible(client)
    click(qtbot, client.viewport(), client.viewport().rect().center())
    assert QApplication.focusWidget() is client
    qtbot.wait(50)
    plain_rows = _ink_rows(box, "gypsy")
    assert focused_rows[1] - focused_rows[0] >= plain_rows[1] - plain_rows[0], (focused_rows, plain_rows)
    with Engagement.open(demo_path, readonly=True) as eng:
        assert reason in eng.not_applicable(eng.rounds()[-1].id).values()


def _line_edit_room(edit) -> int:
    """The width a line box draws its text in (inside its edge and padding)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionFrame

    opt = QStyleOptionFrame()
    edit.initStyleOption(opt)
    return edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, opt, edit).width()


def test_setup_name_box_holds_a_long_name_at_1366_with_large_text(qtbot, window, demo_path, restore_look):
    from PySide6.QtCore import Qt

    from mutuality_desktop.core.engagement import Engagement

    from .journey import focused, page_tab, press, type_keys

    assert window.open_path(demo_path)
    _look(window, qtbot, "&Large text")
    page_tab(qtbot, window, "Setup")
    setup = window.setup_page
    people = setup.participants
    setup.ensureWidgetVisible(people.name)
    qtbot.wait(50)
    name = "Alexandra Montgomery-Smythe"
    click(qtbot, people.name)
    type_keys(qtbot, name)
    box = people.name
    assert box.fontMetrics().horizontalAdvance(name) <= _line_edit_room(box) - 4, (_line_edit_room(box), name)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is people.role
    type_keys(qtbot, "Director of Place")
    press(qtbot, Qt.Key.Key_Return)
    with Engagement.open(demo_path, readonly=True) as eng:
        assert (name, "Director of Place") in [(p.name, p.role) for p in eng.participants()]


def test_selecting_a_round_keeps_setup_still_at_1024_with_large_text(qtbot, window, demo_path, restore_look):
    from .journey import page_tab

    window.resize(*REAL_1024)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == REAL_1024)
    assert window.open_path(demo_path)
    _look(window, qtbot, "&Large text")
    page_tab(qtbot, window, "Setup")
    setup = window.setup_page
    rounds = setup.rounds
    setup.ensureWidgetVisible(rounds.table)
    qtbot.wait(100)
    people = setup.participants

    def columns():  # where each column starts and how wide it is, and the rounds panel itself
        return rounds.geometry(), people.x(), people.width(), people.name.geometry()

    before = columns()
    table = rounds.table
    click(qtbot, table.viewport(), table.visualItemRect(table.item(0, 0)).center())
    qtbot.waitUntil(lambda: rounds.label.text() == "Baseline")
    assert rounds.remove_button.isVisible() and rounds.new_button.isVisible()
    qtbot.wait(100)
    assert columns() == before
    click(qtbot, rounds.new_button)  # back to adding: still where it was
    qtbot.waitUntil(lambda: rounds.label.text() == "")
    qtbot.wait(100)
    assert columns() == before


def test_the_agenda_writes_dates_as_the_rest_of_the_app_does(qtbot, window, demo_path):
    """'8 Oct 2026', as Setup and the Rounds list write it, not '08 Oct 2026'."""
    import re

    from PySide6.QtWidgets import QLabel

    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.ui.date_field import format_date

    from .journey import page_tab

    with Engagement.open(demo_path, readonly=True) as eng:
        day = eng.rounds()[-1].date  # the round the walkthrough opens on
    assert day is not None and day.day < 10  # the demo's day: a leading zero would show
    assert window.open_path(demo_path)
    page_tab(qtbot, window, "Walkthrough")
    agenda = window.workshop.agenda
    qtbot.waitUntil(lambda: any(format_date(day) in label.text() for label in agenda.findChildren(QLabel)))
    texts = [label.text() for label in agenda.findChildren(QLabel) if label.isVisible()]
    assert not [t for t in texts if re.search(r"\b0\d [A-Z][a-z]{2} \d{4}", t)], texts
