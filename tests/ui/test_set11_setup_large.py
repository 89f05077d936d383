"""Play-through 11, Setup with View -> Large text: at 1366 the dimensions list became a small box
scrolling inside the scrolling page (and the fifteen Mutuality factors always did); at 1024 an
empty Email column kept its width while the roles were cut. The lists now show every row in the
page's own scroll, in both looks and sizes, and the participants' roles read whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QListWidget, QStyle, QStyleOptionViewItem

from mutuality_desktop.core.prework.contacts import participant_emails
from mutuality_desktop.ui import theme

from .journey import click, focused, open_on_page, stored
from .test_ui9_participant_emails import _add_participant

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
SIZES = [(1366, 768), (1024, 768)]


def _large_text(qtbot, on: bool) -> None:
    """Ctrl+Shift+L, pressed where the focus is, as a person switches View -> Large text."""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, CTRL_SHIFT)
    qtbot.waitUntil(lambda: (theme.text_scale() > 1) == on, timeout=5000)
    qtbot.wait(300)  # the restyle and the re-fits it queues


def _open_setup(qtbot, window, path, size):
    open_on_page(qtbot, window, path, size, "Setup")
    page = window.setup_page
    qtbot.waitUntil(page.isVisible)
    return page


def _box(lst: QListWidget, row: int) -> QPoint:
    """Where a row's tick box is drawn."""
    option = QStyleOptionViewItem()
    lst.initViewItemOption(option)
    option.rect = lst.visualItemRect(lst.item(row))
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    return lst.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, lst).center()


def _whole_in_the_page(qtbot, lst: QListWidget) -> None:
    """Every row of the list drawn inside it, the list never scrolled, and no blank band under it
    (once the page is laid out: a list just filled takes its height as the page is next laid out)."""
    QApplication.processEvents()
    qtbot.waitUntil(lambda: lst.verticalScrollBar().maximum() == 0, timeout=1000)
    viewport = lst.viewport().rect()
    rows = [lst.visualItemRect(lst.item(i)) for i in range(lst.count())]
    for i, rect in enumerate(rows):
        assert viewport.contains(rect), (lst.accessibleName(), i, rect, viewport)
    assert viewport.height() - rows[-1].bottom() <= 8, "a blank band under the rows"


def _click_in_view(qtbot, page, lst: QListWidget, row: int, on_name: bool = False) -> None:
    """Bring the row into the page's view (a person scrolls the page) and click its tick box (or
    its name)."""
    def where() -> QPoint:
        return lst.visualItemRect(lst.item(row)).center() if on_name else _box(lst, row)

    def seen() -> bool:
        at = where()
        page.ensureVisible(*lst.viewport().mapTo(page.widget(), at).toTuple(), 20, 60)
        return page.viewport().rect().contains(lst.viewport().mapTo(page.viewport(), at))

    qtbot.waitUntil(seen, timeout=2000)  # once the page has its new height
    click(qtbot, lst.viewport(), where())


