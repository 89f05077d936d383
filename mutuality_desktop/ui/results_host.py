"""Hosts the results page (charts), importing it (and matplotlib) only when first shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

RESULTS_MODULE = "mutuality_desktop.ui.results"


def _import_results() -> None:
    """On a worker: import the results page's module and the libraries it draws with (matplotlib,
    numpy). Importing defines classes only; no Qt object is made, so no Qt is touched."""
    import importlib

    importlib.import_module(RESULTS_MODULE)


class ResultsHost(QWidget):
    """Show ui.results.ResultsPage for the open engagement; refresh it only when it is visible."""

    round_chosen = Signal(int)  # relayed from the page's round picker
    move_guide_requested = Signal()  # relayed: move the engagement to the app's guide (issue 21)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.page: Any = None
        self.unavailable = ""
        self._shown: tuple[Any, Any] = (None, None)  # what the page currently shows
        self._wanted: tuple[Any, Any] = (None, None)
        self._stale = False

    def prepare_in_background(self) -> None:
        """Import what the results page needs on a worker thread, while the facilitator works on
        other pages: the first switch to Results then only builds the page (play-through: the
        first Ctrl+3 at 1366 took over 2 s, most of it importing matplotlib). Nothing waits for
        it: a switch before it ends imports the rest itself, and a failure there is reported then."""
        import sys

        if self.page is not None or self.unavailable or RESULTS_MODULE in sys.modules:
            return
        from .application import forget_import_sources
        from .tasks import run_in_background

        run_in_background(_import_results, lambda _result: forget_import_sources(), lambda _exc, _tb: None)

    def _ensure_page(self) -> Any:
        if self.page is None and not self.unavailable:
            try:
                from .application import forget_import_sources
                from .results import ResultsPage

                forget_import_sources()  # matplotlib and numpy were just imported
                self.page = ResultsPage()
            except Exception as exc:  # noqa: BLE001 - a missing or broken optional screen
                self.unavailable = f"The results view is not available in this build ({exc})."
                label = QLabel(self.unavailable, alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
                self._layout.addWidget(label)
                return None
            self._layout.addWidget(self.page)
            from .widgets import guard_inputs

            guard_inputs(self.page)  # the wheel over the round picker scrolls, not switches rounds
            self.page.round_chosen.connect(self._on_page_round_chosen)
            self.page.move_guide_requested.connect(self.move_guide_requested.emit)
        return self.page

    def _on_page_round_chosen(self, round_id: int) -> None:
        self._wanted = self._shown = (self._wanted[0], round_id)
        self.round_chosen.emit(round_id)

    def show_engagement(self, engagement: Any, round_id: int | None) -> None:
        """Ask for an engagement and round (None when closed); applied now if visible."""
        self._wanted = (engagement, round_id)
        if engagement is None:
            if self.page is not None and self._shown[0] is not None:
                self.page.set_engagement(None)
            self._shown = (None, None)
            return
        if self.isVisible() or self.page is not None:
            self._apply()

    def set_round(self, round_id: int) -> None:
        self._wanted = (self._wanted[0], round_id)
        if self._on_screen():
            self._apply()

    def mark_stale(self) -> None:
        """Scores changed: refresh now if on screen, otherwise when next shown (cheap)."""
        self._stale = True
        if self._on_screen():
            self._apply()

    def _on_screen(self) -> bool:
        """Shown in the window, or its charts presented to the room (F11 on Results)."""
        room = getattr(self.page, "presentation", None)
        return self.isVisible() or (room is not None and room.isVisible())

    def _apply(self) -> None:
        engagement, round_id = self._wanted
        if engagement is None or self._ensure_page() is None:
            return
        if self._shown[0] is not engagement:
            self.page.set_engagement(engagement, round_id)
        elif self._shown[1] != round_id:
            self.page.set_round(round_id)
        elif self._stale:
            self.page.refresh()
        self._shown = (engagement, round_id)
        self._stale = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.page is not None or self.unavailable:
            self._apply()
            return
        # the first showing builds the page and draws its charts: a busy pointer meanwhile
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._apply()
        finally:
            QGuiApplication.restoreOverrideCursor()
