"""The scoring guide is read by the whole room: all six levels, no scrolling, on a 1366x768 laptop."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

MIN_READABLE_POINTS = 9.5


def test_every_mutuality_guide_fits_at_1366x768(qtbot, window, demo_path):
    window.open_path(demo_path)
    assert (window.width(), window.height()) == (1366, 768)
    page = window.workshop
    guide = page.guide
    sizes = set()
    for factor in page.framework.workshop_order()[0].factors:
        assert page.factor_id == factor.id
        qtbot.wait(1)
        assert guide.fitted_point_size() >= MIN_READABLE_POINTS, factor.id
        assert guide.required_height() <= guide.height(), factor.id
        assert guide.fits()
        assert guide.width() >= 600  # the guide is the widest thing on the screen
        assert page.guide_scroll.verticalScrollBar().maximum() == 0  # nothing to scroll
        sizes.add(guide.fitted_point_size())
        qtbot.keyClick(guide, Qt.Key.Key_PageDown)
    assert len(sizes) == 1, sizes  # the type does not jump from factor to factor


def test_on_a_1024x700_projector_the_window_fits_and_the_guide_scrolls_instead_of_cutting_off(
        qtbot, window, demo_path):
    window.open_path(demo_path)
    page = window.workshop
    widths = []
    for factor_id in page._factor_ids:  # the window's minimum width does not grow with the text
        page.go_to_factor(factor_id)
        widths.append(window.minimumSizeHint().width())
    assert max(widths) <= 1024 and len(set(widths)) == 1, widths
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    page.go_to_factor(page._factor_ids[0])
    qtbot.wait(1)
    guide, bar = page.guide, page.guide_scroll.verticalScrollBar()
    assert guide.fits() and guide.fitted_point_size() >= MIN_READABLE_POINTS  # every level whole
    assert bar.maximum() > 0  # the rest is a scroll away
    guide.setFocus()
    qtbot.keyClick(guide, Qt.Key.Key_0)  # scoring the bottom level brings it into view
    top, height = guide.row_span(0)
    assert bar.value() > 0 and top + height <= bar.value() + page.guide_scroll.viewport().height() + 1
    page.go_to_factor(page._factor_ids[1])
    # a new factor shows its marks: the client's chosen level (the perspective scored) is in view
    level = guide.chosen("client")
    assert level is not None
    top, height = guide.row_span(level)
    view = page.guide_scroll.viewport().height()
    assert bar.value() <= top and top + height <= bar.value() + view + 1


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
    three = next(row for row in guide._layout().rows if row.value == 3)  # taller: its prompt shows
    chip = guide._chip_rect(guide._layout(), three, 0).center()
    qtbot.mouseClick(guide, Qt.MouseButton.LeftButton, pos=chip)
    assert guide.chosen("client") is None
    assert window.workshop.bar.buttons["client"].value_text() == "Not assessed"
