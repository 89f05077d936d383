"""Peak memory with every feature used once: open, score, notes, results, report, export, present."""

import shutil
import sys
import tempfile
from pathlib import Path

import _common

from mutuality_desktop.ui.application import make_application

app = make_application([])
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from mutuality_desktop.ui.main_window import MainWindow  # noqa: E402

folder = Path(tempfile.mkdtemp())
copy = folder / "everything.mutuality"
shutil.copy(sys.argv[1], copy)
window = MainWindow(_common.throwaway_settings())
window.resize(1366, 768)
window.show()
assert window.open_path(copy)
window.show_page("Walkthrough")
app.processEvents()
for key in (Qt.Key.Key_2, Qt.Key.Key_Tab, Qt.Key.Key_3, Qt.Key.Key_PageDown):
    QTest.keyClick(window.workshop.guide, key)
app.processEvents()
window.show_page("Results")
app.processEvents()
window.show_page("Setup")
app.processEvents()
window.show_page("Walkthrough")
window.workshop.toggle_presentation()
app.processEvents()
window.workshop.toggle_presentation()
app.processEvents()
from mutuality_desktop.core.exchange import export_connection  # noqa: E402
from mutuality_desktop.core.report import build_report, collect_report_data  # noqa: E402

engagement = window.doc.engagement
build_report(collect_report_data(engagement), folder / "report.pdf")
export_connection(engagement.connection, folder / "export.mutuality")
app.processEvents()
_common.emit(rss=_common.peak_rss_mib())
