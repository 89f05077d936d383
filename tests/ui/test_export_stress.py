"""Play-through 1: the window hung for good during an export (a deadlock between the UI thread
closing the progress dialog and the export's worker running window code), after High contrast,
Large text and the Results charts. Many exports in a row, each cancelled by Escape or Cancel at
a random moment (or not at all), with the look toggled and the charts drawn between them: the
window keeps answering, no worker runs window code, calls a Qt object or collects garbage (which
could free a widget off the UI thread), and every export ends with a message saying what
happened."""

from __future__ import annotations

import faulthandler
import gc
import random
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton
from shiboken6 import Shiboken

from mutuality_desktop.ui import export_task, tasks
from mutuality_desktop.ui.csv_export import export_table
from mutuality_desktop.ui.office_export import export_office
from mutuality_desktop.ui.report_export import export_report

ROUNDS = 14
PLAIN_WORK = {  # the export's own work, plain Python in ui modules: the rest of ui is window code
    "tasks._work", "export_task.<lambda>", "export_task.unless_cancelled", "office_export.<lambda>",
    "office_export.build", "report_export.work", "report_export._build", "report_export.<lambda>",
    "csv_export.work", "csv_export.<lambda>",
}
WHEN = (0, 0.05, 0.2, 0.6, 1.5, None)  # seconds after the start to cancel; None: let it finish


@pytest.fixture
def restore_look() -> Iterator[None]:
    from mutuality_desktop.ui import theme

    yield
    theme.apply(QApplication.instance())


