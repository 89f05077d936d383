"""Play-through 7, 1: after "Room does not agree" on a factor, Which factors first lists it under
"Discuss these", never under "Confirm quickly"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.triage import triage
from mutuality_desktop.ui.triage import TriageDialog

from .journey import click
from .test_walkthrough_journey import click_factor, key, open_walkthrough


def test_a_factor_the_room_did_not_agree_is_listed_to_discuss(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 2)  # Joint governance structure, in the Follow-up
    assert page.title.text() == "Joint governance structure"
    for k in (Qt.Key.Key_2, Qt.Key.Key_Tab, Qt.Key.Key_3):
        key(qtbot, k)  # client 2, provider 3
    button = page.evidence.not_agreed_button
    page.side_scroll.ensureWidgetVisible(button)
    click(qtbot, button)
    key(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), TriageDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, TriageDialog)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    confirm = next(i for i, t in enumerate(texts) if t.startswith("Confirm quickly"))
    mine = next(i for i, t in enumerate(texts) if t.startswith("Mutuality 2. Joint governance structure"))
    assert mine < confirm, "listed under Discuss these"
    assert "Follow-up: not agreed by the room (client 2, provider 3)" in texts[mine]
    assert "check the room still agrees" not in texts[confirm]
    dialog.reject()
    with Engagement.open(demo_path) as eng:  # the file says the same
        follow = eng.rounds()[-1].id
        assert eng.scores(follow)[(factor, "agreed")].level is None
        assert factor in [i.factor_id for i in triage(eng, follow).discuss]
