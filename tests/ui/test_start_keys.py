"""The start page and the New engagement form by keyboard: Return acts, focus is visible."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from mutuality_desktop.ui import theme

from .journey import focused, press, stored, type_keys


def _edge_colour(button) -> QColor:
    """The colour a person sees on the button's left edge, half-way down."""
    image = button.grab().toImage()
    return image.pixelColor(1, image.height() // 2)


def test_the_start_page_opens_on_new_engagement_with_a_visible_focus_ring(qtbot, window):
    button = window.start.new_button
    assert focused() is button
    ring = _edge_colour(button)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is window.start.open_button
    plain = _edge_colour(button)
    assert ring.name() == QColor(theme.INK).name() and plain.name() != ring.name()


def test_return_on_a_start_page_button_presses_it(qtbot, window):
    press(qtbot, Qt.Key.Key_Tab, times=2)
    assert focused() is window.start.demo_button
    press(qtbot, Qt.Key.Key_Return)
    assert window.doc is not None and window.doc.path.name == "Demo engagement.mutuality"


def test_return_submits_the_new_engagement_form(qtbot, window):
    press(qtbot, Qt.Key.Key_Return)  # on New engagement
    page = window.setup_page
    assert focused() is page.form.editor("title")
    type_keys(qtbot, "Waste contract review")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "Eastfield Council")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "Greenway Ltd")
    press(qtbot, Qt.Key.Key_Tab, times=2)  # past the facilitator, to the workshop date
    type_keys(qtbot, "12 Mar 2026")
    target = Path(page.path.text())
    press(qtbot, Qt.Key.Key_Return)
    assert window.doc is not None and window.doc.path == target
    with stored(target) as eng:
        info = eng.info()
    assert (info.title, info.client_organisation, info.provider_organisation) == (
        "Waste contract review", "Eastfield Council", "Greenway Ltd")
    assert str(info.workshop_date) == "2026-03-12"


def test_return_with_a_required_field_missing_points_at_it(qtbot, window):
    press(qtbot, Qt.Key.Key_Return)
    page = window.setup_page
    type_keys(qtbot, "Waste contract review")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "Eastfield Council")
    press(qtbot, Qt.Key.Key_Return)
    assert window.doc is None  # nothing created
    provider = page.form.fields["provider_organisation"]
    assert focused() is provider.editor and provider.hint.isVisible()
    type_keys(qtbot, "Greenway Ltd")
    press(qtbot, Qt.Key.Key_Return)
    assert window.doc is not None
