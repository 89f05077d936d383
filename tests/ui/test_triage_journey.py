"""Which factors first: opened from Setup or by its shortcut, the factors to discuss come first, and a click opens one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.ui.triage import TriageDialog

from .journey import click, page_tab, press, stored


def _dialog(qtbot) -> TriageDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), TriageDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, TriageDialog)
    return dialog


def _texts(dialog: TriageDialog) -> list[str]:
    return [dialog.list.item(i).text() for i in range(dialog.list.count())]


def test_plan_the_day_from_setup_lists_the_split_factors_first_and_a_click_opens_one(qtbot, window, demo_path):
    window.open_path(demo_path)
    page_tab(qtbot, window, "Setup")
    click(qtbot, window.setup_page.plan_button)
    dialog = _dialog(qtbot)
    texts = _texts(dialog)
    assert texts[0].startswith("Discuss these (5)")  # with the factor not agreed (play-through 7)
    assert texts[1].startswith("Economy 4. Inflation and indexation control\n")
    assert "client views centre on 3.5, provider views on 1.5 (2 levels apart)" in texts[1]
    confirm = next(i for i, t in enumerate(texts) if t.startswith("Confirm quickly"))
    assert confirm == 6 and "pre-work returns for Follow-up (8 people)" in dialog.basis.text()
    item = dialog.list.item(2)  # Mutuality 5. Operational leadership
    dialog.list.scrollToItem(item)
    click(qtbot, dialog.list.viewport(), dialog.list.visualItemRect(item).center())
    qtbot.waitUntil(lambda: not dialog.isVisible())
    page = window.workshop
    assert window.stack.currentWidget() is page
    assert page.title.text() == "Operational leadership"
    press(qtbot, Qt.Key.Key_1)  # the walkthrough scores where the plan led
    with stored(demo_path) as eng:
        follow = eng.rounds()[-1].id
        assert eng.scores(follow)[("operational-leadership", "client")].level == 1


def test_the_shortcut_opens_the_plan_for_another_round_and_return_opens_the_factor(qtbot, window, demo_path):
    window.open_path(demo_path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = _dialog(qtbot)
    click(qtbot, dialog.round_combo)
    press(qtbot, Qt.Key.Key_Home)  # in the open list: the first round
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.round_combo.currentText() == "Baseline"
    assert _texts(dialog)[0].startswith("Discuss these (9)")
    first = dialog.list.item(1)
    assert first.text().startswith("Mutuality 1. Joint objective setting")
    click(qtbot, dialog.list.viewport(), dialog.list.visualItemRect(first).center())
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.title.text() == "Joint objective setting"
    assert page.round_combo.currentText().startswith("Baseline")
