"""Cold start of the app to its start page painted, as run_gui does it."""

import _common

from mutuality_desktop.ui import crash
from mutuality_desktop.ui.application import make_application

crash.install()
app = make_application([])
from mutuality_desktop.ui.main_window import MainWindow  # noqa: E402

window = MainWindow(_common.throwaway_settings())
window.resize(1366, 768)
watcher = _common.quit_on_first_paint(window, app)
window.show()
app.exec()
