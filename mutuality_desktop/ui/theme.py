"""The look: one accent colour, calm neutrals, large readable type, generous spacing."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

from ..core.model import PERSPECTIVE_LABELS as PERSPECTIVE_LABELS
from ..core.model import PERSPECTIVES as PERSPECTIVES

ACCENT = "#1d6a80"  # a calm petrol blue: the one accent colour
ACCENT_DARK = "#14505f"
ACCENT_TINT = "#e3f0f3"
INK = "#1f2a30"  # body text
MUTED = "#5b6b73"  # secondary text
LINE = "#d9e0e4"  # hairlines (decoration only)
CONTROL_LINE = "#76848c"  # a control's edge: 3.9:1 against white (WCAG 1.4.11 asks 3:1)
SURFACE = "#f6f8f9"  # panels
HOVER = "#eef2f4"
WARNING_BG = "#fff4e0"
WARNING_LINE = "#e0a43a"
ERROR_TEXT = "#b3261e"

# The perspectives are told apart by label and shape first, colour second (one accent only).
# The perspectives and their labels: core/model.py (PERSPECTIVES, PERSPECTIVE_LABELS, imported above).

FONT_FAMILIES = ["Segoe UI", "Inter", "Noto Sans", "Cantarell", "Helvetica Neue", "DejaVu Sans"]
BASE_POINT_SIZE = 10.5


LARGE_TEXT_SCALE = 1.25
_scale = 1.0  # set by apply(): large text makes every font() a quarter larger


def colour(name: str) -> QColor:
    return QColor(name)


def font(point_size: float = BASE_POINT_SIZE, *, bold: bool = False, weight: QFont.Weight | None = None) -> QFont:
    """Return the app's typeface at a size."""
    f = QFont()
    f.setFamilies(FONT_FAMILIES)
    f.setPointSizeF(point_size * _scale)
    if weight is not None:
        f.setWeight(weight)
    elif bold:
        f.setWeight(QFont.Weight.DemiBold)
    return f


