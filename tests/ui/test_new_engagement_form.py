"""The New engagement form and Setup's participants at 1024 (playthrough 1, finding 14)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .journey import click, focused, page_tab, press
from .test_ui9_participant_emails import reads_whole, shown_lines


def test_tab_goes_down_each_column_and_the_hint_is_whole(qtbot, window):
    press(qtbot, Qt.Key.Key_Return)  # New engagement, from the start page
    form = window.setup_page.form
    venue = form.editor("workshop_venue")
    click(qtbot, venue)
    press(qtbot, Qt.Key.Key_Tab)
    authority = form.editor("authority_type")
    assert focused() in (authority, authority.lineEdit()), "Tab from Venue goes to Authority type below it"
    press(qtbot, Qt.Key.Key_Tab)
    name = form.editor("contract_name")
    assert focused() is name, "then to the top of the contract's column"
    hint = window.setup_page.create_hint
    assert hint.isVisible() and "…" not in hint.text()
    for label in ("Engagement title", "Client organisation", "Provider organisation"):
        assert label in hint.text()
    # the text is all shown: the label is as tall as its wrapped lines need
    assert hint.heightForWidth(hint.width()) <= hint.height()


def test_the_participants_email_column_is_readable_at_1024(qtbot, window, demo_path):
    # the demo's people have no addresses (then Email keeps to its heading's width): give some
    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.core.operations import SetParticipantEmail

    with Engagement.open(demo_path) as eng:
        for person in eng.participants()[:3]:
            eng.apply(SetParticipantEmail(person.uuid, f"{person.name.split()[-1].lower()}@brackenford.gov.uk"))
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    window.open_path(demo_path)
    page_tab(qtbot, window, "Setup")
    table = window.setup_page.participants.table
    qtbot.wait(1)
    # the names and roles read whole first; the Email column has the rest, at least its heading, and
    # an address too long for it shows its name and "@domain" on the row's two lines (play-through 10)
    assert table.columnWidth(3) >= table.fontMetrics().horizontalAdvance("Email"), [
        table.columnWidth(i) for i in range(4)]
    for row in range(table.rowCount()):
        assert reads_whole(table, row, 0) and reads_whole(table, row, 1), table.item(row, 1).text()
    assert [len(shown_lines(table, row)) for row in range(3)] == [2, 2, 2]
    used = sum(table.columnWidth(i) for i in range(4))
    assert used <= table.viewport().width() + 1  # nothing beyond the right edge
