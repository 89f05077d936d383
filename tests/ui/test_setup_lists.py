"""Setup as the facilitator met it (playthrough 1, finding 13): the participant fields sit under the
list and a person added shows in it; the factor list follows the dimension just ticked; no "not
chosen yet" beside a ticked dimension."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from .journey import click, focused, page_tab, press, type_keys


def _check_box_point(lst, item) -> QPoint:
    """Where the item's tick box is drawn."""
    option = QStyleOptionViewItem()
    lst.initViewItemOption(option) if hasattr(lst, "initViewItemOption") else None
    option.rect = lst.visualItemRect(item)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = lst.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, lst)
    return box.center()


def test_ticking_a_dimension_shows_its_factors_and_the_note_never_says_not_chosen(qtbot, window, blank_path):
    window.open_path(blank_path)
    page_tab(qtbot, window, "Setup")
    panel = window.setup_page.scope
    assert "not chosen yet" not in panel.note.text()
    # in a consultant's words, not the default rule's (play-through s5, finding 19)
    assert panel.note.text() == (
        "Baseline covers 15 factors. Mutuality is ticked to begin with; tick or untick a dimension "
        "to change that. Only these appear in the walkthrough, Results, the spreadsheets, the "
        "pre-work forms and the report.")
    assert "click a name to see its factors" in panel.title.text()
    economy = panel.list.item(1)
    click(qtbot, panel.list.viewport(), _check_box_point(panel.list, economy))
    assert panel.list.item(1).checkState() == Qt.CheckState.Checked
    assert panel.factors_title.text().startswith("Factors of Economy")
    assert panel.factors.count() == 5
    # by keys too: Down to Efficiency, Space ticks it, and the factors below follow
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)
    assert panel.factors_title.text().startswith("Factors of Efficiency")
    assert panel.note.text().startswith("Baseline covers 25 factors. Only these appear in the walkthrough")


def test_the_participant_fields_sit_under_the_list_and_a_person_added_is_seen(qtbot, window, blank_path):
    window.open_path(blank_path)
    page_tab(qtbot, window, "Setup")
    setup = window.setup_page
    people = setup.participants
    table = people.table
    gap = people.name.mapTo(people, QPoint()).y() - (table.mapTo(people, QPoint()).y() + table.height())
    assert gap <= 60, f"the name field is {gap} px below the list"
    viewport = setup.viewport()
    click(qtbot, people.name)
    for i in range(12):
        type_keys(qtbot, f"Person {i}")
        press(qtbot, Qt.Key.Key_Tab)
        type_keys(qtbot, "Officer")
        press(qtbot, Qt.Key.Key_Return)
        assert focused() is people.name
        assert table.rowCount() == i + 1

        def seen(i=i) -> bool:
            row = table.visualItemRect(table.item(i, 0))
            return table.viewport().rect().contains(row.center()) and viewport.rect().contains(
                table.viewport().mapTo(viewport, row.center()))

        qtbot.waitUntil(seen, timeout=1000)
        row = table.visualItemRect(table.item(i, 0))
        centre = table.viewport().mapTo(viewport, row.center())
        assert viewport.rect().contains(centre), f"row {i} is off the page's view"
        field = people.name.mapTo(viewport, people.name.rect().center())
        assert viewport.rect().contains(field)


def test_the_next_person_starts_on_the_side_of_the_one_just_added(qtbot, window, blank_path):
    """Play-through 2: the side went back to Client after each person, so a second provider
    director had to be switched again."""
    from mutuality_desktop.core.engagement import Engagement

    window.open_path(blank_path)
    page_tab(qtbot, window, "Setup")
    people = window.setup_page.participants
    click(qtbot, people.name)
    type_keys(qtbot, "Ann Provider")
    people.side.setFocus()
    while people.side.currentData() != "provider":  # the keys a person presses on the box
        press(qtbot, Qt.Key.Key_Down)
    click(qtbot, people.add_button)
    assert people.side.currentData() == "provider"
    click(qtbot, people.name)
    type_keys(qtbot, "Bob Provider")
    press(qtbot, Qt.Key.Key_Return)
    window.close_document()
    with Engagement.open(blank_path, readonly=True) as e:
        assert [(p.name, p.side) for p in e.participants()] == [("Ann Provider", "provider"),
                                                                 ("Bob Provider", "provider")]
