"""The factor list on a 1024x768 projector in the normal look: each Mutuality factor's name takes
at most two lines, whole (play-through 11: most took three, and the list was long and hard to
scan), while the scoring guide keeps its width for reading.

Measured as drawn: each row's height in the list, and the list scrolled and clicked as a person
does; what a click opens is read back from the file after a score."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetrics

from .journey import stored
from .test_walkthrough_journey import click_factor, key, open_walkthrough


def _open_at_1024(qtbot, window, demo_path):  # type: ignore[no-untyped-def]
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    page = open_walkthrough(qtbot, window, demo_path)
    qtbot.wait(100)
    return page


def test_at_1024_every_mutuality_name_takes_two_lines_at_most_and_whole(qtbot, window, demo_path):
    page = _open_at_1024(qtbot, window, demo_path)
    nav = page.navigator
    delegate = nav.itemDelegate()
    line = QFontMetrics(delegate.name_font(bold=False)).lineSpacing()
    mutuality = page.framework.workshop_order()[0]
    assert mutuality.name == "Mutuality" and len(mutuality.factors) == 15
    for factor in mutuality.factors:
        item = nav._items[factor.id]
        nav.scrollToItem(item)
        rect = nav.visualItemRect(item)
        assert rect.height() <= 2 * line + 16, (factor.name, rect.height(), line)
        assert delegate.name_lines(item.text(0)) <= 2, factor.name
        assert item.text(0) == f"{factor.number}. {factor.name}"  # the whole name, nothing cut
    # of the other dimensions' 25 names, only the longest few need a third line
    others = [f for d in page.framework.workshop_order()[1:] for f in d.factors]
    three = [f.name for f in others if delegate.name_lines(nav._items[f.id].text(0)) > 2]
    assert len(three) <= 3, three
    # the guide keeps most of the width: wider than the list and the notes
    assert page.guide_scroll.width() >= 455, page.inner.sizes()
    assert page.guide_scroll.width() > nav.width() and page.guide_scroll.width() > page.side_scroll.width()


def test_at_1024_the_list_shows_more_factors_and_a_click_on_one_opens_it(qtbot, window, demo_path):
    page = _open_at_1024(qtbot, window, demo_path)
    nav = page.navigator
    shown = [fid for fid in nav.factor_ids()[:15]
             if nav.viewport().rect().contains(nav.visualItemRect(nav._items[fid]))]
    assert len(shown) >= 7, shown  # six, the last cut in half, when names took three lines
    thirteenth = click_factor(qtbot, page, 13)  # "13. Measurement of delivery and performance"
    assert page.title.text() == "Measurement of delivery and performance"
    rect = nav.visualItemRect(nav._items[thirteenth])
    assert nav.viewport().rect().intersected(rect).height() >= rect.height() - 2  # in view
    key(qtbot, Qt.Key.Key_4)  # the list has the keys: a digit scores the client view
    with stored(demo_path) as eng:
        assert eng.scores(eng.rounds()[-1].id)[(thirteenth, "client")].level == 4
    # the level sits on the name's first line, at the list's right
    first = nav.visualItemRect(nav._items[thirteenth])
    assert nav.indexAt(QPoint(first.right() - 4, first.top() + 10)).isValid()
