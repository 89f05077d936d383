"""No name given for the history: from the moment a file is open for editing, the status bar says under which
name changes are recorded, with a link to the History dialog's name box. Nothing blocks the change itself."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core.history import default_author

from .journey import click, focused, stored, type_keys
from .test_walkthrough_journey import open_walkthrough


def _history_dialog():
    return next(w for w in QApplication.topLevelWidgets()
                if w.isVisible() and w.accessibleName() == "Engagement history")


def test_the_first_change_offers_to_set_the_name_and_the_name_is_recorded(qtbot, window, blank_path,
                                                                          monkeypatch):
    monkeypatch.delenv("MUTUALITY_AUTHOR", raising=False)
    login = default_author()
    page = open_walkthrough(qtbot, window, blank_path)
    prompt = window.name_prompt.button
    assert prompt.isVisible() and prompt.text().startswith("Changes are recorded as"), \
        "offered before the first change"
    qtbot.keyClick(focused(), Qt.Key.Key_3)  # the client's level: saved at once, nothing in the way
    with stored(blank_path) as eng:
        assert eng.scores(eng.rounds()[0].id)[(page.factor_id, "client")].level == 3
        assert [e.author for e in eng.history()] == [login]
    assert focused() is page.guide, "the keyboard stays where the facilitator was"
    qtbot.waitUntil(prompt.isVisible)
    assert window.statusBar().currentMessage().startswith("Scored the client view")
    window.statusBar().clearMessage()  # the score's message goes after a few seconds: room again
    qtbot.waitUntil(lambda: prompt.text() == f"Changes are recorded as “{login}” · Set your name…")
    assert window.statusBar().rect().contains(prompt.geometry().center())

    click(qtbot, prompt)
    dialog = _history_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.author)
    assert dialog.recorded_as.isVisible() and f"recorded as “{login}”" in dialog.recorded_as.text()
    type_keys(qtbot, "Andrea Price")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert not prompt.isVisible() and not dialog.recorded_as.isVisible()
    dialog.close()
    window.activateWindow()  # back to the walkthrough, where the guide had the keyboard
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.guide)
    qtbot.keyClick(focused(), Qt.Key.Key_4)
    with stored(blank_path) as eng:
        assert eng.history()[-1].author == "Andrea Price"
    assert not prompt.isVisible()


def test_a_name_already_given_is_not_asked_for(qtbot, window, blank_path, monkeypatch):
    from mutuality_desktop.ui.settings import Settings

    monkeypatch.delenv("MUTUALITY_AUTHOR", raising=False)
    Settings().set_author_name("Siân Evans")
    open_walkthrough(qtbot, window, blank_path)
    qtbot.keyClick(focused(), Qt.Key.Key_2)
    qtbot.wait(50)
    assert not window.name_prompt.button.isVisible()
    with stored(blank_path) as eng:
        assert [e.author for e in eng.history()] == ["Siân Evans"]
