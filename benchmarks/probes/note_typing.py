"""A note typed at 8 characters a second, with no pause: key → text durable in the file.

Each sample is the time from sending a key to a second, raw connection to the file (what a
crash or kill leaves) reading the note with that character in it.
"""

import sqlite3
import sys
import time

import _common

from mutuality_desktop.ui.application import make_application

app = make_application([])
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

window = _common.open_walkthrough(app, sys.argv[1], "note-typing.mutuality")
page = window.workshop
editor = page.evidence.editors["agreed"]
editor.setFocus(Qt.FocusReason.TabFocusReason)
app.processEvents()
raw = sqlite3.connect(f"file:{window.doc.path}?mode=ro", uri=True)
text = "Both chief executives signed the objectives in May; progress is reported quarterly. " * 2
samples = []
typed = editor.toPlainText()
for char in text[:100]:
    started = time.perf_counter()
    QTest.keyClicks(editor, char)
    typed = editor.toPlainText()
    deadline = started + 2.0
    while time.perf_counter() < deadline:
        row = raw.execute("SELECT notes FROM score WHERE perspective = 'agreed' AND notes = ?",
                          (typed,)).fetchone()
        if row is not None:
            break
        app.processEvents()
    samples.append((time.perf_counter() - started) * 1000)
    pause = 0.125 - (time.perf_counter() - started)  # 8 characters a second, steadily
    end = time.perf_counter() + max(0.0, pause)
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)
raw.close()
_common.emit(samples=samples[5:])
