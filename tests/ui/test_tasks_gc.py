"""Background jobs never collect garbage on a worker thread (play-through 1: a collection there can
free a Qt widget off the UI thread and hang the window), even when jobs overlap, and their results
reach the UI thread only once the worker has ended."""

from __future__ import annotations

import gc
import threading

from mutuality_desktop.ui import tasks


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_job_ending_does_not_switch_collection_back_on_while_another_still_runs(qtbot) -> None:
    collected_on: list[str] = []

    def watch(phase: str, _info: dict[str, int]) -> None:
        if phase == "start" and threading.current_thread() is not threading.main_thread():
            collected_on.append(threading.current_thread().name)

    go = threading.Event()

    def long_job() -> int:
        go.wait(10)
        for _ in range(200_000):  # cyclic garbage: enough to trigger many collections if enabled
            _Cycle()
        return 2

    results: list[tuple[str, object, bool]] = []

    def record(name: str):  # type: ignore[no-untyped-def]
        return lambda value: results.append((name, value, tasks.on_gui_thread()))

    assert gc.isenabled()
    gc.callbacks.append(watch)
    try:
        tasks.run_in_background(long_job, record("long"), lambda exc, tb: results.append(("x", exc, False)))
        tasks.run_in_background(lambda: 1, record("short"), lambda exc, tb: results.append(("x", exc, False)))
        qtbot.waitUntil(lambda: len(results) == 1, timeout=10_000)
        assert results == [("short", 1, True)]
        assert not gc.isenabled(), "the long job still runs: collection stays paused"
        go.set()
        qtbot.waitUntil(lambda: len(results) == 2, timeout=30_000)
    finally:
        go.set()
        gc.callbacks.remove(watch)
    assert results[1] == ("long", 2, True)
    assert collected_on == []
    assert gc.isenabled() and tasks.running_jobs() == 0


def test_a_failure_reaches_the_ui_thread_after_the_worker_has_ended(qtbot) -> None:
    seen: list[tuple[str, bool, bool]] = []
    workers: list[threading.Thread] = []

    def boom() -> None:
        workers.append(threading.current_thread())
        raise OSError("disk full")

    tasks.run_in_background(boom, lambda _r: None,
                            lambda exc, tb: seen.append((str(exc), tasks.on_gui_thread(),
                                                         workers[0].is_alive())))
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen == [("disk full", True, False)]
    assert gc.isenabled()
