"""The Qt binding must keep Python's reference counts: a leak here crashes a workshop mid-day."""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QTreeWidgetItem

HINT = (f"PySide6 {PySide6.__version__} on Python {sys.version_info[0]}.{sys.version_info[1]} drops a "
        "reference on every call; after a few thousand the interpreter aborts (bool_dealloc / "
        "none_dealloc). Pin PySide6-Essentials<6.12 (6.11.3 is fine) or use Python 3.12+.")


class _Emitter(QObject):
    fired = Signal()


def test_emitting_a_signal_keeps_the_refcount_of_true(qapp):
    emitter = _Emitter()
    emitter.fired.connect(lambda: None)
    before = sys.getrefcount(True)
    for _ in range(50):
        emitter.fired.emit()
    assert sys.getrefcount(True) - before >= 0, HINT


def test_reading_empty_item_data_keeps_the_refcount_of_none(qapp):
    item = QTreeWidgetItem(["factor"])
    before = sys.getrefcount(None)
    for _ in range(50):
        item.data(0, Qt.ItemDataRole.UserRole)
    assert sys.getrefcount(None) - before >= 0, HINT