@pytest.mark.parametrize("size", SIZES, ids=["1366", "1024"])
def test_the_scope_lists_show_every_row_in_the_page_in_both_looks(qtbot, window, demo_path, restore_look, size):
    page = _open_setup(qtbot, window, demo_path, size)
    scope = page.scope
    click(qtbot, page.form.editor("title"))
    _large_text(qtbot, True)
    assert scope.list.count() == 6 and scope.factors.count() == 15  # Mutuality's fifteen, picked
    _whole_in_the_page(qtbot, scope.list)
    _whole_in_the_page(qtbot, scope.factors)
    for _ in range(2):  # High contrast on and off again (its thicker frames): still whole
        contrast = bool(theme.high_contrast)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_H, CTRL_SHIFT)
        qtbot.waitUntil(lambda contrast=contrast: bool(theme.high_contrast) != contrast, timeout=5000)
        qtbot.wait(300)
        _whole_in_the_page(qtbot, scope.list)
        _whole_in_the_page(qtbot, scope.factors)
    # the last dimension, the row the small box hid, unticked with one click where it is drawn
    assert scope.list.item(5).text().startswith("Stakeholder Value")
    _click_in_view(qtbot, page, scope.list, 5)
    with stored(demo_path) as eng:
        last = eng.rounds()[-1].id
        assert "stakeholder_value" not in eng.chosen_scope(last)
        assert "mutuality" in eng.chosen_scope(last)
    # back to the ordinary look: still whole, and no band kept from the larger type
    _large_text(qtbot, False)
    _whole_in_the_page(qtbot, scope.list)
    assert scope.factors_title.text().startswith("Factors of Stakeholder Value")
    for label in (scope.note,):
        assert label.height() - label.heightForWidth(label.width()) <= 2, "a blank band kept from Large text"
    # Mutuality's fifteenth factor, the last row of the longest list, left out with a click
    _click_in_view(qtbot, page, scope.list, 0, on_name=True)
    qtbot.waitUntil(lambda: scope.factors.count() == 15)
    _whole_in_the_page(qtbot, scope.factors)
    _click_in_view(qtbot, page, scope.factors, 14)
    with stored(demo_path) as eng:
        left_out = eng.excluded_factors(eng.rounds()[-1].id)
        assert "mutuality" in eng.chosen_scope(eng.rounds()[-1].id)  # picked by its name, still ticked
        fifteenth = eng.framework.dimension("mutuality").factors[14].id
        assert left_out == {fifteenth}


def _cell_room(table, row: int, column: int) -> int:
    style = table.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    return table.visualRect(table.model().index(row, column)).width() - 2 * margin


def _reads_whole(table, row: int, column: int) -> bool:
    text = table.item(row, column).text()
    fm = table.fontMetrics()
    box = fm.boundingRect(QRect(0, 0, max(1, _cell_room(table, row, column)), 10_000),
                          int(Qt.TextFlag.TextWordWrap), text)
    return box.width() <= _cell_room(table, row, column) and box.height() <= table.rowHeight(row)


def _header_need(table) -> int:
    """What the Email heading needs to read whole: its bold text and the section's padding."""
    font = QFont(table.horizontalHeader().font())
    font.setWeight(QFont.Weight.DemiBold)
    return QFontMetrics(font).horizontalAdvance("Email") + 16


def test_at_1024_large_the_roles_read_whole_beside_a_narrow_empty_email_column(qtbot, window, demo_path,
                                                                                 restore_look):
    page = _open_setup(qtbot, window, demo_path, (1024, 768))
    click(qtbot, page.form.editor("title"))
    _large_text(qtbot, True)
    panel = page.participants
    table = panel.table
    header = table.horizontalHeader()
    assert table.rowCount() == 10
    with stored(demo_path) as eng:
        assert not participant_emails(eng)  # the demo has no addresses: the Email column is empty
    for row in range(table.rowCount()):
        assert _reads_whole(table, row, 0), table.item(row, 0).text()
        assert _reads_whole(table, row, 1), table.item(row, 1).text()  # was "Managing Director, Public …"
    assert _header_need(table) - 4 <= header.sectionSize(3) <= _header_need(table) + 12
    assert header.sectionSize(1) > 2 * header.sectionSize(3)
    # an address typed for one participant: stored, shown, and the roles still read whole
    gareth = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "Gareth Llewellyn")
    page.ensureWidgetVisible(table)
    click(qtbot, table.viewport(), table.visualItemRect(table.item(gareth, 0)).center())
    page.ensureWidgetVisible(panel.email)
    click(qtbot, panel.email)
    assert focused() is panel.email
    qtbot.keyClicks(focused(), "gareth.llewellyn@brackenford.gov.uk")
    click(qtbot, panel.add_button)  # Save changes
    with stored(demo_path) as eng:
        person = next(p for p in eng.participants() if p.name == "Gareth Llewellyn")
        assert participant_emails(eng)[person.id] == "gareth.llewellyn@brackenford.gov.uk"
    qtbot.waitUntil(lambda: table.item(gareth, 3).text() == "gareth.llewellyn@brackenford.gov.uk")
    assert table.item(gareth, 3).toolTip() == "gareth.llewellyn@brackenford.gov.uk"
    for row in range(table.rowCount()):
        assert _reads_whole(table, row, 1), table.item(row, 1).text()
    assert header.sectionSize(3) >= _header_need(table) - 4


