"""View -> Large text / High contrast switched with the demo open: key → every window restyled and painted.

The walkthrough is shown, with the results and setup pages built as they are once the room has
seen them. Each sample is one switch the way the View menu makes it (theme.apply, after the
menu has closed) until every pending event and paint has been processed, through the four looks
in turn: normal → Large text → both → High contrast → normal. Prints the wall-clock samples and
the UI thread's processor time for the same switches (cpu_samples), which other work on the
machine inflates far less. --switches N sets how many are timed after 4 warm-up ones.
"""

import sys
import time

import _common

from mutuality_desktop.ui.application import make_application

app = make_application([])
from mutuality_desktop.ui import theme  # noqa: E402

theme.apply(app)  # the normal look, whatever this machine's settings say
window = _common.open_walkthrough(app, sys.argv[1], "look_toggle.mutuality")
for name in ("Results", "Setup", "Walkthrough"):
    window.show_page(name)
    app.processEvents()

switches = int(sys.argv[sys.argv.index("--switches") + 1]) if "--switches" in sys.argv else 12
looks = [(False, True), (True, True), (True, False), (False, False)]  # (high contrast, large text)
samples = []
cpu = []
for i in range(4 + switches):
    high, large = looks[i % 4]
    t, c = time.perf_counter(), time.thread_time()
    theme.apply(app, high_contrast=high, large_text=large)
    app.processEvents()
    app.processEvents()  # a paint the first pass posted (layout, then paint)
    samples.append((time.perf_counter() - t) * 1000)
    cpu.append((time.thread_time() - c) * 1000)
_common.emit(samples=samples[4:], cpu_samples=cpu[4:], widgets=len(app.allWidgets()))
