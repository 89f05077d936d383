"""Opening a file and moving between factors reuse what was laid out before, and show the same.

The scoring guide's laid-out text is kept for the process by everything that decides it (the text,
the width, the type, Large text): a second window on the same file lays nothing out again, and a
guide laid out from the kept figures is the one laid out afresh, in the normal look and in Large
text. Opening the walkthrough loads no SQLAlchemy (it loads after the page is on screen).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.ui import theme
from mutuality_desktop.ui.workshop import guide as guide_module

from .test_pieces import run_offscreen
from .test_walkthrough_journey import click_factor, key, open_walkthrough


def _shown(qtbot, guide) -> tuple[float, list[tuple[int, int, int, str]]]:
    """What the guide shows once the window's layout has settled: its type size and each level's
    place, height and text."""
    qtbot.wait(200)
    fit = guide._layout()
    return fit.point_size, [(r.value, r.top, r.height, " ".join(r.doc.toPlainText().split())) for r in fit.rows]


def _forget_layouts() -> None:
    for kept in (guide_module._HEIGHTS, guide_module._LAID, guide_module._METRICS, guide_module._TALLEST):
        kept.clear()


@pytest.fixture
def restore_look():
    yield
    theme.apply(QApplication.instance())


def _measured(monkeypatch) -> list[str]:
    """The row texts measured afresh from now on (the HTML of each)."""
    made: list[str] = []
    height = guide_module._Texts.height

    def counting(self, text, font):  # type: ignore[no-untyped-def]
        if text not in guide_module._HEIGHTS:
            made.append(text[0])
        return height(self, text, font)

    monkeypatch.setattr(guide_module._Texts, "height", counting)
    return made


def test_a_second_window_on_the_file_lays_out_nothing_again_and_shows_the_same(
        qtbot, window, demo_path, monkeypatch):
    from mutuality_desktop.ui.main_window import MainWindow
    from mutuality_desktop.ui.settings import Settings

    page = open_walkthrough(qtbot, window, demo_path)
    fourth = click_factor(qtbot, page, 4)
    qtbot.wait(200)  # the window's layout settled
    key(qtbot, Qt.Key.Key_PageDown)  # the fifth, then back: both laid out once
    qtbot.wait(200)
    key(qtbot, Qt.Key.Key_PageUp)
    assert page.factor().id == fourth
    first = _shown(qtbot, page.guide)
    window.close_document()

    made = _measured(monkeypatch)
    other = MainWindow(Settings())
    qtbot.addWidget(other)
    other.setWindowState(Qt.WindowState.WindowNoState)
    other.resize(1366, 768)
    other.show()
    qtbot.waitExposed(other)
    other.activateWindow()
    again = open_walkthrough(qtbot, other, demo_path)
    qtbot.waitUntil(lambda: again.factor().id == fourth)  # it reopens on the factor left
    assert _shown(qtbot, again.guide) == first
    made.clear()  # (the new window's first layouts pass through widths the first one never had)
    key(qtbot, Qt.Key.Key_PageDown)
    qtbot.wait(200)
    key(qtbot, Qt.Key.Key_PageUp)
    assert again.factor().id == fourth
    assert made == []  # nothing measured again: the same texts at the same width and type
    kept = _shown(qtbot, again.guide)
    _forget_layouts()
    again.guide.apply_look()  # laid out afresh: the same
    assert _shown(qtbot, again.guide) == kept == first
    other.close()


def test_kept_layouts_are_the_fresh_ones_in_large_text_too(qtbot, window, demo_path, restore_look):
    page = open_walkthrough(qtbot, window, demo_path)
    click_factor(qtbot, page, 3)
    guide = page.guide
    top, height = guide.row_span(2)
    qtbot.mouseClick(guide, Qt.MouseButton.LeftButton, pos=QPoint(guide.width() // 3, top + height // 2))
    assert guide.chosen("client") == 2 and guide.prompt_text().startswith("To reach level 3")
    normal = _shown(qtbot, guide)

    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    next(a for a in view.actions() if a.text() == "&Large text").trigger()
    qtbot.waitUntil(lambda: theme.text_scale() > 1)
    qtbot.wait(50)
    large = _shown(qtbot, guide)
    assert large != normal  # Large text is laid out anew, not taken from the normal type's figures
    _forget_layouts()
    guide.apply_look()  # everything laid out afresh, as on a first open in Large text
    assert _shown(qtbot, guide) == large

    theme.apply(QApplication.instance())  # back to the normal type: the same as before
    qtbot.wait(50)
    assert _shown(qtbot, guide) == normal


def test_opening_the_walkthrough_loads_no_sqlalchemy(tmp_path, demo_path):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QSettings\n"
        "from mutuality_desktop.ui.application import make_application\n"
        "from mutuality_desktop.ui.main_window import MainWindow\n"
        "from mutuality_desktop.ui.settings import Settings\n"
        "app = make_application([])\n"
        f"settings = Settings(QSettings({str(tmp_path / 'settings.ini')!r}, QSettings.Format.IniFormat))\n"
        "w = MainWindow(settings); w.resize(1366, 768); w.show(); app.processEvents()\n"
        f"assert w.open_path(Path({str(demo_path)!r}))\n"
        "w.workshop.repaint(); app.processEvents()\n"
        "print(w.current_page(), 'sqlalchemy' in sys.modules)\n"
    )
    assert run_offscreen(code, tmp_path).split() == ["Walkthrough", "False"]
