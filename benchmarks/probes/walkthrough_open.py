"""Opening the demo in a window already shown, over and over, and changing factor: processor time.

Each round, interleaved so a busy spell on the machine weighs on figure and floor alike:
- open_ms: open_path on a fresh copy of the demo until the walkthrough is painted and idle (what a
  consultant waits for on each open, and what about a thousand UI tests each pay), then the
  engagement is closed again;
- read_ms (the open's floor): the same copy opened by core and read as the page reads it (info,
  rounds, each round's scores, participants, actions), with no window work at all;
- factor_ms: one Next factor (Page Down) on the open page until painted and idle, every factor of
  the demo once;
- repaint_ms (the factor change's floor): the same page painted again with nothing changed.
Times are this thread's processor time (time.thread_time), which other processes' load inflates
least. Usage: python benchmarks/probes/walkthrough_open.py DEMO.mutuality [ROUNDS]
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
from mutuality_desktop.ui.opening import open_engagement  # noqa: E402

window = MainWindow(_common.throwaway_settings())
window.resize(1366, 768)
window.show()
app.processEvents()
folder = Path(tempfile.mkdtemp())


def fresh_copy(n: int) -> Path:
    copy = folder / f"open{n}.mutuality"
    shutil.copy(sys.argv[1], copy)
    return copy


def timed_open(path: Path) -> float:
    start = time.thread_time()
    assert window.open_path(path)
    window.workshop.repaint()
    app.processEvents()
    return (time.thread_time() - start) * 1000


def timed_read(path: Path) -> float:
    start = time.thread_time()
    engagement = open_engagement(path)
    try:
        engagement.info()
        engagement.participants()
        engagement.actions()
        for r in engagement.rounds():
            engagement.scores(r.id)
    finally:
        engagement.close()
    return (time.thread_time() - start) * 1000


def timed(step) -> float:  # type: ignore[no-untyped-def]
    start = time.thread_time()
    step()
    window.workshop.repaint()
    app.processEvents()
    return (time.thread_time() - start) * 1000


rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 8
timed_open(fresh_copy(0))  # modules imported and caches warmed, for both alike
timed_read(fresh_copy(1))
opens, reads, factors, repaints = [], [], [], []
for n in range(rounds):
    opens.append(timed_open(fresh_copy(2 * n + 2)))
    reads.append(timed_read(fresh_copy(2 * n + 3)))
    page = window.workshop
    if n == 0:  # every factor once, each change beside a repaint of the page as it is
        for _ in range(len(page.navigator.factor_ids()) - 1):
            factors.append(timed(page.next_factor))
            repaints.append(timed(lambda: None))
    assert window.close_document()
    app.processEvents()
_common.emit(open_ms=opens, read_ms=reads, factor_ms=factors, repaint_ms=repaints)
