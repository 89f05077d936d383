"""Cold start with the demo file until the walkthrough is shown, painted and idle."""

import sys
import time
from pathlib import Path

import _common

from mutuality_desktop.ui import crash
from mutuality_desktop.ui.application import make_application

crash.install()
app = make_application([])
from PySide6.QtCore import QTimer  # noqa: E402

from mutuality_desktop.ui.main_window import MainWindow  # noqa: E402

window = MainWindow(_common.throwaway_settings())
window.resize(1366, 768)
window.show()


def open_then_finish() -> None:
    assert window.open_path(Path(sys.argv[1]))
    window.workshop.repaint()  # the walkthrough painted, then the loop is idle again
    QTimer.singleShot(0, finish)


def finish() -> None:
    assert window.current_page() == "Walkthrough", window.current_page()
    _common.emit(ms=(time.perf_counter() - _common.START) * 1000)
    app.quit()


QTimer.singleShot(0, open_then_finish)
app.exec()
