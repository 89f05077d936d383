"""Work that runs off the UI thread: automatic garbage collection paused while it runs.

A collection that happens to run on a worker thread can free a Qt wrapper there, off the UI
thread, which crashes Qt; report, export and Office builds allocate heavily, so they would
often trigger one. The UI collects before starting a job (on its own thread) and every job
runs through without_gc.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def without_gc(fn: Callable[[], T]) -> T:
    """Call fn with automatic garbage collection paused (restored afterwards, even on error)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return fn()
    finally:
        if enabled:
            gc.enable()
