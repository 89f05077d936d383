"""The first screen: recent engagements with a one-line summary, new, open and the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from . import theme
from .tasks import run_in_background
from .widgets import ElidedLabel, caption, heading, on_return

PATH_ROLE = Qt.ItemDataRole.UserRole


def _summary(path: Path) -> tuple[str, str]:
    """Return a recent file's title and a one-line summary (runs off the UI thread)."""
    from ..core.engagement import Engagement
    from ..core.summary import round_tallies

    with Engagement.open(path, readonly=True) as eng:
        info = eng.info()
        parts = [f"{info.client_organisation} and {info.provider_organisation}"]
        # each round within its own scope, as the walkthrough counts it ("4 of 18", not "4 of 39")
        parts += [f"{t.label}: {t.agreed} of {t.total} agreed" for t in round_tallies(eng)]
        return info.title, "  ·  ".join(parts)


class RecentItem(QWidget):
    """A recent engagement: file name, what it holds (checked in the background), folder."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(2)
        self.name = ElidedLabel(path.stem)
        self.name.setFont(theme.font(theme.BASE_POINT_SIZE + 1, bold=True))
        self.summary = ElidedLabel("Checking…")
        self.folder = ElidedLabel(str(path))
        self.folder.setFont(theme.font(theme.BASE_POINT_SIZE - 1.5))
        for label in (self.summary, self.folder):
            label.setStyleSheet(f"color: {theme.MUTED};")
        layout.addWidget(self.name)
        layout.addWidget(self.summary)
        layout.addWidget(self.folder)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


class StartPage(QWidget):
    """Start here: recent engagements, a new one, open a file, or open the demo."""

    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    path_chosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        column = QVBoxLayout()
        column.setContentsMargins(56, 48, 56, 32)
        column.setSpacing(14)
        outer.addStretch(1)
        outer.addLayout(column, 6)
        outer.addStretch(1)
        column.addWidget(heading("Mutuality Desktop", theme.BASE_POINT_SIZE + 12))
        intro = caption("Value for money and mutuality workshops: score each factor with the room, "
                        "capture the evidence and actions, and report. Everything is saved as you go.")
        intro.setWordWrap(True)
        column.addWidget(intro)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        self.new_button = QPushButton("New engagement")
        self.new_button.setProperty("role", "primary")
        self.open_button = QPushButton("Open…")
        self.demo_button = QPushButton("Open the demo")
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setMinimumHeight(40)
            on_return(button)
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addSpacing(8)
        column.addLayout(buttons)
        column.addSpacing(18)
        column.addWidget(heading("Recent engagements", theme.BASE_POINT_SIZE + 2))
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent engagements")
        self.recent.setSpacing(2)
        self.recent.setFrameShape(QFrame.Shape.NoFrame)
        self.recent.itemActivated.connect(self._on_recent_item_activated)
        self.recent.itemClicked.connect(self._on_recent_item_activated)
        self.empty = caption("Engagements you open or create appear here.")
        column.addWidget(self.recent, 1)
        column.addWidget(self.empty)
        column.addWidget(caption("You can also drop a .mutuality file onto this window."))
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.setFocusProxy(self.new_button)  # the start page opens with New engagement focused

    def set_recent(self, paths: list[Path], check_later: bool = True) -> None:
        """List recent files; their summaries are filled in off the UI thread after painting."""
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem()
            item.setData(PATH_ROLE, str(path))
            widget = RecentItem(path)
            item.setSizeHint(QSize(200, widget.sizeHint().height() + 4))
            item.setToolTip(str(path))
            self.recent.addItem(item)
            self.recent.setItemWidget(item, widget)
        self.recent.setVisible(bool(paths))
        self.empty.setVisible(not paths)
        if check_later and paths:
            QTimer.singleShot(200, self, lambda: self._check(paths))

    def item_widget(self, path: Path) -> RecentItem | None:
        for row in range(self.recent.count()):
            item = self.recent.item(row)
            if Path(item.data(PATH_ROLE)) == path:
                widget = self.recent.itemWidget(item)
                return widget if isinstance(widget, RecentItem) else None
        return None

    def _check(self, paths: list[Path]) -> None:
        for path in paths:
            self._check_one(path)

    def _check_one(self, path: Path) -> None:
        def done(result: tuple[str, str]) -> None:
            self._show_summary(path, result[0], result[1], ok=True)

        def failed(exc: BaseException, _tb: str) -> None:
            self._show_summary(path, "", _message(exc), ok=False)

        run_in_background(lambda: _summary(path), done, failed)

    def _show_summary(self, path: Path, title: str, text: str, ok: bool) -> None:
        if not isValid(self):
            return
        widget = self.item_widget(path)
        if widget is not None and isValid(widget):
            if title:
                widget.name.setText(title)
            widget.summary.setText(text)
            widget.summary.setStyleSheet(f"color: {theme.MUTED if ok else theme.ERROR_TEXT};")

    def _on_recent_item_activated(self, item: QListWidgetItem) -> None:
        self.path_chosen.emit(Path(item.data(PATH_ROLE)))


def _message(exc: BaseException) -> str:
    from .messages import explain

    return explain(exc)
