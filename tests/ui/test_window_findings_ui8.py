"""Play-through 26 Nov (ui8), findings about the window: status messages read whole beside the
name button, the shortcuts fit a 1024x768 screen with Large text, high contrast's focus mark
keeps off button text, the factor list's rows are evenly spaced, the notes tabs follow Large
text at 1366, and the guide's preview of a click goes once the mouse rests. Real clicks, keys
and mouse moves; files read back where something is stored."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QStatusBar

from mutuality_desktop.ui import theme

from .journey import click, focused, stored
from .test_walkthrough_journey import open_walkthrough


def _look(window, qtbot, name: str) -> None:
    """Switch View -> Large text or High contrast as the menu does."""
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    before = (theme.text_scale(), theme.high_contrast)
    next(a for a in view.actions() if a.text() == name).trigger()
    qtbot.waitUntil(lambda: (theme.text_scale(), theme.high_contrast) != before)
    qtbot.wait(50)


def _message_room(bar: QStatusBar) -> int:
    """Where the status bar's message can be drawn: up to the first permanent widget shown."""
    shown = [w for w in bar.findChildren(QPushButton) + [bar.window().save_label]
             if w.isVisible() and w.parent() is bar]
    return min(w.x() for w in shown) - 8


def test_a_merge_that_changes_nothing_is_read_whole_at_1024(qtbot, window, blank_path, tmp_path, monkeypatch):
    monkeypatch.delenv("MUTUALITY_AUTHOR", raising=False)
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    page = open_walkthrough(qtbot, window, blank_path)
    qtbot.keyClick(focused(), Qt.Key.Key_3)  # the first change: the name button comes
    prompt = window.name_prompt.button
    qtbot.waitUntil(prompt.isVisible)
    window.doc.flush()
    copy = tmp_path / "colleague copy from the finance director.mutuality"
    shutil.copy(blank_path, copy)  # holds nothing this engagement does not have

    from mutuality_desktop.ui.merge_dialog import merge_a_copy

    assert merge_a_copy(window, copy) is None  # nothing to merge: no dialog
    sentence = f"{copy.name} holds nothing this engagement does not already have; nothing was changed."
    assert window.banner.isVisible() and window.banner.text() == sentence  # whole, where it wraps
    bar = window.statusBar()
    qtbot.wait(50)  # the status bar lays out again
    message = bar.currentMessage()
    assert message, "the status bar says so too"
    assert QFontMetrics(bar.font()).horizontalAdvance(message) <= _message_room(bar), \
        "the message is cut by the name button"
    assert prompt.isVisible() and prompt.text() == "Set name…", "the name button stays, shorter"
    with stored(blank_path) as eng:
        assert eng.scores(eng.rounds()[0].id)[(page.factor_id, "client")].level == 3

    # another outcome, as a guide move reports it: whole too
    bar.showMessage("Moved the engagement to scoring guide 2.1.0; every round keeps its scores.", 8000)
    qtbot.wait(50)
    assert QFontMetrics(bar.font()).horizontalAdvance(bar.currentMessage()) <= _message_room(bar)
    bar.clearMessage()
    qtbot.waitUntil(lambda: prompt.text().startswith("Changes are recorded as"))
    click(qtbot, prompt)  # still opens the history at the name box
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if w.isVisible() and w.accessibleName() == "Engagement history")
    qtbot.addWidget(dialog)
    dialog.close()


