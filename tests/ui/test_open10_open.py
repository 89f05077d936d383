"""Opening an engagement builds the walkthrough inside the window, from the page down.

What a person sees on opening is as it was when the page was built apart and added last: the
factor list from its first heading, the scoring guide from its top level, and a factor reopened
from last time in view in the list. And the build polishes each widget about once: built bottom-up,
every level added restyled the whole tree below it again (about seven times a widget), which was a
third of an open's processor time (counted here as Qt's style-change events, not timed).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

from .test_walkthrough_journey import key, open_walkthrough


def _in_view(nav, item) -> bool:  # type: ignore[no-untyped-def]
    rect = nav.visualItemRect(item)
    return rect.isValid() and nav.viewport().rect().contains(rect)


def test_the_open_shows_the_list_from_its_first_heading_and_the_guide_from_its_top(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    qtbot.wait(100)
    nav = page.navigator
    assert nav.verticalScrollBar().value() == 0
    heading = nav.topLevelItem(0)
    assert heading.text(0).upper().startswith("MUTUALITY") and _in_view(nav, heading)
    assert _in_view(nav, nav.currentItem())
    assert page.guide_scroll.verticalScrollBar().value() == 0  # level 5 at the top, as before
    assert page.title.text() == "Joint objective setting"


def test_a_factor_reopened_from_last_time_is_in_view_in_the_list(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    for _ in range(13):  # Page Down: the next factor, as the room walks through
        key(qtbot, Qt.Key.Key_PageDown)
    fourteenth = page.factor_id
    assert window.close_document()
    page = open_walkthrough(qtbot, window, demo_path)
    qtbot.wait(100)
    assert page.factor_id == fourteenth
    assert page.title.text() == page.framework.factor(fourteenth).name
    assert _in_view(page.navigator, page.navigator.currentItem())


class _StyleChanges(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.StyleChange:
            self.count += 1
        return False


def test_the_open_restyles_each_widget_of_the_walkthrough_about_once(qtbot, window, demo_path, qapp):
    changes = _StyleChanges()
    qapp.installEventFilter(changes)
    try:
        page = open_walkthrough(qtbot, window, demo_path)
    finally:
        qapp.removeEventFilter(changes)
    widgets = len(page.findChildren(QWidget)) + 1
    # about 2.4 a widget now (each panel joins the page once, and Qt's own parts are made inside
    # the panels); built bottom-up it was 7.3
    assert changes.count <= 3 * widgets, (changes.count, widgets)
