"""The UI fixtures leave nothing of one test to the next: its window, engagement and look are gone.

pytest-qt hands each test's windows to deleteLater, which waits for an event loop; between tests
none ran, so main windows piled up and every restyle walked all of them. These tests run in order.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from mutuality_desktop.ui import theme


def _main_windows() -> list[object]:
    from mutuality_desktop.ui.main_window import MainWindow

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def test_a_window_with_the_demo_open_and_high_contrast_on(window, demo_path, restore_look) -> None:
    assert window.open_path(demo_path)
    theme.apply(QApplication.instance(), high_contrast=True)
    assert window.doc is not None and theme.high_contrast


def test_the_next_test_sees_none_of_it(window) -> None:
    assert _main_windows() == [window]  # the last test's window was deleted, not only closed
    assert window.doc is None and window.current_page() == "Start"
    assert not theme.high_contrast
    assert theme.HIGH_CONTRAST_FOCUS not in QApplication.instance().styleSheet()


def test_the_look_applied_again_unchanged_keeps_the_widgets_as_they_are(window, demo_path) -> None:
    assert window.open_path(demo_path)
    app = QApplication.instance()
    sheet = app.styleSheet()
    theme.apply(app)  # the look already applied: nothing is restyled
    assert app.styleSheet() == sheet
    theme.apply(app, large_text=True)
    try:
        assert theme.text_scale() == theme.LARGE_TEXT_SCALE
        assert app.font().pointSizeF() == theme.BASE_POINT_SIZE * theme.LARGE_TEXT_SCALE
    finally:
        theme.apply(app)
    assert app.font().pointSizeF() == theme.BASE_POINT_SIZE
