"""The factor list with View -> Large text (play-through 12: at 1024x768 most Mutuality names took
three lines, two took four, and five factors showed). The list now takes the width its names need
as far as the scoring guide keeps 440 pixels and the notes panel's tab names stay whole: at 1366
every Mutuality name takes two lines at most; at 1024 all but the four longest do, none takes more
than three, and six factors show whole.

Driven as a person does: Large text from the View menu, the list scrolled and clicked where a name is
drawn, a digit typed; the score read back from the file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from .journey import menu_item, stored
from .test_walkthrough_journey import click_factor, key, open_walkthrough


def _large_at(qtbot, window, demo_path, width: int):  # type: ignore[no-untyped-def]
    from mutuality_desktop.ui import theme

    window.resize(width, 768)
    qtbot.waitUntil(lambda: window.width() == width)
    page = open_walkthrough(qtbot, window, demo_path)
    menu_item(qtbot, window, "&View", "&Large text")
    qtbot.waitUntil(lambda: theme.text_scale() > 1)  # the restyle runs once the menu has closed
    qtbot.wait(150)  # the panels are shared out again once the new type is laid out
    window.activateWindow()  # offscreen, the closed menu leaves no window active
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return page


def _lines_drawn(page) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Each Mutuality factor's name: how many lines its row in the list takes, measured from the row
    as drawn; and every name drawn whole (its lines put together give the name)."""
    nav = page.navigator
    delegate = nav.itemDelegate()
    font = delegate.name_font(bold=False)
    line = QFontMetrics(font).lineSpacing()
    lines = {}
    for factor in page.framework.workshop_order()[0].factors:
        item = nav._items[factor.id]
        nav.scrollToItem(item)
        rect = nav.visualItemRect(item)
        drawn = delegate._name(item.text(0), font)
        assert " ".join(s.text() for s in drawn) == f"{factor.number}. {factor.name}"  # nothing cut
        lines[factor.name] = round((rect.height() - 8) / line)
        assert rect.height() <= lines[factor.name] * line + 8 + 1, (factor.name, rect.height(), line)
        assert len(drawn) == lines[factor.name], factor.name
    return lines


def test_large_text_at_1366_every_mutuality_name_takes_two_lines_at_most(qtbot, window, demo_path, restore_look):
    page = _large_at(qtbot, window, demo_path, 1366)
    lines = _lines_drawn(page)
    assert max(lines.values()) <= 2, lines  # four took three on main
    assert page.guide_scroll.width() > page.navigator.width() and \
        page.guide_scroll.width() > page.side_scroll.width()


def test_large_text_at_1024_the_list_shows_six_factors_and_a_click_opens_one(qtbot, window, demo_path,
                                                                               restore_look):
    page = _large_at(qtbot, window, demo_path, 1024)
    nav = page.navigator
    lines = _lines_drawn(page)
    assert max(lines.values()) <= 3, lines  # two took four
    three = sorted(name for name, n in lines.items() if n == 3)
    assert len(three) <= 4, three  # nine took three
    # the guide stays the widest panel and keeps 440 pixels (454 before), the tab names whole
    assert page.guide_scroll.width() >= 440, (page.outer.sizes(), page.inner.sizes())
    assert page.guide_scroll.width() > nav.width() and page.guide_scroll.width() > page.side_scroll.width()
    bar = page.tabs.tabBar()
    assert bar.elideMode() == Qt.TextElideMode.ElideNone
    assert bar.tabRect(bar.count() - 1).right() <= bar.width()
    # from the top of the list: the heading and six factors whole (five before)
    nav.scrollToTop()
    qtbot.wait(20)
    whole = [fid for fid in nav.factor_ids()
             if nav.viewport().rect().contains(nav.visualItemRect(nav._items[fid]))]
    assert len(whole) >= 6, whole
    sixth = click_factor(qtbot, page, 6)  # "6. Joint management framework", at the foot of the list
    assert page.title.text() == "Joint management framework"
    key(qtbot, Qt.Key.Key_1)  # the list has the keys: a digit scores the client view
    with stored(demo_path) as eng:
        assert eng.scores(eng.rounds()[-1].id)[(sixth, "client")].level == 1
    thirteenth = click_factor(qtbot, page, 13)  # one of the longest: three lines
    assert page.title.text() == "Measurement of delivery and performance"
    rect = nav.visualItemRect(nav._items[thirteenth])
    assert nav.viewport().rect().intersected(rect).height() >= rect.height() - 2  # in view, whole


def test_large_text_off_again_gives_the_list_its_normal_width(qtbot, window, demo_path, restore_look):
    page = _large_at(qtbot, window, demo_path, 1024)
    wide = page.navigator.width()
    menu_item(qtbot, window, "&View", "&Large text")
    from mutuality_desktop.ui import theme

    qtbot.waitUntil(lambda: theme.text_scale() == 1)
    qtbot.waitUntil(lambda: page.navigator.width() < wide)
    assert page.navigator.width() == 222 and page.guide_scroll.width() >= 455, page.outer.sizes()
    delegate = page.navigator.itemDelegate()
    assert all(delegate.name_lines(page.navigator._items[f.id].text(0)) <= 2
               for f in page.framework.workshop_order()[0].factors)