STYLESHEET = f"""
QMainWindow, QDialog {{ background: white; }}
QWidget {{ color: {INK}; }}
QToolTip {{ color: {INK}; background: white; border: 1px solid {LINE}; padding: 4px; }}
QLabel[role="caption"] {{ color: {MUTED}; }}
QLabel[role="hint"] {{ color: {ERROR_TEXT}; }}
QLabel[role="heading"] {{ font-weight: 600; }}
QPushButton {{
    padding: 6px 16px; border: 1px solid {CONTROL_LINE}; border-radius: 6px; background: white;
}}
QPushButton:hover {{ background: {HOVER}; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; }}
QPushButton:disabled {{ color: #9aa6ac; background: {SURFACE}; }}
QPushButton[role="primary"] {{
    background: {ACCENT}; color: white; border: 1px solid {ACCENT_DARK}; font-weight: 600;
}}
QPushButton[role="primary"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[role="primary"]:focus {{ border: 3px solid {INK}; }}
QPushButton[role="primary"]:disabled {{ background: #a9c3ca; border-color: #a9c3ca; }}
QPushButton[role="link"] {{
    border: none; background: transparent; color: {ACCENT}; text-align: left; padding: 4px 0;
}}
QPushButton[role="link"]:hover {{ text-decoration: underline; }}
QPushButton[role="link"]:focus {{ text-decoration: underline; border: 2px solid {ACCENT}; }}
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QDateEdit, QTimeEdit, QSpinBox {{
    border: 1px solid {CONTROL_LINE}; border-radius: 5px; padding: 5px 7px; background: white;
    selection-background-color: {ACCENT_TINT}; selection-color: {INK};
}}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QDateEdit:focus, QTimeEdit:focus {{
    border: 2px solid {ACCENT};
}}
QLineEdit[invalid="true"] {{ border: 2px solid {ERROR_TEXT}; }}
QTabWidget::pane {{ border: none; border-top: 1px solid {LINE}; }}
QTabBar::tab {{
    padding: 8px 14px; border: none; color: {MUTED}; background: transparent;
}}
QTabBar::tab:selected {{ color: {INK}; border-bottom: 3px solid {ACCENT}; font-weight: 600; }}
QTreeView, QTableView, QListWidget {{
    border: 2px solid transparent; background: white; selection-background-color: {ACCENT_TINT};
    selection-color: {INK}; outline: 0;
}}
QTreeView:focus, QTableView:focus, QListWidget:focus {{ border: 2px solid {ACCENT}; }}
QHeaderView::section {{
    background: {SURFACE}; color: {MUTED}; border: none; border-bottom: 1px solid {LINE};
    padding: 6px 8px; font-weight: 600;
}}
QStatusBar {{ background: {SURFACE}; border-top: 1px solid {LINE}; color: {INK}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QMenuBar {{ background: white; border-bottom: 1px solid {LINE}; }}
QMenuBar::item {{ padding: 6px 12px; }}
QMenuBar::item:selected {{ background: {HOVER}; }}
QMenu {{ background: white; border: 1px solid {LINE}; padding: 4px; }}
QMenu::item {{ padding: 6px 28px 6px 20px; }}
QMenu::item:selected {{ background: {ACCENT_TINT}; color: {INK}; }}
QMenu::separator {{ height: 1px; background: {LINE}; margin: 4px 8px; }}
QSplitter::handle {{ background: {LINE}; }}
QProgressBar {{
    border: none; background: {LINE}; border-radius: 3px; max-height: 6px; text-align: center;
}}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}
QFrame[role="panel"] {{ background: {SURFACE}; border: none; }}
QFrame[role="banner-warning"] {{
    background: {WARNING_BG}; border: none; border-bottom: 1px solid {WARNING_LINE};
}}
QFrame[role="banner-info"] {{
    background: {ACCENT_TINT}; border: none; border-bottom: 1px solid {LINE};
}}
QFrame[role="banner-error"] {{
    background: #fde8e6; border: none; border-bottom: 1px solid {ERROR_TEXT};
}}
QFrame[role="card"] {{ background: white; border: 1px solid {LINE}; border-radius: 8px; }}
QScrollArea {{ border: none; background: white; }}
QWidget#pageBody {{ background: white; }}
QPushButton[role="pagetab"] {{
    border: none; border-radius: 0; background: transparent; color: {MUTED};
    padding: 6px 14px; border-bottom: 3px solid transparent;
}}
QPushButton[role="pagetab"]:checked {{ color: {ACCENT_DARK}; border-bottom: 3px solid {ACCENT}; }}
QPushButton[role="pagetab"]:hover {{ color: {INK}; }}
QPushButton[role="pagetab"]:focus {{ color: {INK}; border: 2px solid {ACCENT}; }}
QComboBox::drop-down, QDateEdit::drop-down, QTimeEdit::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 26px; border: none;
}}
QComboBox::down-arrow, QDateEdit::down-arrow, QTimeEdit::down-arrow {{
    image: url("{{chevron}}"); width: 12px; height: 12px;
}}
QTimeEdit::up-button, QTimeEdit::down-button {{ width: 0; border: none; }}
QToolButton {{
    border: 1px solid {CONTROL_LINE}; border-radius: 5px; padding: 4px 10px; background: white;
}}
QToolButton:focus {{ border: 2px solid {ACCENT}; }}
QToolButton:hover {{ background: {HOVER}; }}
QToolButton::menu-indicator {{ image: none; width: 0; }}
"""


def stylesheet() -> str:
    from ..core.resources import resource_path

    chevron = resource_path("icons", "chevron-down.svg").as_posix()
    return STYLESHEET.replace("{chevron}", chevron)


def high_contrast_sheet(sheet: str) -> str:
    """The same look with black text, black control edges and darker hairlines."""
    for quiet, strong in ((MUTED, "#000000"), (CONTROL_LINE, "#000000"), (LINE, "#4a4a4a"),
                          (INK, "#000000"), ("#9aa6ac", "#4a4a4a")):
        sheet = sheet.replace(quiet, strong)
    return sheet + """
*:focus { outline: 3px solid #000000; }
QPushButton:focus, QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QTreeView:focus,
QTableView:focus, QListWidget:focus, QToolButton:focus { border: 3px solid #000000; }
"""


def apply(app: QApplication, *, high_contrast: bool = False, large_text: bool = False) -> None:
    """Give the application its font and stylesheet, in the chosen contrast and text size."""
    global _scale
    _scale = LARGE_TEXT_SCALE if large_text else 1.0
    app.setStyle("Fusion")
    app.setFont(font())
    sheet = stylesheet()
    app.setStyleSheet(high_contrast_sheet(sheet) if high_contrast else sheet)
