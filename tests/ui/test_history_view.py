"""Edit → History…: who changed what, when, for the factor on screen or the whole engagement."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def test_history_of_the_factor_on_screen_follows_each_change(qtbot, window, blank_path, monkeypatch):
    monkeypatch.setenv("MUTUALITY_AUTHOR", "Andrea Price")
    window.open_path(blank_path)
    window.show_page("Walkthrough")
    page = window.workshop
    qtbot.keyClicks(page.guide, "3")  # the client's view of the first factor
    history = next(a for a in window.menuBar().actions() if a.text() == "&Edit").menu()
    item = next(a for a in history.actions() if a.text() == "&History…")
    item.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if w.isVisible() and w.accessibleName() == "Engagement history")
    qtbot.addWidget(dialog)
    assert dialog.factor_id() == page.factor_id
    rows = [[dialog.list.topLevelItem(i).text(c) for c in range(3)]
            for i in range(dialog.list.topLevelItemCount())]
    assert len(rows) == 1 and rows[0][1] == "Andrea Price"
    assert rows[0][2].startswith("set the client level for ") and rows[0][2].endswith(" to 3")
    sentence = dialog.list.topLevelItem(0).toolTip(2)
    assert sentence.startswith("Andrea Price set the client level for ") and " to 3 on " in sentence
    qtbot.keyClicks(page.guide, "4")  # the same view again: the open list follows
    qtbot.waitUntil(lambda: dialog.list.topLevelItemCount() == 2)
    assert dialog.list.topLevelItem(0).text(2).endswith("from 3 to 4")  # newest first
    dialog.scope.setCurrentIndex(dialog.scope.findData(""))
    assert "2 changes recorded for this engagement" in dialog.count.text()
    other = next(f.id for f in window.doc.engagement.framework.factors if f.id != page.factor_id)
    dialog.scope.setCurrentIndex(dialog.scope.findData(other))
    assert dialog.list.topLevelItemCount() == 0 and "No changes" in dialog.count.text()
    dialog.close()


def test_your_name_in_the_history_is_kept_in_the_settings(qtbot, window, blank_path):
    from PySide6.QtCore import Qt

    from mutuality_desktop.ui.history_view import show_history

    window.open_path(blank_path)
    window.show_page("Walkthrough")
    dialog = show_history(window)
    qtbot.addWidget(dialog)
    dialog.author.setFocus()
    dialog.author.setText("  Siân   Evans ")  # (QTest cannot type "â")
    qtbot.keyClick(dialog.author, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Return saved the name; it did not close the list
    qtbot.keyClicks(window.workshop.guide, "2")
    qtbot.waitUntil(lambda: dialog.list.topLevelItemCount() == 1)
    assert dialog.list.topLevelItem(0).text(1) == "Siân Evans"
    dialog.close()
    window.close_document()
    window.open_path(blank_path)  # a later session records the same name
    qtbot.keyClicks(window.workshop.guide, "3")
    assert {e.author for e in window.doc.engagement.history()} == {"Siân Evans"}