def _eleventh_at_1024_large(qtbot, window, path, name: str, role: str, email: str):
    """Setup at 1024 with Large text, an eleventh participant added by typing; the list."""
    page = _open_setup(qtbot, window, path, (1024, 768))
    click(qtbot, page.form.editor("title"))
    _large_text(qtbot, True)
    panel = page.participants
    table = panel.table
    page.ensureWidgetVisible(panel.name)
    _add_participant(qtbot, panel, name, role, email)
    qtbot.waitUntil(lambda: table.rowCount() == 11)
    return table


def test_a_role_too_long_for_three_lines_is_cut_with_its_whole_text_a_hover_away(qtbot, window, demo_path,
                                                                                 restore_look):
    role = ("Interim Assistant Director for Environment, Neighbourhoods, Regulatory Services, Highways "
            "Asset Management and Climate Resilience")
    table = _eleventh_at_1024_large(qtbot, window, demo_path, "Bea Long-Title", role, "")
    with stored(demo_path) as eng:
        assert any(p.name == "Bea Long-Title" and p.role == role for p in eng.participants())  # as typed
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "Bea Long-Title")
    cell = table.item(row, 1)
    assert cell.text() == role and cell.toolTip() == role
    assert not _reads_whole(table, row, 1)  # truly short of room: cut with "…"
    assert table.textElideMode() != Qt.TextElideMode.ElideNone
    lines = table.fontMetrics().lineSpacing()
    assert table.rowHeight(row) < 4 * lines + 12, "rows three lines tall at most"
    for other in range(table.rowCount()):
        if other != row:
            assert _reads_whole(table, other, 1), table.item(other, 1).text()


def test_at_1366_large_the_roles_read_whole_on_rows_two_lines_tall(qtbot, window, demo_path, restore_look):
    """A role exactly two lines wide was measured in a narrower room than it is drawn in, took a
    third line, and every row was a line too tall."""
    page = _open_setup(qtbot, window, demo_path, (1366, 768))
    click(qtbot, page.form.editor("title"))
    _large_text(qtbot, True)
    table = page.participants.table
    lines = table.fontMetrics().lineSpacing()
    for row in range(table.rowCount()):
        assert _reads_whole(table, row, 0), table.item(row, 0).text()
        assert _reads_whole(table, row, 1), table.item(row, 1).text()
        assert table.rowHeight(row) < 3 * lines + 6, "a row a line taller than its text"


def test_a_hyphenated_name_wraps_at_its_hyphen_and_the_roles_keep_their_room(qtbot, window, demo_path,
                                                                             restore_look):
    """Measured as one unbreakable word, "Montgomery-Smythe" took the room of the roles, which were
    cut at 1024 with Large text; the list wraps it after its hyphen, as Qt draws it."""
    name, role = "Alexandra Montgomery-Smythe", "Strategic Director of Neighbourhoods and Climate"
    email = "alexandra.montgomery-smythe@brackenford.gov.uk"
    table = _eleventh_at_1024_large(qtbot, window, demo_path, name, role, email)
    with stored(demo_path) as eng:
        person = next(p for p in eng.participants() if p.name == name)
        assert person.role == role and participant_emails(eng)[person.id] == email
    qtbot.wait(50)
    for row in range(table.rowCount()):
        assert _reads_whole(table, row, 0), table.item(row, 0).text()
        assert _reads_whole(table, row, 1), table.item(row, 1).text()
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == name)
    assert table.item(row, 3).toolTip() == email  # the address, cut to fit, whole on hover
