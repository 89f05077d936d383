"""Render the main screens at 1366x768 to PNG files: python -m mutuality_desktop.ui.screenshots DIR.

Runs offscreen (``make screenshots``) on a demo engagement built in a temporary folder, with
throw-away settings, so it never touches the user's files.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SIZE = (1366, 768)


def settle(app: Any, ms: int = 150) -> None:
    """Let layouts, timers and background summaries finish."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def save(widget: Any, path: Path) -> Path:
    widget.grab().save(str(path))
    print(f"wrote {path}")
    return path


def showcase_factor(engagement: Any, round_id: int) -> str:
    """A Mutuality factor with all three perspectives scored (client and provider apart if possible)."""
    scores = engagement.scores(round_id)
    mutuality = engagement.framework.workshop_order()[0].factors
    scored = [f.id for f in mutuality
              if all((s := scores.get((f.id, p))) and s.level is not None for p in ("client", "provider", "agreed"))]
    apart = [fid for fid in scored if scores[(fid, "client")].level != scores[(fid, "provider")].level]
    return str((apart or scored or [mutuality[0].id])[0])


def render(out: Path) -> list[Path]:
    from PySide6.QtCore import QSettings, Qt

    from .application import make_application
    from .main_window import MainWindow
    from .opening import ensure_demo
    from .settings import Settings

    app = make_application([])
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="mutuality-shots-") as tmp:
        settings = Settings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
        demo = ensure_demo(Path(tmp))
        settings.add_recent(demo)
        window = MainWindow(settings)
        window.setWindowState(Qt.WindowState.WindowNoState)  # the offscreen screen is no laptop's
        window.resize(*SIZE)
        window.show()
        settle(app, 1500)  # the recent list's summaries are checked in the background
        written.append(save(window, out / "start.png"))

        window.new_engagement()
        form = window.setup_page.form
        form.editor("title").setText("Waste and recycling partnership review")
        form.title_edited.emit(form.value("title"))
        form.editor("client_organisation").setText("Northmoor Borough Council")
        form.editor("facilitator").setText("Andrea Price")
        form.validate(show_all=True)
        settle(app)
        written.append(save(window, out / "setup.png"))

        window.open_path(demo)
        window.show_page("Setup")
        settle(app)
        written.append(save(window, out / "setup-engagement.png"))

        page = window.workshop
        doc = window.doc
        assert doc is not None
        page.set_round(doc.engagement.rounds()[0].id)
        page.go_to_factor(showcase_factor(doc.engagement, page.round_id))
        window.show_page("Walkthrough")
        page.guide.set_focus_perspective("agreed")
        settle(app)
        written.append(save(window, out / "walkthrough.png"))

        page.toggle_presentation()
        room = page.presentation
        room.setWindowState(Qt.WindowState.WindowNoState)
        settle(app)
        room.resize(*SIZE)
        settle(app)
        written.append(save(room, out / "presentation.png"))
        room.close()

        window.show_page("Results")
        settle(app, 600)
        if window.results.page is not None:
            written.append(save(window, out / "results.png"))
            results = window.results.page
            results.toggle_presentation()
            room = results.presentation
            room.setWindowState(Qt.WindowState.WindowNoState)
            settle(app)
            room.resize(1600, 900)
            settle(app, 600)
            for canvas in room.canvases:
                canvas.draw()
            written.append(save(room, out / "presentation-results.png"))
            room.close()
        else:
            print(f"results not rendered: {window.results.unavailable}")
        window.close()
        settle(app, 50)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    render(Path(args[0] if args else "docs/screenshots"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
