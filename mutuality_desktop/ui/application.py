"""Start the window: crash handler first, then the app's identity, look and main window.

Kept light on purpose: SQLAlchemy (core.engagement) loads when a file is opened and matplotlib
when the results page is first shown, so the first window paints quickly.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import crash

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

ORGANISATION = "Mutuality"
APP_NAME = "Mutuality Desktop"


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="mutuality-desktop", description="Open the Mutuality Desktop window.")
    parser.add_argument("file", nargs="?", help="an engagement file (.mutuality) to open")
    parser.add_argument("--demo", action="store_true", help="open the demo engagement (built on first use)")
    parser.add_argument("--self-test", action="store_true",
                        help="open the demo in the walkthrough, then exit (installer smoke test)")
    return parser.parse_known_args(argv)


def app_icon() -> QIcon:
    from PySide6.QtGui import QIcon

    from ..core.resources import resource_path

    return QIcon(str(resource_path("icons", "mutuality.svg")))


def skip_feature_scan() -> None:
    """Stop PySide6 reading the source of every module imported after it; we use no __feature__.

    To support ``from __feature__ import snake_case`` PySide6 calls inspect.getsource on each
    newly imported module to see whether it mentions PySide6, and linecache keeps every line.
    For SQLAlchemy on opening a file, then matplotlib and reportlab, that is about 150 ms of
    start-up and 8 MiB of peak memory. This app selects no feature, so the answer only decides
    between two ways of saying "no feature": give it by package name instead of by reading
    the source. On a PySide6 without this hook nothing changes.
    """
    try:
        from shibokensupport import feature
    except ImportError:
        return
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return

    def uses_pyside(module: object) -> bool:
        name = str(getattr(module, "__name__", ""))
        return name.startswith(("mutuality_desktop.ui", "PySide6", "matplotlib.backends.backend_qt"))

    feature._mod_uses_pyside = uses_pyside


def make_application(qt_args: list[str]) -> object:
    """Return the QApplication (creating it if needed) with name, icon and look set."""
    skip_feature_scan()
    from PySide6.QtWidgets import QApplication

    from .. import __version__
    from . import theme

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        [sys.argv[0] if sys.argv else APP_NAME, *qt_args])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("mutuality-desktop")
    app.setWindowIcon(app_icon())
    from .settings import Settings

    look = Settings()
    theme.apply(app, high_contrast=look.high_contrast(), large_text=look.large_text())
    return app


def forget_import_sources() -> None:
    """Drop the module sources PySide6's import hook has read: nothing needs them again.

    PySide6 looks for ``from __feature__`` in every module imported after it by reading the
    module's source through inspect, and linecache keeps every line: SQLAlchemy, numpy,
    matplotlib and reportlab come to about 40 MiB. Call after a lazy import of a large library;
    a traceback reads the lines it needs again.
    """
    import linecache

    linecache.clearcache()


def run_gui(argv: list[str]) -> int:
    """Run the desktop app: optional FILE, --demo or --self-test; return the exit code."""
    crash.install()
    args, qt_args = parse_args(list(argv))
    app = make_application(qt_args)
    from PySide6.QtCore import QTimer

    from .main_window import MainWindow

    if args.self_test:
        return self_test(app)
    window = MainWindow()
    window.show()
    end_on_signals(app, window.end_session)
    QTimer.singleShot(1500, window.results.prepare_in_background)  # the charts' libraries, off the UI thread
    if args.file:
        QTimer.singleShot(0, lambda: window.open_path(Path(args.file)))
    elif args.demo:
        QTimer.singleShot(0, window.open_demo)
    return int(app.exec())  # type: ignore[attr-defined]


END_SIGNALS = ("SIGTERM", "SIGHUP")  # a normal kill, a logout or shutdown, a closed terminal


def end_on_signals(app: object, end: Callable[[], None]) -> None:
    """Close the app as its window's close button does when the system asks it to end.

    Qt's event loop does not return to Python while it waits, so a Python signal handler would
    only run at the next event: the signal's byte on a socket wakes the loop (set_wakeup_fd),
    and the handler then closes the window on the loop (play-through 6: after a plain `kill`
    the engagement's lock file stayed beside it).
    """
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier, QTimer

    wanted = [getattr(signal, name) for name in END_SIGNALS if hasattr(signal, name)]
    if not wanted:
        return
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    try:
        signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    except ValueError:  # not the main thread: leave the default handling
        reader.close()
        writer.close()
        return
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)  # type: ignore[call-overload]

    def drain() -> None:  # the Python handler below runs once control is back in Python
        with contextlib.suppress(OSError):
            reader.recv(256)

    notifier.activated.connect(drain)
    ending: list[bool] = []

    def on_signal(_number: int, _frame: object) -> None:
        if not ending:  # a second signal while closing changes nothing
            ending.append(True)
            QTimer.singleShot(0, end)

    for number in wanted:
        signal.signal(number, on_signal)
    app._end_signal_sockets = (reader, writer, notifier)  # type: ignore[attr-defined]  # kept alive


def self_test(app: object) -> int:
    """Open a freshly built demo in the walkthrough, let it paint, close it; 0 if all went well."""
    from PySide6.QtCore import QSettings

    from .main_window import MainWindow
    from .opening import OpenFailed, ensure_demo
    from .settings import Settings

    with tempfile.TemporaryDirectory(prefix="mutuality-self-test-") as tmp:
        store = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Settings(store))  # leaves the user's recent files alone
        window.show()
        try:
            path = ensure_demo(Path(tmp))
        except OpenFailed as exc:
            print(f"self-test failed: the demo could not be built: {exc}", file=sys.stderr or sys.__stdout__)
            return 1
        ok = window.open_path(path)
        for _ in range(20):
            app.processEvents()  # type: ignore[attr-defined]
        walkthrough = window.current_page() == "Walkthrough"
        fits = ok and window.workshop.guide.fits()
        window.close()
        app.processEvents()  # type: ignore[attr-defined]
        del store
    passed = ok and walkthrough and crash.report_count() == 0
    message = "self-test passed" if passed else f"self-test failed (opened={ok}, walkthrough={walkthrough})"
    if sys.stdout is not None:
        print(f"{message}; scoring guide fits: {fits}")
    return 0 if passed else 1
