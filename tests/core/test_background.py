"""Garbage collection pauses are counted: overlapping pauses end only with the last one."""

from __future__ import annotations

import gc

from mutuality_desktop.core.background import gc_pauses, pause_gc, resume_gc, without_gc


def test_overlapping_pauses_switch_collection_back_on_only_at_the_last() -> None:
    assert gc.isenabled() and gc_pauses() == 0
    pause_gc()
    pause_gc()
    resume_gc()
    assert not gc.isenabled(), "one job still runs"
    assert without_gc(gc.isenabled) is False
    assert not gc.isenabled()
    resume_gc()
    assert gc.isenabled() and gc_pauses() == 0
    resume_gc()  # one too many does nothing
    assert gc.isenabled() and gc_pauses() == 0


def test_collection_left_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        pause_gc()
        resume_gc()
        assert not gc.isenabled()
    finally:
        gc.enable()
