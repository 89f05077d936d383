"""View -> High contrast / Large text: a switch restyles every widget once, and leaves them as the
old in-place restyle did; the look applied again unchanged restyles nothing (the window fixture
does it before every UI test)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from mutuality_desktop.ui import theme

from .journey import page_tab
from .test_ui13_look_toggles import _toggle as toggle_look


def _toggle(window, qtbot, text: str) -> None:
    toggle_look(window, qtbot, text)
    # the scroll bars held over the switch are let go once the page has shared the width out
    # again (under load that came half a second later: measured before, a box was mid-way)
    qtbot.waitUntil(lambda: all(box.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
                                for box in window.findChildren(QPlainTextEdit)))
    qtbot.wait(150)


def _notes_boxes(window) -> list[tuple[str, bool, int]]:
    """Each notes box's scroll bar (shown or not) and the lines its text takes."""
    return [(box.objectName() or box.toPlainText()[:30], box.verticalScrollBar().isVisible(),
             box.document().lineCount() if hasattr(box.document(), "lineCount") else 0)
            for box in window.findChildren(QPlainTextEdit) if box.isVisible()]


def test_high_contrast_on_or_off_leaves_the_notes_boxes_as_they_were(qtbot, window, demo_path,
                                                                      restore_look) -> None:
    """High contrast changes colours, not sizes: switched on or off, with or without Large text,
    every notes box keeps its scroll bar and its lines (a box whose text fits in two lines only
    without its bar lost the bar when the style sheet was off for a moment)."""
    window.resize(908, 768)
    assert window.open_path(demo_path)
    page_tab(qtbot, window, "Walkthrough")
    qtbot.wait(300)
    assert _notes_boxes(window), "no notes box on the walkthrough"
    for text in ("&Large text", "&High contrast", "&Large text", "&High contrast",
                 "&High contrast", "&Large text", "&High contrast", "&Large text"):
        before = _notes_boxes(window)
        _toggle(window, qtbot, text)
        if text == "&High contrast":
            assert _notes_boxes(window) == before, (theme.high_contrast, theme.text_scale())


class _StyleChanges(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.StyleChange:
            self.count += 1
        return False


def test_the_look_applied_again_unchanged_restyles_no_widget(window, demo_path) -> None:
    assert window.open_path(demo_path)
    app = QApplication.instance()
    changes = _StyleChanges()
    app.installEventFilter(changes)
    try:
        theme.apply(app)  # as the window fixture does before each test: the look is already right
        assert changes.count == 0
        theme.apply(app, high_contrast=True)  # a real change restyles every widget
        assert changes.count > 0
    finally:
        theme.apply(app)
        app.removeEventFilter(changes)
    assert theme.HIGH_CONTRAST_FOCUS not in app.styleSheet()
