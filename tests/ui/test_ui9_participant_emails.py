"""Setup's participants with long email addresses (play-through 9): rows were of uneven height when
an address wrapped, and at 1024 an address was cut inside a word ("fiona.mcalliste… environmental…").
Now every row has one height, an address too long for its column shows its name and "@domain" on
the row's two lines (each cut at its end if still too long), and the whole address is the cell's
text: its tooltip and what a screen reader reads. Typed in the form, read back from the file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem, QTableWidget

from mutuality_desktop.core.prework.contacts import participant_emails
from tests.ui.journey import click, focused, page_tab, press, stored

PEOPLE = [
    ("Fiona McAllister", "Managing Director, Public Services, and executive sponsor",
     "fiona.mcallister@tarnwell-environmental-services.co.uk"),
    ("Tunde Adeyemi", "Finance", ""),
    ("Amira Haddad", "Commercial & Finance Director",
     "amira.haddad.commercial.finance@tarnwell-environmental-services.co.uk"),
    ("Gareth Llewellyn", "Head of Highways", "gareth.llewellyn@brackenford.gov.uk"),
]


def shown_lines(table: QTableWidget, row: int) -> list[str]:
    """The lines the Email cell paints, as its delegate words them for the cell's rectangle."""
    index = table.model().index(row, 3)
    option = QStyleOptionViewItem()
    option.initFrom(table.viewport())
    option.rect = table.visualRect(index)
    option.widget = table
    table.itemDelegateForColumn(3).initStyleOption(option, index)
    return option.text.split("\n") if option.text else []


def is_whole_or_cut_at_its_end(line: str, part: str) -> bool:
    return line == part or (line.endswith("\u2026") and part.startswith(line[:-1]))


def _add_participant(qtbot, panel, name: str, role: str, email: str) -> None:
    """Name, role and (if any) email typed into Setup's boxes as a person clicks them, then Return."""
    click(qtbot, panel.name)
    qtbot.keyClicks(focused(), name)
    click(qtbot, panel.role)
    qtbot.keyClicks(focused(), role)
    if email:
        click(qtbot, panel.email)
        qtbot.keyClicks(focused(), email)
    press(qtbot, Qt.Key.Key_Return)


@pytest.mark.parametrize("large", [False, True], ids=["normal text", "large text"])
@pytest.mark.parametrize("width", [1366, 1024])
def test_long_emails_show_at_sensible_points_on_rows_of_one_height(qtbot, window, blank_path, restore_look,
                                                                     width, large):
    window.resize(width, 768)
    qtbot.waitUntil(lambda: window.width() == width)
    assert window.open_path(blank_path)
    if large:
        view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
        next(a for a in view.actions() if a.text() == "&Large text").trigger()
        from mutuality_desktop.ui import theme

        qtbot.waitUntil(lambda: theme.text_scale() > 1)
    page_tab(qtbot, window, "Setup")
    panel = window.setup_page.participants
    for name, role, email in PEOPLE:
        _add_participant(qtbot, panel, name, role, email)
    with stored(blank_path) as eng:
        saved = {p.name: participant_emails(eng).get(p.id, "") for p in eng.participants()}
    assert saved == {name: email for name, _, email in PEOPLE}
    QApplication.processEvents()

    table = panel.table
    heights = {table.rowHeight(row) for row in range(table.rowCount())}
    assert len(heights) == 1, f"rows of uneven height: {heights}"
    by_name = {table.item(row, 0).text(): row for row in range(table.rowCount())}
    fm = table.fontMetrics()
    for name, _, email in PEOPLE:
        row = by_name[name]
        cell = table.item(row, 3)
        assert cell.text() == email and cell.toolTip() == email  # the whole address, read and hovered
        lines = shown_lines(table, row)
        if not email:
            assert lines == []
            continue
        assert len(lines) in (1, 2)
        room = table.columnWidth(3)
        assert all(fm.horizontalAdvance(line) < room for line in lines), (lines, room)
        if lines == [email]:
            continue  # whole on one line
        local, _, domain = email.partition("@")
        if len(lines) == 2:  # the name on one line, "@domain" on the next: never broken inside a word
            assert is_whole_or_cut_at_its_end(lines[0], local), lines
            assert is_whole_or_cut_at_its_end(lines[1], "@" + domain), lines
        else:  # one line: the start and the domain's end both show
            start, _, end = lines[0].partition("\u2026")
            assert email.startswith(start) and email.endswith(end) and start and end, lines

    # a click on a long address's row opens it in the form, the whole address there to edit
    row = by_name["Amira Haddad"]
    rect = table.visualRect(table.model().index(row, 3))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(0, 0))
    assert panel.email.text() == PEOPLE[2][2]


# play-through 10: one long address grew the Email column and cut every role ("Corporate Director …")
ROLES = [("Helen Whitcombe", "Corporate Director of Place", ""),
         ("Samuel Okafor", "Head of Commissioning", ""),
         ("Priya Raman", "Assistant Director",
          "firstname.middlename.lastname@northmoor-borough-council.gov.uk")]


def reads_whole(table: QTableWidget, row: int, column: int) -> bool:
    """The cell's text fits its rectangle, wrapped at spaces onto the row's lines, nothing cut."""
    rect = table.visualRect(table.model().index(row, column))
    fm = table.fontMetrics()
    style = table.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    room = rect.width() - 2 * margin
    text = table.item(row, column).text()
    box = fm.boundingRect(QRect(0, 0, room, 10_000), int(Qt.TextFlag.TextWordWrap), text)
    return box.width() <= room and box.height() <= rect.height()


@pytest.mark.parametrize("width", [1366, 1024])
def test_a_long_address_gives_way_to_the_roles(qtbot, window, blank_path, restore_look, width):
    window.resize(width, 768)
    qtbot.waitUntil(lambda: window.width() == width)
    assert window.open_path(blank_path)
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    next(a for a in view.actions() if a.text() == "&Large text").trigger()
    from mutuality_desktop.ui import theme

    qtbot.waitUntil(lambda: theme.text_scale() > 1)
    page_tab(qtbot, window, "Setup")
    panel = window.setup_page.participants
    table = panel.table
    for number, (name, role, email) in enumerate(ROLES, start=1):
        _add_participant(qtbot, panel, name, role, email)
        QApplication.processEvents()
        assert table.rowCount() == number
        for row in range(table.rowCount()):  # every role whole, before the address and after it
            assert reads_whole(table, row, 1), (table.item(row, 1).text(), table.columnWidth(1), number)
            assert reads_whole(table, row, 0), (table.item(row, 0).text(), table.columnWidth(0), number)
    with stored(blank_path) as eng:
        saved = {p.name: participant_emails(eng).get(p.id, "") for p in eng.participants()}
    assert saved == {name: email for name, _, email in ROLES}
    # the address gave way, still on two lines, name then "@domain", whole when hovered and read out
    row = next(r for r in range(table.rowCount()) if table.item(r, 3).text())
    cell = table.item(row, 3)
    email = ROLES[2][2]
    assert cell.text() == email and cell.toolTip() == email
    lines = shown_lines(table, row)
    local, _, domain = email.partition("@")
    assert len(lines) == 2, lines
    assert is_whole_or_cut_at_its_end(lines[0], local) and is_whole_or_cut_at_its_end(lines[1], "@" + domain)
