"""The app's own preferences, declared once over QSettings (engagement data never lives here)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths, QTime

MAX_RECENT = 8
DEFAULT_AGENDA_END = QTime(16, 30)


class Settings:
    """Typed access to recent files, window geometry, the last folder and the agenda end time."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._q = store if store is not None else QSettings()

    # --- recent engagements ------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        raw = self._q.value("recent/files", [])
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            return []
        return [Path(p) for p in raw if isinstance(p, str) and p][:MAX_RECENT]

    def add_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        files = [p for p in self.recent_files() if p != path]
        self._set_recent([path, *files][:MAX_RECENT])

    def remove_recent(self, path: Path) -> None:
        self._set_recent([p for p in self.recent_files() if p != Path(path).resolve()])

    def _set_recent(self, files: list[Path]) -> None:
        self._q.setValue("recent/files", [str(p) for p in files])
        self._q.sync()

    # --- window ------------------------------------------------------------------------------

    def window_geometry(self) -> QByteArray | None:
        value = self._q.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self._q.setValue("window/geometry", geometry)

    # --- folders -----------------------------------------------------------------------------

    def last_folder(self) -> Path:
        """Return where the last engagement was opened or created (Documents/Mutuality at first)."""
        value = self._q.value("folders/last", "")
        if isinstance(value, str) and value and Path(value).is_dir():
            return Path(value)
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(docs or Path.home()) / "Mutuality"

    def set_last_folder(self, folder: Path) -> None:
        self._q.setValue("folders/last", str(folder))

    def export_folder(self, engagement_uuid: str, engagement_path: Path) -> Path:
        """Where File → Export report and Export to Office open their save dialog: the folder
        this engagement was last exported to (either export), if it is still there, else the
        engagement's own folder. The Office dialog opened in the last Office folder of any
        engagement while Export report opened in the engagement's (play-through 7)."""
        value = self._q.value(f"export/folder/{engagement_uuid}", "")
        folder = Path(value) if isinstance(value, str) and value else None
        return folder if folder is not None and folder.is_dir() else engagement_path.parent

    def set_export_folder(self, engagement_uuid: str, folder: Path) -> None:
        self._q.setValue(f"export/folder/{engagement_uuid}", str(folder))

    # --- agenda ------------------------------------------------------------------------------

    def agenda_end(self) -> QTime:
        value = self._q.value("agenda/end", "")
        parsed = QTime.fromString(value, "HH:mm") if isinstance(value, str) else QTime()
        return parsed if parsed.isValid() else DEFAULT_AGENDA_END

    def set_agenda_end(self, end: QTime) -> None:
        self._q.setValue("agenda/end", end.toString("HH:mm"))

    def _agenda_start_kept(self, engagement_uuid: str) -> dt.datetime | None:
        value = self._q.value(f"agenda/start/{engagement_uuid}", "")
        try:
            return dt.datetime.fromisoformat(value) if isinstance(value, str) and value else None
        except ValueError:
            return None

    def agenda_start(self, engagement_uuid: str, today: dt.date) -> dt.datetime | None:
        """When today's workshop on this engagement started (kept over a restart or a reopen)."""
        start = self._agenda_start_kept(engagement_uuid)
        return start if start is not None and start.date() == today else None

    def set_agenda_start(self, engagement_uuid: str, start: dt.datetime, chosen: bool = False) -> None:
        """chosen: the facilitator set it (else the clock started itself at the first open)."""
        self._q.setValue(f"agenda/start/{engagement_uuid}", start.isoformat(timespec="minutes"))
        self._q.setValue(f"agenda/start_chosen/{engagement_uuid}", start.date().isoformat() if chosen else "")

    def agenda_start_ahead(self, engagement_uuid: str, today: dt.date) -> dt.datetime | None:
        """A start the facilitator set before the workshop day, for that day (still to come)."""
        start = self._agenda_start_kept(engagement_uuid)
        if start is None or start.date() <= today or not self.agenda_start_chosen(engagement_uuid, start.date()):
            return None
        return start

    def agenda_start_chosen(self, engagement_uuid: str, today: dt.date) -> bool:
        """Whether today's start was set by the facilitator (it then outranks the plan's start)."""
        return self._q.value(f"agenda/start_chosen/{engagement_uuid}", "") == today.isoformat()

    # --- where the facilitator was -----------------------------------------------------------

    def last_factor(self, engagement_uuid: str) -> str | None:
        """The factor open when this engagement was last left (or the app stopped)."""
        value = self._q.value(f"walkthrough/factor/{engagement_uuid}", "")
        return value if isinstance(value, str) and value else None

    def set_last_factor(self, engagement_uuid: str, factor_id: str) -> None:
        if self.last_factor(engagement_uuid) == factor_id:
            return  # already kept (a file opens on it): no write to wait for
        self._q.setValue(f"walkthrough/factor/{engagement_uuid}", factor_id)
        self._q.sync()  # a crash a second later must still find it

    def prework_folder(self, engagement_uuid: str) -> Path | None:
        """The folder this engagement's pre-work forms were last written to, if it is still there."""
        value = self._q.value(f"prework/folder/{engagement_uuid}", "")
        folder = Path(value) if isinstance(value, str) and value else None
        return folder if folder is not None and folder.is_dir() else None

    def set_prework_folder(self, engagement_uuid: str, folder: Path) -> None:
        self._q.setValue(f"prework/folder/{engagement_uuid}", str(folder))
        self._q.sync()

    # --- history -----------------------------------------------------------------------------

    def author_name(self) -> str:
        """The name the engagement's history records for your changes ("" = your login's name)."""
        value = self._q.value("history/author", "")
        return " ".join(value.split())[:200] if isinstance(value, str) else ""

    def set_author_name(self, name: str) -> None:
        self._q.setValue("history/author", " ".join(name.split())[:200])
        self._q.sync()

    # --- look --------------------------------------------------------------------------------

    def high_contrast(self) -> bool:
        """Black text and control edges, a black focus ring: for a bright room or low vision."""
        return self._q.value("look/high_contrast", "false") in ("true", True)

    def large_text(self) -> bool:
        """All type a quarter larger, presentation mode included."""
        return self._q.value("look/large_text", "false") in ("true", True)

    def set_look(self, *, high_contrast: bool, large_text: bool) -> None:
        self._q.setValue("look/high_contrast", "true" if high_contrast else "false")
        self._q.setValue("look/large_text", "true" if large_text else "false")
        self._q.sync()


def data_folder() -> Path:
    """Return the user's data folder for this app (where the demo engagement is built)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(location) if location else Path.home() / ".mutuality-desktop"
