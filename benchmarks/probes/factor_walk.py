"""Opening the demo in a window already shown, then walking every factor twice (Next factor, as Page Down does).

Prints this thread's processor time (what other processes' load inflates least) of: the open
(open_path until the walkthrough is painted and idle), each factor change on the first walk
(first_walk_ms: a factor not seen since the open) and on the second (second_walk_ms), and a
second open of the same file in the same process (reopen_ms: what is kept from the first).
Usage: python benchmarks/probes/factor_walk.py DEMO.mutuality
"""

import shutil
import sys
import tempfile
import time
from pathlib import Path

import _common

from mutuality_desktop.ui.application import make_application

app = make_application([])
from mutuality_desktop.ui.main_window import MainWindow  # noqa: E402

window = MainWindow(_common.throwaway_settings())
window.resize(1366, 768)
window.show()
app.processEvents()


def timed_open() -> float:
    copy = Path(tempfile.mkdtemp()) / "walk.mutuality"
    shutil.copy(sys.argv[1], copy)
    start = time.thread_time()
    assert window.open_path(copy)
    window.show_page("Walkthrough")
    window.workshop.repaint()
    app.processEvents()
    return (time.thread_time() - start) * 1000


def walk() -> list[float]:
    page = window.workshop
    times = []
    for _ in range(len(page.navigator.factor_ids()) - 1):
        start = time.thread_time()
        page.next_factor()
        page.repaint()
        app.processEvents()
        times.append((time.thread_time() - start) * 1000)
    return times


open_ms = timed_open()
first = walk()
window.workshop.go_to_factor(window.workshop.navigator.factor_ids()[0])
app.processEvents()
second = walk()
reopen_ms = timed_open()
_common.emit(open_ms=round(open_ms, 1), first_walk_ms=round(sum(first), 1),
             second_walk_ms=round(sum(second), 1), reopen_ms=round(reopen_ms, 1),
             factors=len(first) + 1)