def test_the_shortcuts_fit_a_small_screen_with_large_text_and_close_by_click(qtbot, window, demo_path,
                                                                             restore_look):
    open_walkthrough(qtbot, window, demo_path)
    _look(window, qtbot, "&Large text")
    qtbot.keyClick(focused(), Qt.Key.Key_F1)
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if w.isVisible() and w.windowTitle() == "Keyboard shortcuts")
    qtbot.waitExposed(dialog)
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().bottom() <= screen.bottom() and dialog.geometry().top() >= screen.top()
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    corner = close.mapTo(dialog, QPoint(close.width(), close.height()))
    assert dialog.rect().contains(corner), "Close is in sight"
    assert close.isVisible()
    click(qtbot, close)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_high_contrast_focus_does_not_draw_through_a_buttons_text(qtbot, window, demo_path, restore_look):
    open_walkthrough(qtbot, window, demo_path)
    _look(window, qtbot, "&High contrast")
    qtbot.keyClick(focused(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # to Results
    button = next(b for b in window.results.findChildren(QPushButton) if b.text() == "Copy chart")
    qtbot.waitUntil(button.isVisible)
    button.setFocus(Qt.FocusReason.TabFocusReason)  # as Tab reaches it
    qtbot.waitUntil(button.hasFocus)
    image = button.grab().toImage()
    ratio = image.devicePixelRatio()
    text_width = int(QFontMetrics(button.font()).horizontalAdvance("Copy chart") * ratio)
    inside = range(int(6 * ratio), image.width() - int(6 * ratio))  # within the button's edge
    # a row inside the edge as dark as a ruled line across the label: the focus rectangle
    ruled = [y for y in range(int(5 * ratio), image.height() - int(5 * ratio))
             if sum(QColor(image.pixel(x, y)).lightness() < 80 for x in inside) > 0.8 * text_width]
    assert not ruled, f"a line runs along the button's text at rows {ruled}"
    # and the focus is still plain: the button's edge is black and thick
    edge = QColor(image.pixel(int(1 * ratio), image.height() // 2))
    assert edge.lightness() < 60


def test_factor_rows_are_evenly_spaced_with_large_text(qtbot, window, demo_path, restore_look):
    page = open_walkthrough(qtbot, window, demo_path)
    _look(window, qtbot, "&Large text")
    nav = page.navigator
    qtbot.wait(100)
    fm = QFontMetrics(theme.font(theme.BASE_POINT_SIZE - 0.5))
    line = fm.lineSpacing()
    gaps = []
    for factor_id in nav.factor_ids():
        item = nav._items[factor_id]
        rect = nav.visualItemRect(item)
        name = item.text(0)
        lines = nav.itemDelegate().name_lines(name)  # the first line beside the level, the rest under it
        gaps.append(rect.height() - lines * line)
    assert max(gaps) - min(gaps) <= 2, f"rows' space round the names differs: {gaps}"


def test_notes_tabs_follow_large_text_at_1366(qtbot, window, demo_path, restore_look):
    page = open_walkthrough(qtbot, window, demo_path)
    normal = page.tabs.tabBar().font().pointSizeF()
    _look(window, qtbot, "&Large text")
    qtbot.waitUntil(lambda: page.tabs.tabBar().font().pointSizeF() > normal * 1.2)
    bar = page.tabs.tabBar()
    for i in range(bar.count()):  # every name whole
        assert bar.fontMetrics().horizontalAdvance(bar.tabText(i).replace("&", "")) <= bar.tabRect(i).width()
    click(qtbot, bar, bar.tabRect(1).center())
    assert page.tabs.currentIndex() == 1


def test_the_preview_of_a_click_goes_once_the_mouse_rests(qtbot, window, blank_path):
    from mutuality_desktop.ui.workshop import guide as guide_module

    page = open_walkthrough(qtbot, window, blank_path)
    guide = page.guide
    qtbot.wait(100)  # the guide settles at its size

    def level_three() -> QPoint:
        row = next(r for r in guide._layout().rows if r.value == 3)
        return QPoint(guide.width() // 3, row.top + row.height // 2)

    spot = level_three()
    def inked() -> int:
        fit = guide._layout()
        chip = guide._chip_rect(fit, next(r for r in fit.rows if r.value == 3), 0)
        image = guide.grab(chip).toImage()  # dark pixels: a chip's outline or label
        return sum(QColor(image.pixel(x, y)).lightness() < 180
                   for x in range(image.width()) for y in range(image.height()))

    still = inked()  # before the mouse comes
    for point in (spot - QPoint(0, 4), spot):  # the mouse moving over level 3
        QApplication.sendEvent(guide, QMouseEvent(QEvent.Type.MouseMove, QPointF(point),
                                                  QPointF(guide.mapToGlobal(point)), Qt.MouseButton.NoButton,
                                                  Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: guide._hover == 3)
    assert inked() > still + 100, "while the mouse moves, the level says what a click would do"
    qtbot.wait(guide_module.GHOST_SECONDS_MS + 300)
    assert inked() == still, "a resting pointer leaves no chip on a level nobody scored"
    with stored(blank_path) as eng:
        assert (page.factor_id, "client") not in eng.scores(eng.rounds()[0].id)
    qtbot.mouseClick(guide, Qt.MouseButton.LeftButton, pos=level_three())  # a click still scores
    with stored(blank_path) as eng:
        assert eng.scores(eng.rounds()[0].id)[(page.factor_id, "client")].level == 3


PREPARE_SCRIPT = r"""
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from mutuality_desktop.ui import theme, tasks
theme.apply(app)
from mutuality_desktop.ui.main_window import MainWindow
from mutuality_desktop.ui.results_host import RESULTS_MODULE
window = MainWindow()
window.resize(1366, 768)
window.show()
assert window.open_path(Path(sys.argv[1]))
assert RESULTS_MODULE not in sys.modules and "matplotlib" not in sys.modules
window.results.prepare_in_background()
assert tasks.running_jobs() == 1, "the import runs on a worker"
assert tasks.wait_for_jobs(120)
for _ in range(20):
    app.processEvents()
assert RESULTS_MODULE in sys.modules and "matplotlib" in sys.modules
assert window.results.page is None, "nothing is built until Results is asked for"
start = time.perf_counter()
window.show_page("Results")
app.processEvents()
assert window.results.page is not None and window.results.page.isVisible()
print(f"first switch {time.perf_counter() - start:.2f} s")
window.close()
"""


def test_results_libraries_are_imported_in_the_background_before_the_first_switch(demo_path, tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", PREPARE_SCRIPT, str(demo_path)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "first switch" in done.stdout
