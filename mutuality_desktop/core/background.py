"""Work that runs off the UI thread: automatic garbage collection paused while it runs, and the
one lock every matplotlib drawing takes.

A collection that happens to run on a worker thread can free a Qt wrapper there, off the UI
thread: a widget destroyed on the wrong thread crashes Qt or deadlocks it against the UI thread
(an export hung the window that way once Results had drawn and dropped its charts). Report,
export and Office builds allocate heavily, so they would often trigger one. So collection is
paused from before a worker starts until after it has ended: pause_gc() and resume_gc() are
counted, so overlapping jobs never switch it back on while one of them still runs, and the UI
resumes it (on its own thread) only once the worker thread is gone. without_gc(fn) does the same
around one call, for work that runs on the calling thread.

matplotlib is not thread-safe: its caches and rcParams are process-wide. The Word and
PowerPoint chart pictures are drawn on a worker while the Results charts draw on the UI thread,
so both draw holding CHART_LOCK. The worker never waits for the UI while it holds it, so the
UI at most waits for one chart picture.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

CHART_LOCK = threading.RLock()  # every matplotlib draw, on whichever thread

_lock = threading.Lock()
_paused = 0
_restore = False


def pause_gc() -> None:
    """Stop automatic garbage collection until the matching resume_gc (calls nest and overlap)."""
    global _paused, _restore
    with _lock:
        if _paused == 0:
            _restore = gc.isenabled()
            gc.disable()
        _paused += 1


def resume_gc() -> None:
    """Undo one pause_gc; the last one switches collection back on if it was on before."""
    global _paused
    with _lock:
        if _paused == 0:
            return
        _paused -= 1
        if _paused == 0 and _restore:
            gc.enable()


def gc_pauses() -> int:
    """How many pauses are in force (for tests)."""
    return _paused


def without_gc(fn: Callable[[], T]) -> T:
    """Call fn with automatic garbage collection paused (restored afterwards, even on error)."""
    pause_gc()
    try:
        return fn()
    finally:
        resume_gc()
