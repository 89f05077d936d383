"""SIGTERM or SIGHUP (a plain `kill`, a logout, a shutdown) close the app as its close button does:
what was typed is in the file and no lock file is left beside it (play-through 6, item 9)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.lock import lock_path_for

NOTE = "The board minutes were signed by both sides"

# The real app (run_gui, as `mutuality-desktop FILE` starts it); once the engagement is open the
# client's notes box of the first factor gets the focus and the note is typed key by key.
SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from mutuality_desktop.ui import application, main_window

    adopt = main_window.MainWindow._adopt

    def type_note(window):
        from PySide6.QtTest import QTest
        editor = window.workshop.evidence.editors["client"]
        editor.setFocus()
        QTest.keyClicks(editor, sys.argv[2])
        print("TYPED", flush=True)

    def adopted(self, engagement):
        adopt(self, engagement)
        QTimer.singleShot(300, lambda: type_note(self))

    main_window.MainWindow._adopt = adopted
    sys.exit(application.run_gui([sys.argv[1]]))
""")


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize("number", [signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)])
def test_a_kill_keeps_the_typed_note_and_leaves_no_lock_file(blank_path: Path, tmp_path: Path, number):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "apphome"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               MUTUALITY_AUTHOR="Andrea Price")
    (tmp_path / "apphome").mkdir()
    app = subprocess.Popen([sys.executable, "-c", SCRIPT, str(blank_path), NOTE], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert app.stdout is not None
        line = app.stdout.readline()  # waits for the typing to finish
        assert line.strip() == "TYPED", app.stderr.read() if app.stderr else ""
        assert lock_path_for(blank_path).exists()  # the app holds the file
        time.sleep(0.2)
        app.send_signal(number)
        code = app.wait(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert code == 0
    assert not lock_path_for(blank_path).exists()
    with Engagement.open(blank_path, readonly=True) as eng:
        rid = eng.rounds()[0].id
        notes = [s.notes for s in eng.scores(rid).values() if s.notes]
    assert notes == [NOTE]
