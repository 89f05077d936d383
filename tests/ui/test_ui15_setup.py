"""Play-through 8 (ui15), Setup > Participants: one rule for "Add participant" on a new file and on
one opened again; a missing name is said without moving the form's fields; a long role wraps in the
list instead of being cut. Real clicks and keys; the file read back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt

from .journey import click, focused, page_tab, press, stored, type_keys

ROLE = "Director of Environment and Regeneration"


def _tops(panel) -> dict[str, int]:
    return {name: box.mapTo(panel, QPoint(0, 0)).y()
            for name, box in (("name", panel.name), ("role", panel.role), ("side", panel.side),
                              ("email", panel.email))}


def _participants(qtbot, window, path: Path):
    assert window.open_path(path)
    page_tab(qtbot, window, "Setup")
    panel = window.setup_page.participants
    window.setup_page.ensureWidgetVisible(panel.add_button)
    qtbot.wait(30)
    return panel


def test_add_participant_waits_for_a_name_on_a_new_file_and_an_opened_one(
        qtbot, window, blank_path: Path, demo_path: Path) -> None:
    for path in (blank_path, demo_path):  # made a moment ago; opened again after a restart
        panel = _participants(qtbot, window, path)
        assert panel.name.text() == ""
        assert not panel.add_button.isEnabled(), path.name  # 79.png: enabled on the empty form
        click(qtbot, panel.name)
        type_keys(qtbot, "Rajesh Patel")
        assert panel.add_button.isEnabled()
        press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        press(qtbot, Qt.Key.Key_Delete)
        assert focused() is panel.name and panel.name.text() == ""
        assert not panel.add_button.isEnabled()


def test_a_missing_name_is_said_without_moving_the_fields(qtbot, window, demo_path: Path) -> None:
    panel = _participants(qtbot, window, demo_path)
    before = _tops(panel)
    assert before["name"] == before["role"] and abs(before["side"] - before["email"]) <= 1
    click(qtbot, panel.role)
    type_keys(qtbot, ROLE)
    click(qtbot, panel.name)
    press(qtbot, Qt.Key.Key_Return)  # Return with no name: the problem is said
    qtbot.wait(30)
    assert panel.problem.isVisible() and panel.problem.text() == "Enter the participant's name."
    assert panel.name.property("invalid") == "true"
    assert _tops(panel) == before  # 80.png: Role and Email were pushed out of line with Name and Side
    type_keys(qtbot, "Rajesh Patel")
    assert not panel.problem.isVisible()
    click(qtbot, panel.add_button)
    with stored(demo_path) as eng:
        assert any(p.name == "Rajesh Patel" and p.role == ROLE for p in eng.participants())


def test_a_long_role_wraps_in_the_list(qtbot, window, demo_path: Path) -> None:
    panel = _participants(qtbot, window, demo_path)
    click(qtbot, panel.name)
    type_keys(qtbot, "Alexandra Montgomery-Smythe")
    click(qtbot, panel.role)
    type_keys(qtbot, ROLE)
    press(qtbot, Qt.Key.Key_Return)
    with stored(demo_path) as eng:
        assert any(p.role == ROLE for p in eng.participants())
    table = panel.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 1).text() == ROLE)
    width = table.columnWidth(1) - (table.fontMetrics().horizontalAdvance("M") + 6)
    wrapped = table.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), ROLE)
    assert table.fontMetrics().horizontalAdvance(ROLE) > width  # it does not fit one line at 1366
    assert table.rowHeight(row) >= wrapped.height()  # 12.png: "Director of …"
    assert table.height() >= table.horizontalHeader().height() + sum(
        table.rowHeight(r) for r in range(min(10, table.rowCount())))  # up to ten rows in sight


def test_the_annual_value_reads_as_money_once_left_and_is_stored_as_typed(qtbot, window, demo_path: Path) -> None:
    """Play-through 8 (05.png): "24500000" in the new-engagement form until it was created."""
    press(qtbot, Qt.Key.Key_Return)  # New engagement, from the start page
    form = window.setup_page.form
    value = form.editor("contract_annual_value")
    click(qtbot, value)
    type_keys(qtbot, "24500000")
    assert value.text() == "24500000"  # as typed while typing
    press(qtbot, Qt.Key.Key_Tab)
    assert value.text() == "24,500,000"
    assert form.value("contract_annual_value") == 24_500_000
    # in Setup, an engagement's value: written as money, stored as the number
    assert window.open_path(demo_path)
    page_tab(qtbot, window, "Setup")
    form = window.setup_page.form
    value = form.editor("contract_annual_value")
    window.setup_page.ensureWidgetVisible(value)
    click(qtbot, value)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys(qtbot, "£ 31500000")
    press(qtbot, Qt.Key.Key_Tab)
    assert value.text() == "31,500,000"
    with stored(demo_path) as eng:
        assert eng.info().contract_annual_value == 31_500_000


def test_the_contract_model_list_opens_without_a_blank_row(qtbot, window) -> None:
    """Play-through 8 (08.png): the list opened on an empty highlighted first row."""
    press(qtbot, Qt.Key.Key_Return)  # New engagement
    form = window.setup_page.form
    for name in ("contract_model", "authority_type"):
        box = form.editor(name)
        window.setup_page.ensureWidgetVisible(box)
        assert box.currentText() == ""
        arrow = box.rect().adjusted(box.width() - 20, 0, 0, 0).center()
        click(qtbot, box, arrow)
        view = box.view()
        qtbot.waitUntil(view.isVisible)
        texts = [box.itemText(i) for i in range(box.count())]
        assert "" not in texts, name
        current = view.currentIndex()
        assert not current.isValid() or box.itemText(current.row()) != "", name
        press(qtbot, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda v=view: not v.isVisible())
        assert box.currentText() == ""  # nothing chosen by opening and closing the list
