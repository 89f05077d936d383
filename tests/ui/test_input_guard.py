"""A wheel turned over a box nobody clicked into scrolls the page, and Ctrl+Z in a drop-down whose
choice is already saved is the window's undo (seen in the 26 November play-through: Setup's
contract model stepped three times under the wheel, and Ctrl+Z in it did nothing)."""

from __future__ import annotations

import json
import subprocess
import sys

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from .journey import page_tab


def _wheel_down(widget) -> None:
    """A wheel notch over the widget, delivered to its window as the window system delivers it
    (so Qt gives the wheel focus and picks the widget under the pointer itself)."""
    top = widget.window()
    centre = QPointF(widget.mapTo(top, widget.rect().center()))
    event = QWheelEvent(centre, QPointF(top.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(top.windowHandle(), event)


def _stored_model(path) -> str:
    out = subprocess.run([sys.executable, "-m", "mutuality_desktop", "json", str(path)], capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)["engagement"].get("contract_model", "")


def test_the_wheel_over_an_unclicked_drop_down_leaves_its_value(qtbot, window, demo_path):
    assert window.open_path(demo_path)
    page_tab(qtbot, window, "Setup")
    box = window.setup_page.form.editor("contract_model")
    before = box.currentText()
    for _ in range(3):
        _wheel_down(box)
    assert box.currentText() == before
    window.doc.flush()
    assert _stored_model(demo_path) == before


def test_the_wheel_over_the_confidence_box_leaves_it_and_the_keys_where_they_were(qtbot, window, demo_path):
    assert window.open_path(demo_path)
    page_tab(qtbot, window, "Walkthrough")
    focused = QApplication.focusWidget()
    box = window.workshop.evidence.confidence
    before = box.currentText()
    for _ in range(3):
        _wheel_down(box)
    assert box.currentText() == before, "the confidence did not step under the wheel"
    assert QApplication.focusWidget() is focused, "the digits still score, not set the confidence"
    # Qt gives a wheel-focus box the keyboard on a real (spontaneous) wheel, which a test cannot send:
    # seen on a real display, the digits then went to the confidence box
    assert box.focusPolicy() != Qt.FocusPolicy.WheelFocus


def test_ctrl_z_in_the_drop_down_undoes_its_saved_choice(qtbot, window, demo_path):
    assert window.open_path(demo_path)
    page_tab(qtbot, window, "Setup")
    box = window.setup_page.form.editor("contract_model")
    before = box.currentText()
    qtbot.mouseClick(box.lineEdit(), Qt.MouseButton.LeftButton)  # into the box, as a person would
    assert QApplication.focusWidget() is box  # the drop-down takes the focus for its line
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # the next choice, saved at once
    chosen = box.currentText()
    assert chosen != before
    assert _stored_model(demo_path) == chosen
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: box.currentText() == before)
    assert _stored_model(demo_path) == before
