"""Score keystrokes in the walkthrough: key → durable commit → navigator and guide repainted.

Prints the wall-clock samples (what the target is set on) and the same keystrokes' processor
time on this thread (cpu_samples), which a machine loaded by other work inflates far less; the
difference is mostly waiting for the disk (fsync) and for the processor.

Each keystroke ends with the whole walkthrough painted again (page.repaint), more than a real
keystroke paints; with --dirty it ends when Qt has painted what the keystroke marked for painting
(the events processed until no paint is pending), as on a real display.

floor_samples: a raw sqlite3 commit of one row, with the file's own settings (rollback journal,
synchronous=FULL) in the same folder, timed alongside: the disk's share that no code change
removes. --keys N sets how many keystrokes are timed after the 20 warm-up ones (a callgrind run
on two counts gives the instructions of one keystroke).

With --results the results page's charts are updated as well (what the room sees after a
section), measured as the keystroke plus results refresh and a synchronous canvas draw.
"""

import sqlite3
import sys
import time
from pathlib import Path

import _common

from mutuality_desktop.ui.application import make_application

app = make_application([])
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

with_results = "--results" in sys.argv
dirty = "--dirty" in sys.argv
keys = int(sys.argv[sys.argv.index("--keys") + 1]) if "--keys" in sys.argv else 100
window = _common.open_walkthrough(app, sys.argv[1], "keystroke.mutuality")
page = window.workshop
guide = page.guide
if with_results:  # build the results page once so its charts exist and update with each score
    window.show_page("Results")
    app.processEvents()
    window.show_page("Walkthrough")
    app.processEvents()
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    canvases = window.results.findChildren(FigureCanvasQTAgg)

# The room's first score comes seconds after the file opens: by then the page has settled (its
# long-lived objects frozen out of later collections, ui/workshop/page.py). Timing keystrokes in
# the first 1.5 s instead times that one collection and the full ones before it.
import gc  # noqa: E402

settle_by = time.perf_counter() + 10
while gc.get_freeze_count() == 0 and time.perf_counter() < settle_by:
    app.processEvents()
    time.sleep(0.02)

floor_path = Path(window.doc.path).with_name("floor.sqlite")
floor = sqlite3.connect(floor_path, isolation_level=None)
floor.execute("PRAGMA journal_mode=DELETE")
floor.execute("PRAGMA synchronous=FULL")
floor.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, level INTEGER, at TEXT)")


def floor_commit() -> float:
    t = time.perf_counter()
    floor.execute("BEGIN IMMEDIATE")
    floor.execute("INSERT INTO t (level, at) VALUES (?, ?)", (3, time.time()))
    floor.execute("COMMIT")
    return (time.perf_counter() - t) * 1000


samples = []
cpu = []  # this thread's processor time: what load from other processes does not inflate
floors = []
for i in range(20 + keys):
    key = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)[i % 4]
    t, c = time.perf_counter(), time.thread_time()
    QTest.keyClick(guide, key)
    if not dirty:
        page.repaint()
    if with_results:
        window.results.page.refresh()
        for canvas in canvases[:1]:  # the chart on screen (one tab visible at a time)
            canvas.draw()
    app.processEvents()
    if dirty:
        app.processEvents()  # a paint the first pass posted (layout, then paint)
    samples.append((time.perf_counter() - t) * 1000)
    cpu.append((time.thread_time() - c) * 1000)
    floors.append(floor_commit())
floor.close()
_common.emit(samples=samples[20:], cpu_samples=cpu[20:], floor_samples=floors[20:])