class WorkerWatch:
    """What the export workers did: window code run, Qt objects called, garbage collected."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.workers: set[str] = set()

    def profile(self, frame: Any, event: str, arg: Any) -> None:
        """A new thread's first event: a worker (named at its start) keeps a watch of its own for
        every later event, any other thread drops the watch."""
        name = threading.current_thread().name
        if not name.startswith("background-"):
            sys.setprofile(None)
            return
        self.workers.add(name)
        watch = self.watch(name)
        sys.setprofile(watch)
        watch(frame, event, arg)

    def watch(self, name: str) -> Any:
        problems = self.problems

        def watch(frame: Any, event: str, arg: Any) -> None:
            if event == "call":
                module = frame.f_globals.get("__name__", "")
                if module.startswith("mutuality_desktop.ui"):
                    where = f"{module.rsplit('.', 1)[-1]}.{frame.f_code.co_name}"
                    if where not in PLAIN_WORK:
                        problems.append(f"{name} ran {module}.{frame.f_code.co_name}")
            elif event == "c_call":
                owner = getattr(arg, "__self__", None)
                if isinstance(owner, Shiboken.Object):
                    problems.append(f"{name} called {type(owner).__name__}.{arg.__name__}")
                elif type(owner).__name__ == "SignalInstance":
                    problems.append(f"{name} emitted a signal from {frame.f_code.co_name}")

        return watch

    def collected(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start" and threading.current_thread() is not threading.main_thread():
            self.problems.append(f"garbage collected on {threading.current_thread().name}")


def _visible(kind: type) -> list[Any]:
    return [w for w in QApplication.topLevelWidgets() + [c for t in QApplication.topLevelWidgets()
                                                         for c in t.findChildren(kind)]
            if isinstance(w, kind) and w.isVisible()]


def _progress() -> QProgressDialog | None:
    shown = _visible(QProgressDialog)
    return shown[0] if shown else None


def test_many_exports_cancelled_at_random_moments_never_hang_the_window(
        qtbot, window, demo_path: Path, tmp_path: Path, restore_look, monkeypatch) -> None:
    faulthandler.dump_traceback_later(600, exit=True)  # a deadlock fails the run, not hangs it
    rng = random.Random(20261126)
    assert window.open_path(demo_path)
    window.show_page("Results")  # the charts drawn, as in the play-through
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    look = {a.text(): a for a in view.actions()}
    look["&High contrast"].trigger()
    look["&Large text"].trigger()
    qtbot.wait(100)

    off_thread: list[str] = []  # slots that touch widgets, run off the UI thread
    for owner, name in ((export_task.ExportProgress, "finish"), (export_task, "offer_to_open"),
                        (export_task, "say_cancelled"), (export_task, "_status")):
        real = getattr(owner, name)

        def checked(*args: Any, _real: Any = real, _name: str = name) -> Any:
            if not tasks.on_gui_thread():
                off_thread.append(_name)
            return _real(*args)

        monkeypatch.setattr(owner, name, checked)
    monkeypatch.setattr(export_task.QDesktopServices, "openUrl", lambda url: True)

    ticks = [0]
    clock = QTimer()
    clock.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    clock.start(10)
    watch = WorkerWatch()
    gc.callbacks.append(watch.collected)
    threading.setprofile(watch.profile)
    engagement = window.doc.engagement
    round_id = window.workshop.round_id
    outcomes: list[str] = []
    try:
        for n in range(ROUNDS):
            kind = ("csv", "pdf", "xlsx", "docx", "pptx", "html", "actions")[n % 7]
            out = tmp_path / f"out{n}.{'csv' if kind == 'actions' else kind}"
            if n % 3 == 2:
                look["&High contrast"].trigger()
                window.show_page("Walkthrough" if n % 2 else "Results")  # charts drawn again
            if kind in ("csv", "actions"):
                export_table(window, "scores" if kind == "csv" else "actions", out)
            elif kind in ("pdf", "html"):
                export_report(window, engagement, round_id, None, output=out,
                              page_size="a4" if kind == "pdf" else "html")
            else:
                export_office(window, engagement, round_id, None, kind, output=out)
            when = rng.choice(WHEN)
            started = time.monotonic()
            cancelled = False
            while (progress := _progress()) is not None:
                before = ticks[0]
                qtbot.wait(30)
                assert ticks[0] > before, "the event loop stopped during an export"
                progress = _progress()  # the export may have ended, and its dialog gone, meanwhile
                if progress is None:
                    break
                if not cancelled and when is not None and time.monotonic() - started >= when:
                    cancelled = True
                    if rng.random() < 0.5:
                        qtbot.keyClick(progress, Qt.Key.Key_Escape)
                    else:
                        button = progress.findChild(QPushButton)
                        assert button is not None and button.text() == "Cancel"
                        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
                    if _progress() is progress:  # the work has not ended: it says so
                        assert progress.labelText().startswith("Cancelling…")
                assert time.monotonic() - started < 120, "an export never ended"
            assert tasks.running_jobs() == 0, "the progress closed before its worker ended"
            qtbot.waitUntil(lambda: bool(_visible(QMessageBox)), timeout=10_000)
            box = _visible(QMessageBox)[0]
            if box.windowTitle() == "Export cancelled":
                assert box.text().endswith("was cancelled: nothing was written.")
                assert not out.exists() and not list(tmp_path.glob(f".{out.name}*"))
                outcomes.append("cancelled")
            else:
                assert f"was written to {out}." in box.text() and out.stat().st_size > 0
                assert "Show folder" in [b.text() for b in box.buttons()]
                outcomes.append("written")
            qtbot.keyClick(box, Qt.Key.Key_Escape)
            qtbot.waitUntil(lambda b=box: not Shiboken.isValid(b) or not b.isVisible())
    finally:
        threading.setprofile(None)  # type: ignore[arg-type]
        gc.callbacks.remove(watch.collected)
        clock.stop()
        faulthandler.cancel_dump_traceback_later()
        for action in (look["&High contrast"], look["&Large text"]):
            if action.isChecked():
                action.trigger()
    assert watch.workers, "the exports ran on workers"
    assert watch.problems == []
    assert off_thread == []
    assert {"cancelled", "written"} <= set(outcomes)
    assert gc.isenabled() and tasks.running_jobs() == 0
    assert sys.getprofile() is None
