"""Run slow work (report build, export, big opens) off the UI thread, then call back.

The one background helper. The rules that keep the window from hanging or crashing:

- The worker runs plain Python only: fn and what it returns never hold a Qt object, and the
  worker never touches Qt at all, not even to emit a signal. The UI thread looks every POLL_MS
  for workers that have ended, with a timer of its own, so nothing crosses from the worker but
  a stored Python result.
- Automatic garbage collection is paused (collected first, here on the UI thread) from before
  the worker starts until after its thread has ended, so no collection ever runs on a worker: one
  could free a Qt wrapper there, off the UI thread (core.background).
- on_done / on_error run on the UI thread, and only once the worker thread has ended, so a
  progress dialog they close is closed after the work is truly over.
- A failure that is not one of the app's own explained errors is written to the crash log before
  on_error sees it.
"""

from __future__ import annotations

import gc
import itertools
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QTimer, Slot
from shiboken6 import isValid

from ..core.background import pause_gc, resume_gc
from ..core.errors import MutualityError

POLL_MS = 10  # how often the UI thread looks for ended workers while any run


def on_gui_thread() -> bool:
    """True on the thread that owns the application's widgets: the main thread, which creates
    the application (asked of Python, not Qt: wrapping Qt's thread objects from Python here
    crashed PySide 6.11 later, when a message box was deleted)."""
    return threading.current_thread() is threading.main_thread()


def require_gui_thread(what: str) -> None:
    """Refuse to go on off the UI thread: widgets may only be touched from it."""
    if not on_gui_thread():
        raise RuntimeError(f"{what} ran off the UI thread ({threading.current_thread().name})")


@dataclass
class _Pending:
    fn: Callable[[], Any]  # kept here, so the worker never drops the last reference to it
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException, str], None]
    thread: threading.Thread | None = None
    outcome: tuple[bool, Any, str] | None = field(default=None)


class _Poller(QObject):
    """Lives on the UI thread; while jobs run, its timer delivers those whose thread has ended."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._on_timeout)

    @Slot()
    def _on_timeout(self) -> None:
        for number, job in list(_jobs.items()):
            if job.thread is not None and not job.thread.is_alive():
                _deliver(number)
        if not _jobs:
            self.timer.stop()


_jobs: dict[int, _Pending] = {}
# The callbacks of delivered jobs are kept, as the signal connections before this kept them:
# freeing them (the closures hold the progress dialog and its parent) crashed PySide 6.11 when
# the "ready" message was deleted afterwards. A few small closures per export.
_delivered: list[tuple[Callable[[Any], None], Callable[[BaseException, str], None]]] = []


def _nothing() -> None:
    return None

_numbers = itertools.count(1)
_poller: _Poller | None = None


def _the_poller() -> _Poller:
    global _poller
    if _poller is None or not isValid(_poller):
        _poller = _Poller()
    return _poller


def _work(job: _Pending) -> None:
    """The worker thread's whole life: fn, then its outcome stored. Nothing here touches Qt."""
    try:
        job.outcome = (True, job.fn(), "")
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the UI thread
        job.outcome = (False, exc, traceback.format_exc())


def _deliver(number: int) -> None:
    require_gui_thread("A background job's result")
    job = _jobs.pop(number, None)
    if job is None:
        return
    resume_gc()  # the worker thread has ended: no collection can run on it now
    assert job.outcome is not None
    ok, value, tb = job.outcome
    job.fn, job.outcome, job.thread = _nothing, None, None  # the work's data is freed
    _delivered.append((job.on_done, job.on_error))
    if ok:
        job.on_done(value)
        return
    if not isinstance(value, MutualityError | OSError):  # a bug, not a problem to explain
        from .crash import write_log

        write_log(tb)
    job.on_error(value, tb)


def running_jobs() -> int:
    """How many background jobs have not yet reported (for tests)."""
    return len(_jobs)


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException, str], None],
) -> None:
    """Call fn on a worker thread; on_done(result) or on_error(exc, tb) run on the UI thread
    once the worker has ended. fn must not touch Qt."""
    require_gui_thread("run_in_background")
    poller = _the_poller()
    number = next(_numbers)
    job = _Pending(fn, on_done, on_error)
    gc.collect()  # Qt wrappers freed here, on the UI thread, not in the worker
    pause_gc()  # until _deliver, after the worker thread has ended
    job.thread = threading.Thread(target=_work, args=(job,), name=f"background-{number}",
                                  daemon=True)
    _jobs[number] = job
    try:
        job.thread.start()
    except RuntimeError:
        del _jobs[number]
        resume_gc()
        raise
    poller.timer.start()


def wait_for_jobs(timeout: float = 30.0) -> bool:
    """Wait (blocking, for tests and quitting) until every worker thread has ended; their
    results are delivered by the event loop afterwards. False if one is still running."""
    require_gui_thread("wait_for_jobs")
    for job in list(_jobs.values()):
        if job.thread is not None:
            job.thread.join(timeout)
            if job.thread.is_alive():
                return False
    return True
