"""Settings → Branding: the consultancy's name, logos, colours and footer for every report."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.branding import (
    MAX_FOOTER_CHARS,
    MAX_NAME_CHARS,
    BrandingError,
    BrandingProfile,
    Logo,
    default_branding,
    profile_from_engagement,
    read_logo,
)

if TYPE_CHECKING:
    from .document import EngagementDocument

SETTINGS_KEY = "branding/profile"
LOGO_FILTER = "Logos (*.png *.jpg *.jpeg *.svg);;All files (*)"
PREVIEW = (180, 56)


def load_branding_setting(settings: QSettings | None = None) -> BrandingProfile:
    """Return the branding profile saved in the app settings, or the neutral default."""
    store = settings if settings is not None else QSettings()
    raw = store.value(SETTINGS_KEY, "")
    if not isinstance(raw, str) or not raw.strip():
        return default_branding()
    try:
        return BrandingProfile.from_json(raw)
    except BrandingError:
        return default_branding()


def save_branding_setting(profile: BrandingProfile, settings: QSettings | None = None) -> None:
    """Keep the profile, logos embedded, so a moved logo file does not lose the logo."""
    store = settings if settings is not None else QSettings()
    store.setValue(SETTINGS_KEY, profile.to_json())
    store.sync()


class LogoPicker(QWidget):
    """A logo preview with Choose… and Remove; a bad file is explained inline, never modally."""

    changed = Signal()

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._what = what
        self._path = ""
        self._logo: Logo | None = None
        self.preview = QLabel()
        self.preview.setFixedSize(*PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #d9e0e4; border-radius: 4px; background: white;")
        self.choose = QPushButton("Choose…")
        self.choose.setAccessibleName(f"Choose the {what}")
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName(f"Remove the {what}")
        self.problem = QLabel()
        self.problem.setProperty("role", "hint")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.choose.clicked.connect(self._on_choose_clicked)
        self.remove.clicked.connect(self.clear)
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(buttons)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(row)
        outer.addWidget(self.problem)
        self._refresh()

    def value(self) -> tuple[str, Logo | None]:
        return self._path, self._logo

    def set_value(self, path: str, logo: Logo | None) -> None:
        self._path, self._logo = path, logo
        self.problem.hide()
        self._refresh()

    def clear(self) -> None:
        self.set_value("", None)
        self.changed.emit()

    def load_file(self, path: Path) -> bool:
        """Take a logo file, or say inline why it cannot be used."""
        logo, problem = read_logo(path)
        if logo is None:
            self.problem.setText(f"{path.name} {problem}; choose another file.")
            self.problem.show()
            return False
        self.set_value(str(path), logo)
        self.changed.emit()
        return True

    def _on_choose_clicked(self) -> None:
        start = str(Path(self._path).parent) if self._path else ""
        name, _ = QFileDialog.getOpenFileName(self, f"Choose the {self._what}", start, LOGO_FILTER)
        if name:
            self.load_file(Path(name))

    def _refresh(self) -> None:
        self.remove.setEnabled(self._logo is not None)
        if self._logo is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText("No logo")
            return
        pixmap = QPixmap()
        if pixmap.loadFromData(self._logo.data) and not pixmap.isNull():
            self.preview.setPixmap(pixmap.scaled(PREVIEW[0] - 12, PREVIEW[1] - 10,
                                                 Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.setText(f"{self._logo.kind.upper()} logo\n{self._logo.name}")


class ColourButton(QPushButton):
    """A swatch that opens the colour chooser."""

    changed = Signal(str)

    def __init__(self, what: str, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._what = what
        self.setAccessibleName(f"Choose the {what}")
        self.clicked.connect(self._on_clicked)
        self.set_colour(colour)

    def colour(self) -> str:
        return self._colour

    def set_colour(self, colour: str) -> None:
        self._colour = QColor(colour).name().upper()
        self.setText(f"  {self._colour}")
        text = "#FFFFFF" if QColor(self._colour).lightnessF() < 0.6 else "#1F2A30"
        self.setStyleSheet(f"QPushButton {{ background: {self._colour}; color: {text}; min-width: 110px; }}")

    def _on_clicked(self) -> None:
        chosen = QColorDialog.getColor(QColor(self._colour), self, f"Choose the {self._what}")
        if chosen.isValid():
            self.set_colour(chosen.name())
            self.changed.emit(self._colour)


class BrandingDialog(QDialog):
    """Edit the branding profile; OK saves it to the app settings and, with an engagement open,
    stores a copy in its file as one recorded, undoable change. This is the only place the app
    writes branding into an engagement: an export reads it and never writes."""

    def __init__(self, parent: QWidget | None = None, profile: BrandingProfile | None = None,
                 settings: QSettings | None = None, document: EngagementDocument | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Report branding")
        self.setMinimumWidth(660)  # room for a full consultancy name and footer line
        self._settings = settings
        self._document = document
        # A received file keeps its own branding: the dialog shows the file's copy when it has one
        # (OK on a colleague's file used to replace its branding with this computer's settings).
        own = document.engagement.branding_json() if document is not None else None
        self.from_file = profile is None and own is not None
        if profile is not None:
            start = profile
        elif own is not None:
            start = profile_from_engagement(own)[0]
        else:
            start = load_branding_setting(settings)
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_NAME_CHARS)
        self.name.setPlaceholderText("Your consultancy’s name, as it should appear on the cover")
        self.footer = QLineEdit()
        self.footer.setMaxLength(MAX_FOOTER_CHARS)
        self.footer.setPlaceholderText("For example: Confidential: prepared for the partners named on the cover")
        self.logo = LogoPicker("consultancy logo")
        self.client_logo = LogoPicker("client logo")
        self.provider_logo = LogoPicker("provider logo")
        self.primary = ColourButton("primary colour", start.primary_colour)
        self.accent = ColourButton("accent colour", start.accent_colour)
        stored = ("OK also stores a copy in the open engagement file (Edit → Undo takes it back), so a "
                  "colleague’s report of the same file looks the same; making a report never changes the file. "
                  if document is not None and not document.readonly else "")
        shown = ("Shown: the branding stored in this engagement file. " if self.from_file else "")
        intro = QLabel("The report’s cover, headers and charts use this branding. " + shown + stored
                       + "Logos may be PNG, JPEG or SVG.")
        intro.setWordWrap(True)
        intro.setProperty("role", "caption")
        form = QFormLayout()
        form.addRow("Consultancy name", self.name)
        form.addRow("Logo", self.logo)
        colours = QHBoxLayout()
        colours.addWidget(self.primary)
        colours.addWidget(QLabel("Accent"))
        colours.addWidget(self.accent)
        colours.addStretch(1)
        form.addRow("Primary colour", colours)
        form.addRow("Footer text", self.footer)
        form.addRow("Client logo", self.client_logo)
        form.addRow("Provider logo", self.provider_logo)
        # this computer's branding for new engagements: by default only when the dialog did not
        # open on a file's own branding (a colleague's branding stays theirs)
        self.keep_mine = QCheckBox("&Use this branding for my new engagements too")
        self.keep_mine.setChecked(not self.from_file)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.reset = buttons.addButton("Restore default", QDialogButtonBox.ButtonRole.ResetRole)
        self.reset.clicked.connect(self._on_reset_clicked)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        if document is not None and not document.readonly:
            layout.addWidget(self.keep_mine)
        layout.addWidget(buttons)
        self.set_profile(start)

    def set_profile(self, profile: BrandingProfile) -> None:
        self.name.setText(profile.consultancy_name)
        self.name.setCursorPosition(0)
        self.footer.setText(profile.footer_text)
        self.footer.setCursorPosition(0)  # show how it begins, not its last words
        self.primary.set_colour(profile.primary_colour)
        self.accent.set_colour(profile.accent_colour)
        self.logo.set_value(profile.logo_path, profile.logo)
        self.client_logo.set_value(profile.client_logo_path, profile.client_logo)
        self.provider_logo.set_value(profile.provider_logo_path, profile.provider_logo)

    def profile(self) -> BrandingProfile:
        """Return the profile as edited (logos carried as embedded copies as well as paths)."""
        logo_path, logo = self.logo.value()
        client_path, client = self.client_logo.value()
        provider_path, provider = self.provider_logo.value()
        return replace(
            BrandingProfile(),
            consultancy_name=" ".join(self.name.text().split()),
            footer_text=" ".join(self.footer.text().split()),
            primary_colour=self.primary.colour(),
            accent_colour=self.accent.colour(),
            logo_path=logo_path, logo=logo,
            client_logo_path=client_path, client_logo=client,
            provider_logo_path=provider_path, provider_logo=provider,
        )

    def _on_reset_clicked(self) -> None:
        self.set_profile(default_branding())

    def accept(self) -> None:
        profile = self.profile()
        if self.keep_mine.isChecked() or self._document is None or self._document.readonly:
            save_branding_setting(profile, self._settings)
        self._store_in_engagement(profile)
        super().accept()

    def _store_in_engagement(self, profile: BrandingProfile) -> None:
        """Copy the profile into the open engagement when it differs from the file's copy."""
        doc = self._document
        if doc is None or doc.readonly:
            return
        from .commands import SetBranding

        content = profile.portable()[0].to_json()
        stored = doc.engagement.branding_json()
        # compared as read (a file written elsewhere may spell the same branding differently):
        # OK with nothing changed writes nothing
        same = stored is not None and profile_from_engagement(stored)[0].portable()[0].to_json() == content
        if content != stored and not same:
            doc.execute(SetBranding("Change the report branding", content))
