"""A factor the room cannot agree, under real input: the AGREED button and Results' table say so.

The facilitator scores the two sides with digit keys, clears the agreed level with Delete, empties
the agreed note and types "Not agreed: ..." into it; the file is read back by a second connection.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from .journey import click, page_tab
from .test_walkthrough_journey import CTRL, click_factor, key, open_walkthrough, stored

NOTE = "Not agreed: council at 3, the protocol was kept; provider at 1, the August statement came late."


def test_the_agreed_button_and_results_table_say_not_agreed(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 7)  # Joint communications strategy
    assert page.title.text() == "Joint communications strategy"
    # in the list: client 3, Tab, provider 1, Tab, Delete clears the agreed level, Tab to its note
    for k in (Qt.Key.Key_3, Qt.Key.Key_Tab, Qt.Key.Key_1, Qt.Key.Key_Tab, Qt.Key.Key_Delete, Qt.Key.Key_Tab):
        key(qtbot, k)
    editor = page.evidence.editors["agreed"]
    assert QApplication.focusWidget() is editor
    key(qtbot, Qt.Key.Key_A, CTRL)
    key(qtbot, Qt.Key.Key_Delete)  # no note yet: the room is still talking
    row = stored(demo_path, factor)
    assert (row["client"], row["provider"], row["agreed"], row["agreed notes"]) == (3, 1, None, "")
    agreed = page.bar.buttons["agreed"]
    assert agreed.value_text() == "Not yet agreed"
    for char in NOTE:
        qtbot.keyClicks(QApplication.focusWidget(), char)
    assert stored(demo_path, factor)["agreed notes"] == NOTE  # in the file at once
    assert agreed.value_text() == "Not agreed"  # the button follows the note, as it is typed
    said = QAccessible.queryAccessibleInterface(agreed).text(QAccessible.Text.Name)
    assert said.startswith("Agreed view: not agreed")

    page_tab(qtbot, window, "Results")
    results = window.results.page
    qtbot.waitUntil(results._coverage.isVisible)
    coverage = results._coverage.text()
    assert ("Not agreed by the room: Joint communications strategy (client 3 Established, provider 1 Initial)"
            in coverage)
    assert "Not yet agreed: Joint communications strategy" not in coverage
    bar = results.tabs.tabBar()
    qtbot.waitUntil(bar.isVisible)
    index = results.tabs.indexOf(results.factor_pane)
    click(qtbot, bar, bar.tabRect(index).center())  # Mutuality, factor by factor
    pane = results.factor_pane
    qtbot.waitUntil(pane.as_table.isVisible)
    for side in ("client", "provider"):  # both sides' views in the table too
        if not pane.toggles[side].isChecked():
            click(qtbot, pane.toggles[side])
    click(qtbot, pane.as_table)
    assert pane.table.isVisible()
    table = pane.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())}
    comms = dict(zip(headers, rows["Joint communications strategy"], strict=True))
    current = headers[1]  # "Agreed, <this round>" (the demo's follow-up); the earlier round's comes later
    assert current.startswith("Agreed") and comms[current] == "Not agreed"
    client = next(h for h in headers if h.startswith("Client"))
    provider = next(h for h in headers if h.startswith("Provider"))
    assert (comms[client], comms[provider]) == ("3", "1")


def test_the_factor_list_and_results_count_a_disputed_factor_as_not_agreed(qtbot, window, demo_path):
    """Not "partly scored": the list's mark, its spoken name and Results' count say "not agreed"."""
    from mutuality_desktop.core.scoring import NOT_AGREED
    from mutuality_desktop.ui.workshop.navigator import STATE_ROLE

    page = open_walkthrough(qtbot, window, demo_path)
    factor = click_factor(qtbot, page, 7)  # Joint communications strategy
    page_tab(qtbot, window, "Results")
    before = window.results.page._coverage.text()
    page_tab(qtbot, window, "Walkthrough")
    for k in (Qt.Key.Key_3, Qt.Key.Key_Tab, Qt.Key.Key_1, Qt.Key.Key_Tab, Qt.Key.Key_Delete, Qt.Key.Key_Tab):
        key(qtbot, k)
    key(qtbot, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(QApplication.focusWidget(), NOTE)
    assert stored(demo_path, factor)["agreed notes"] == NOTE
    item = page.navigator._items[factor]
    assert item.data(0, STATE_ROLE) == NOT_AGREED
    said = item.data(0, Qt.ItemDataRole.AccessibleTextRole)
    assert said == "7. Joint communications strategy: not agreed by the room"
    assert item.toolTip(0) == said

    page_tab(qtbot, window, "Results")
    results = window.results.page
    qtbot.waitUntil(results._coverage.isVisible)
    coverage = results._coverage.text()
    import re as _re

    had = _re.search(r"(\d+) not agreed by the room", before)
    already = int(had.group(1)) if had else 0  # the demo's own disputed factor
    assert f"{already + 1} not agreed by the room" in coverage
    # the disputed factor is not among those "partly scored"
    def partly(text: str) -> int:
        import re
        found = re.search(r"(\d+) partly scored", text)
        return int(found.group(1)) if found else 0
    assert partly(coverage) <= partly(before)


def test_the_agreed_notes_box_says_how_to_record_a_factor_the_room_cannot_agree(qtbot, window, demo_path):
    """Play-through s5: nothing on screen said how to record "Not agreed"; the rule sits in Help."""
    page = open_walkthrough(qtbot, window, demo_path)
    click_factor(qtbot, page, 2)
    box = page.evidence.editors["agreed"]
    assert box.isVisible()
    hint = box.placeholderText()
    assert "cannot agree" in hint and "\u201cNot agreed\u201d" in hint and "level empty" in hint
