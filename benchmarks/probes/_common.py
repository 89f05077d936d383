"""Shared set-up for probe processes: offscreen Qt, throwaway settings, exit on first paint."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

START = time.perf_counter()
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def emit(**values: object) -> None:
    print(json.dumps(values), flush=True)


def peak_rss_mib() -> float:
    """Peak resident memory of this process alone.

    On Linux ru_maxrss survives exec: a probe started by the benchmark process inherits that
    process's peak (it was reporting the harness's ~134 MiB for a bare window of ~65 MiB), so
    read the high-water mark of this process's own memory map instead.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def quit_on_first_paint(widget, app, extra=None):  # type: ignore[no-untyped-def]
    """Print the time since process start when widget first paints, then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watcher(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
                self.done = True
                emit(ms=(time.perf_counter() - START) * 1000, **(extra or {}))
                QTimer.singleShot(0, app.quit)
            return False

    watcher = Watcher()
    widget.installEventFilter(watcher)
    return watcher


def throwaway_settings():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from mutuality_desktop.ui.settings import Settings

    folder = tempfile.mkdtemp(prefix="mutuality-bench-settings-")
    return Settings(QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat))


def open_walkthrough(app, source: str, name: str):  # type: ignore[no-untyped-def]
    """A laptop-sized main window on a throwaway copy of source, showing the walkthrough."""
    import shutil

    from mutuality_desktop.ui.main_window import MainWindow

    copy = Path(tempfile.mkdtemp()) / name
    shutil.copy(source, copy)
    window = MainWindow(throwaway_settings())
    window.resize(1366, 768)
    window.show()
    assert window.open_path(copy)
    window.show_page("Walkthrough")
    app.processEvents()
    return window
