"""Play-through 7, 5: with Large text at 1024 the participants' names were cut ("Dr Priya …")
while the empty Email column took a quarter of the list's width."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from .journey import page_tab
from .test_ui9_participant_emails import reads_whole


def test_names_are_whole_and_an_empty_email_column_stays_narrow_with_large_text_at_1024(
        qtbot, window, demo_path, restore_look):
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert window.open_path(demo_path)
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    next(a for a in view.actions() if a.text() == "&Large text").trigger()
    from mutuality_desktop.ui import theme as look

    qtbot.waitUntil(lambda: look.text_scale() > 1)
    page_tab(qtbot, window, "Setup")
    qtbot.wait(50)
    QApplication.processEvents()
    table = window.setup_page.participants.table
    header = table.horizontalHeader()
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "Dr Priya Raman" in names
    sizes = [header.sectionSize(c) for c in range(4)]
    # every name whole, on the row's two lines if need be, and a role of a few words too (play-through
    # 10: roles were cut to a word, "Assist… Direct…", to keep each name on one line); the longest
    # roles need more than two lines in this list and are whole on hover
    for row in range(table.rowCount()):
        assert reads_whole(table, row, 0), (sizes, table.item(row, 0).text())
        role = table.item(row, 1).text()
        if len(role) <= 30:
            assert reads_whole(table, row, 1), (sizes, role)
    assert all(not table.item(r, 3).text() for r in range(table.rowCount())), "the demo has no emails"
    assert header.sectionSize(3) < table.viewport().width() // 6, "an empty Email column stays narrow"
    assert header.sectionSize(0) >= header.sectionSize(3)
    total = sum(header.sectionSize(c) for c in range(4))
    assert total <= table.viewport().width() + 1, "no column pushed out of sight"
