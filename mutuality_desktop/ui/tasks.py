"""Run slow work (report build, export, big opens) off the UI thread, then call back.

The one background helper. The rules that keep the window from hanging or crashing:

- The worker runs plain Python only: fn and what it returns never hold a Qt object, and the
  worker's single contact with Qt is one queued signal on a dispatcher that lives for the whole
  run on the UI thread (never created, deleted or called directly from a worker).
- Automatic garbage collection is paused (collected first, here on the UI thread) from before
  the worker starts until after its thread has ended, so no collection ever runs on a worker: one
  could free a Qt wrapper there, off the UI thread (core.background).
- on_done / on_error run on the UI thread, and only once the worker thread has ended, so a
  progress dialog they close is closed after the work is truly over.
- A failure that is not one of the app's own explained errors is written to the crash log before
  on_error sees it.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot
from shiboken6 import isValid

from ..core.background import pause_gc, resume_gc
from ..core.errors import MutualityError

END_POLL_MS = 2  # how soon to look again when a result arrives a moment before its thread ends


def on_gui_thread() -> bool:
    """True on the thread that owns the application's widgets."""
    app = QCoreApplication.instance()
    return app is None or QThread.currentThread() is app.thread()


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


class _Dispatcher(QObject):
    """Lives on the UI thread for the whole run; workers only emit its signal (queued)."""

    arrived = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.arrived.connect(self._on_arrived, Qt.ConnectionType.QueuedConnection)

    @Slot(int)
    def _on_arrived(self, number: int) -> None:
        _deliver(number)


_jobs: dict[int, _Pending] = {}
_numbers = itertools.count(1)
_dispatcher: _Dispatcher | None = None


def _the_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None or not isValid(_dispatcher):
        _dispatcher = _Dispatcher()
    return _dispatcher


def _work(number: int, job: _Pending, dispatcher: _Dispatcher) -> None:
    """The worker thread's whole life: fn, its outcome stored, one queued signal."""
    try:
        job.outcome = (True, job.fn(), "")
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the UI thread
        job.outcome = (False, exc, traceback.format_exc())
    with contextlib.suppress(RuntimeError):  # the app quit while this ran: nobody to tell
        dispatcher.arrived.emit(number)


def _deliver(number: int) -> None:
    require_gui_thread("A background job's result")
    job = _jobs.get(number)
    if job is None:
        return
    if job.thread is not None and job.thread.is_alive():  # it signalled as its last act
        QTimer.singleShot(END_POLL_MS, lambda: _deliver(number))
        return
    del _jobs[number]
    resume_gc()
    assert job.outcome is not None
    ok, value, tb = job.outcome
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
    dispatcher = _the_dispatcher()
    number = next(_numbers)
    job = _Pending(fn, on_done, on_error)
    gc.collect()  # Qt wrappers freed here, on the UI thread, not in the worker
    pause_gc()  # until _deliver, after the worker thread has ended
    job.thread = threading.Thread(target=_work, args=(number, job, dispatcher),
                                  name=f"background-{number}", daemon=True)
    _jobs[number] = job
    try:
        job.thread.start()
    except RuntimeError:
        del _jobs[number]
        resume_gc()
        raise


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
