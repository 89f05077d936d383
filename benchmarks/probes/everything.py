"""Peak memory with every feature used once: open, score, notes, results, report, export, present."""

import sys

import _common

from mutuality_desktop.ui.application import make_application

app = make_application([])
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

window = _common.open_walkthrough(app, sys.argv[1], "everything.mutuality")
folder = window.doc.path.parent
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
