"""A score keystroke changes what it changes: the page around the guide is not laid out again.

The agenda panel under the factor list once hid and showed its plan labels on every score, so
the whole walkthrough, and the factor list twice, were laid out again per keystroke.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core.engagement import Engagement

from .journey import click, page_tab


class _Resizes(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.count += 1
        return False


def test_scoring_with_a_planned_day_neither_resizes_the_factor_list_nor_loses_the_plan(qtbot, window, demo_path):
    window.resize(1366, 768)
    window.open_path(demo_path)
    page_tab(qtbot, window, "Walkthrough")
    page = window.workshop
    assert page.agenda.pace_label.isVisible(), "the demo has a plan for the day"
    plan = page.agenda.pace_label.text()
    click(qtbot, page.guide, page.guide.rect().center())  # the scoring guide takes the keys
    qtbot.wait(50)  # what opening the file laid out is done
    resizes = _Resizes()
    page.navigator.installEventFilter(resizes)
    for key in (Qt.Key.Key_2, Qt.Key.Key_4, Qt.Key.Key_1):
        qtbot.keyClick(QApplication.focusWidget(), key)
        QApplication.processEvents()
    assert resizes.count == 0
    assert page.agenda.pace_label.isVisible() and page.agenda.pace_label.text() == plan
    assert page.agenda.breaks_label.isVisible()
    with Engagement.open(demo_path, readonly=True) as eng:
        rnd = eng.rounds()[-1]
        factor = page.framework.workshop_order()[0].factors[0].id
        assert eng.scores(rnd.id)[(factor, page.guide.focus_perspective())].level == 1
