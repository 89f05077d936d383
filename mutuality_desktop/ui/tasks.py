"""Run slow work (report build, export, big opens) off the UI thread, then call back.

The one background helper: every job runs with garbage collection paused (collected first, here
on the UI thread), and a failure that is not one of the app's own explained errors is written to
the crash log before on_error sees it.
"""

from __future__ import annotations

import contextlib
import gc
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..core.background import without_gc
from ..core.errors import MutualityError


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = without_gc(self._fn)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the UI thread
            self._send(self._relay.failed, exc, traceback.format_exc())
        else:
            self._send(self._relay.succeeded, result)

    @staticmethod
    def _send(signal: Any, *args: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the app quit while this ran: nobody to tell
            signal.emit(*args)


_live: set[_Relay] = set()


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException, str], None],
) -> None:
    """Call fn on a worker thread; on_done(result) or on_error(exc, tb) run on the UI thread."""
    relay = _Relay()
    _live.add(relay)

    def done(result: Any) -> None:
        _live.discard(relay)
        on_done(result)

    def failed(exc: BaseException, tb: str) -> None:
        _live.discard(relay)
        if not isinstance(exc, MutualityError | OSError):  # a bug, not a problem to explain
            from .crash import write_log

            write_log(tb)
        on_error(exc, tb)

    relay.succeeded.connect(done)
    relay.failed.connect(failed)
    gc.collect()  # Qt wrappers freed here, on the UI thread, not in the worker
    QThreadPool.globalInstance().start(_Job(fn, relay))
