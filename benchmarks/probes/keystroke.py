"""Score keystrokes in the walkthrough: key → durable commit → navigator and guide repainted.

Prints the wall-clock samples (what the target is set on) and the same keystrokes' processor
time on this thread (cpu_samples), which a machine loaded by other work inflates far less; the
difference is mostly waiting for the disk (fsync) and for the processor.

With --results the results page's charts are updated as well (what the room sees after a
section), measured as the keystroke plus results refresh and a synchronous canvas draw.
"""

import sys
import time

import _common

from mutuality_desktop.ui.application import make_application

app = make_application([])
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

with_results = "--results" in sys.argv
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

samples = []
cpu = []  # this thread's processor time: what load from other processes does not inflate
for i in range(120):
    key = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)[i % 4]
    t, c = time.perf_counter(), time.thread_time()
    QTest.keyClick(guide, key)
    page.repaint()
    if with_results:
        window.results.page.refresh()
        for canvas in canvases[:1]:  # the chart on screen (one tab visible at a time)
            canvas.draw()
    app.processEvents()
    samples.append((time.perf_counter() - t) * 1000)
    cpu.append((time.thread_time() - c) * 1000)
_common.emit(samples=samples[20:], cpu_samples=cpu[20:])
