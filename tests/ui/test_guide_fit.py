"""The scoring guide is read by the whole room: all six levels, no scrolling, on a 1366x768 laptop."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractScrollArea

MIN_READABLE_POINTS = 9.5


def test_every_mutuality_guide_fits_at_1366x768(qtbot, window, demo_path):
    window.open_path(demo_path)
    assert (window.width(), window.height()) == (1366, 768)
    page = window.workshop
    guide = page.guide
    parent = guide.parentWidget()
    while parent is not None:  # nothing around the guide scrolls
        assert not isinstance(parent, QAbstractScrollArea)
        parent = parent.parentWidget()
    for factor in page.framework.workshop_order()[0].factors:
        assert page.factor_id == factor.id
        qtbot.wait(1)
        assert guide.fitted_point_size() >= MIN_READABLE_POINTS, factor.id
        assert guide.required_height() <= guide.height(), factor.id
        assert guide.fits()
        assert guide.width() >= 600  # the guide is the widest thing on the screen
        qtbot.keyClick(guide, Qt.Key.Key_PageDown)


def test_the_selected_levels_are_marked_on_the_rows(qtbot, window, demo_path):
    window.open_path(demo_path)
    page = window.workshop
    guide = page.guide
    eng = window.doc.engagement
    scores = eng.scores(page.round_id)
    for perspective in ("client", "provider", "agreed"):
        assert guide.chosen(perspective) == scores[(page.factor_id, perspective)].level
    image = guide.grab().toImage()
    assert image.width() == guide.width()


def test_clicking_a_row_scores_and_clicking_its_chip_clears(qtbot, window, blank_path):
    window.open_path(blank_path)
    guide = window.workshop.guide
    rows = {row.value: row for row in guide._layout().rows}
    three = rows[3]
    qtbot.mouseClick(guide, Qt.MouseButton.LeftButton, pos=QPoint(200, three.top + three.height // 2))
    assert guide.chosen("client") == 3
    chip = guide._chip_rect(guide._layout(), three, 0).center()
    qtbot.mouseClick(guide, Qt.MouseButton.LeftButton, pos=chip)
    assert guide.chosen("client") is None
    assert window.workshop.bar.buttons["client"].value_text() == "Not assessed"
