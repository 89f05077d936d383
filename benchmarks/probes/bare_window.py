"""Floor: a bare PySide6 window shown and painted, whole process."""

import _common
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication([])
window = QLabel("Mutuality Desktop")
window.resize(1366, 768)
watcher = _common.quit_on_first_paint(window, app, {"rss": 0})
window.show()
app.exec()
_common.emit(rss=_common.peak_rss_mib())
