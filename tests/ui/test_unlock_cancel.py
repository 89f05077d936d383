"""Cancel works while a protected file is being unlocked (issue 14, class 3)."""

from __future__ import annotations

import stat
import time

from PySide6.QtCore import Qt
from shiboken6 import isValid

from mutuality_desktop.core import exchange
from mutuality_desktop.ui.tasks import wait_for_jobs
from mutuality_desktop.ui.unlock_dialog import UnlockDialog

PASSPHRASE = "Castleway-2026"


def test_cancel_while_unlocking_closes_at_once_and_writes_nothing(qtbot, demo_path, tmp_path,
                                                                  monkeypatch):
    sealed = tmp_path / "secret.mutuality"
    exchange.export_file(demo_path, sealed, passphrase=PASSPHRASE)
    real_key = exchange._key

    def slow_key(*args):  # a slow laptop: the key takes a while to work out
        time.sleep(1.5)
        return real_key(*args)

    monkeypatch.setattr(exchange, "_key", slow_key)
    dialog = UnlockDialog(sealed)
    qtbot.addWidget(dialog)
    emitted: list[object] = []
    dialog.unlocked.connect(emitted.append)
    dialog.show()
    qtbot.keyClicks(dialog.field.editor, PASSPHRASE)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.busy and dialog.cancel_button.isEnabled()
    started = time.perf_counter()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not isValid(dialog) or not dialog.isVisible()
    assert time.perf_counter() - started < 0.5
    assert wait_for_jobs(10)
    qtbot.wait(50)  # let the worker's result reach the (closed) dialog
    assert emitted == []
    assert sorted(p.name for p in tmp_path.glob("secret*")) == ["secret.mutuality"]


def test_an_unlocked_copy_is_readable_by_its_owner_only(qtbot, demo_path, tmp_path):
    sealed = tmp_path / "secret.mutuality"
    exchange.export_file(demo_path, sealed, passphrase=PASSPHRASE)
    dialog = UnlockDialog(sealed)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.unlocked, timeout=10000) as blocker:
        qtbot.keyClicks(dialog.field.editor, PASSPHRASE)
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    copy = blocker.args[0]
    assert copy.name == "secret (unlocked).mutuality"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
