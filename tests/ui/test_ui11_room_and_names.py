"""F11 type and key, and the Names toggle (play-through s6 findings 3 and 4), under real input."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from .journey import click
from .test_walkthrough_journey import click_factor, key, open_walkthrough


def _room(qtbot, page):
    key(qtbot, Qt.Key.Key_F11)
    room = page.presentation
    qtbot.waitUntil(lambda: room is not None and room.isVisible())
    return room


def test_the_room_guide_fills_its_space_per_factor_and_the_strip_has_its_key(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    click_factor(qtbot, page, 3)  # Behaviours and trust indicators: three chips on one row fit too
    room = _room(qtbot, page)
    for width, smallest in ((1366, 12.5), (1024, 11.0)):
        room.resize(width, 768)
        qtbot.waitUntil(lambda w=width: room.width() == w and room.guide.width() > w - 200)
        guide = room.guide
        # the type is as large as this factor's text fits (it was 11.5 pt at 1366, 11 at 1024,
        # where levels were cut off), and every level is whole
        assert guide.fitted_point_size() >= smallest, (width, guide.fitted_point_size())
        assert guide.fits()
        fit = guide._layout()
        for row in fit.rows:  # every chip drawn inside its row
            for slot, _ in enumerate(guide._row_chips(row.value)):
                chip = guide._chip_rect(fit, row, slot)
                assert chip.bottom() <= row.top + row.height
        assert fit.rows[-1].top + fit.rows[-1].height <= guide.height()
    assert room.spread.isVisible() and room.spread_key.isVisible()
    assert "\u25cf Client" in room.spread_key.text() and "\u25cb Provider" in room.spread_key.text()
    key_box, strip = room.spread_key.geometry(), room.spread.geometry()
    assert not key_box.intersects(strip) and key_box.right() <= room.width()
    room.close()


def test_names_says_whether_it_is_on(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    panel = page.spread
    qtbot.waitUntil(panel.isVisible)
    names = panel.names
    assert names.text() == "Names off" and not names.isChecked()
    assert names.toolTip().startswith("Names off")
    iface = QAccessible.queryAccessibleInterface(names)
    assert iface.text(QAccessible.Text.Name) == "Participants' names: off"
    width = names.width()
    click(qtbot, names)
    assert names.isChecked() and names.text() == "Names on" and names.toolTip().startswith("Names on")
    assert iface.text(QAccessible.Text.Name) == "Participants' names: on"
    assert iface.state().checked
    assert names.width() == width  # the strip does not jump
    rect, side, level, people = panel.strip.dots()[0]
    assert all(n in panel.strip.tooltip_at(rect.center()) for n in people)
    click(qtbot, names)
    assert not names.isChecked() and names.text() == "Names off"
