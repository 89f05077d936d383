"""The look: one accent colour, calm neutrals, large readable type, generous spacing."""

from __future__ import annotations

import re

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QScrollArea, QTextEdit, QWidget

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
FAINT = "#a7b3b9"  # an empty marker's ring
DISABLED_TEXT = "#9aa6ac"

# The colours above are the normal look. View -> High contrast swaps in this palette: black text
# and edges, a darker accent, stronger hairlines. apply() rebinds the names above, so painted
# widgets, which read theme.INK and the rest as they paint, follow the switch at once.
NORMAL_PALETTE = {name: value for name, value in globals().items()
                  if name.isupper() and isinstance(value, str) and value.startswith("#")}
HIGH_CONTRAST_PALETTE = {
    **NORMAL_PALETTE,
    "ACCENT": "#004254",  # 10.6:1 against white
    "ACCENT_DARK": "#002b38",
    "ACCENT_TINT": "#cfe5ec",
    "INK": "#000000",
    "MUTED": "#000000",
    "LINE": "#4a4a4a",
    "CONTROL_LINE": "#000000",
    "SURFACE": "#f0f0f0",
    "HOVER": "#dcdcdc",
    "ERROR_TEXT": "#8c0000",
    "FAINT": "#4a4a4a",
    "DISABLED_TEXT": "#4a4a4a",
}
high_contrast = False  # set by apply()

# The perspectives are told apart by label and shape first, colour second (one accent only).
# The perspectives and their labels: core/model.py (PERSPECTIVES, PERSPECTIVE_LABELS, imported above).

FONT_FAMILIES = ["Segoe UI", "Inter", "Noto Sans", "Cantarell", "Helvetica Neue", "DejaVu Sans"]
BASE_POINT_SIZE = 10.5


LARGE_TEXT_SCALE = 1.25
_scale = 1.0  # set by apply(): large text makes every font() a quarter larger


def text_scale() -> float:
    """1.0, or LARGE_TEXT_SCALE while View -> Large text is on."""
    return _scale


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


def _sheet(c: dict[str, str]) -> str:
    return f"""
QMainWindow, QDialog {{ background: white; }}
QWidget {{ color: {c["INK"]}; }}
QToolTip {{ color: {c["INK"]}; background: white; border: 1px solid {c["LINE"]}; padding: 4px; }}
QLabel[role="caption"] {{ color: {c["MUTED"]}; }}
QLabel[role="hint"] {{ color: {c["ERROR_TEXT"]}; }}
QLabel[role="heading"] {{ font-weight: 600; }}
QPushButton {{
    padding: 6px 16px; border: 1px solid {c["CONTROL_LINE"]}; border-radius: 6px; background: white;
}}
QPushButton:hover {{ background: {c["HOVER"]}; }}
QPushButton:focus {{ border: 2px solid {c["ACCENT"]}; }}
QPushButton:disabled {{ color: {c["DISABLED_TEXT"]}; background: {c["SURFACE"]}; }}
QPushButton[role="primary"] {{
    background: {c["ACCENT"]}; color: white; border: 1px solid {c["ACCENT_DARK"]}; font-weight: 600;
}}
QPushButton[role="primary"]:hover {{ background: {c["ACCENT_DARK"]}; }}
QPushButton[role="primary"]:focus {{ border: 3px solid {c["INK"]}; }}
QPushButton[role="primary"]:disabled {{ background: #a9c3ca; border-color: #a9c3ca; }}
QPushButton[role="link"] {{
    border: none; background: transparent; color: {c["ACCENT"]}; text-align: left; padding: 4px 0;
}}
QPushButton[role="link"]:hover {{ text-decoration: underline; }}
QPushButton[role="link"]:focus {{ text-decoration: underline; border: 2px solid {c["ACCENT"]}; }}
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QDateEdit, QTimeEdit, QSpinBox {{
    border: 1px solid {c["CONTROL_LINE"]}; border-radius: 5px; padding: 5px 7px; background: white;
    selection-background-color: {c["ACCENT_TINT"]}; selection-color: {c["INK"]};
}}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QDateEdit:focus, QTimeEdit:focus {{
    border: 2px solid {c["ACCENT"]}; padding: 4px 6px;
}}
QLineEdit[invalid="true"] {{ border: 2px solid {c["ERROR_TEXT"]}; padding: 4px 6px; }}
QTabWidget::pane {{ border: none; border-top: 1px solid {c["LINE"]}; }}
QTabBar::tab {{
    padding: 8px 14px; border: none; color: {c["MUTED"]}; background: transparent;
}}
QTabBar::tab:selected {{ color: {c["INK"]}; border-bottom: 3px solid {c["ACCENT"]}; font-weight: 600; }}
QTabBar#factorDetails::tab {{ padding: 8px 7px; }}
QTabBar#factorDetails[pad="5"]::tab {{ padding-left: 5px; padding-right: 5px; }}
QTabBar#factorDetails[pad="3"]::tab {{ padding-left: 3px; padding-right: 3px; }}
QTreeView, QTableView, QListWidget {{
    border: 2px solid transparent; background: white; selection-background-color: {c["ACCENT_TINT"]};
    selection-color: {c["INK"]}; outline: 0;
}}
QTreeView:focus, QTableView:focus, QListWidget:focus {{ border: 2px solid {c["ACCENT"]}; }}
QHeaderView::section {{
    background: {c["SURFACE"]}; color: {c["MUTED"]}; border: none; border-bottom: 1px solid {c["LINE"]};
    padding: 6px 8px; font-weight: 600;
}}
QStatusBar {{ background: {c["SURFACE"]}; border-top: 1px solid {c["LINE"]}; color: {c["INK"]}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QStatusBar QPushButton[role="link"] {{ padding: 4px 8px; }}
QFrame#menuRow {{ background: white; border: none; border-bottom: 1px solid {c["LINE"]}; }}
QMenuBar {{ background: white; border: none; }}
QMenuBar::item {{ padding: 6px 12px; }}
QMenuBar::item:selected {{ background: {c["HOVER"]}; }}
QMenu {{ background: white; border: 1px solid {c["LINE"]}; padding: 4px; }}
QMenu::item {{ padding: 6px 28px 6px 20px; }}
QMenu::item:selected {{ background: {c["ACCENT_TINT"]}; color: {c["INK"]}; }}
QMenu::separator {{ height: 1px; background: {c["LINE"]}; margin: 4px 8px; }}
QSplitter::handle {{ background: {c["LINE"]}; }}
QProgressBar {{
    border: none; background: {c["LINE"]}; border-radius: 3px; max-height: 6px; text-align: center;
}}
QProgressBar::chunk {{ background: {c["ACCENT"]}; border-radius: 3px; }}
QFrame[role="panel"] {{ background: {c["SURFACE"]}; border: none; }}
QFrame[role="banner-warning"] {{
    background: {c["WARNING_BG"]}; border: none; border-bottom: 1px solid {c["WARNING_LINE"]};
}}
QFrame[role="banner-info"] {{
    background: {c["ACCENT_TINT"]}; border: none; border-bottom: 1px solid {c["LINE"]};
}}
QFrame[role="banner-error"] {{
    background: #fde8e6; border: none; border-bottom: 1px solid {c["ERROR_TEXT"]};
}}
QFrame[role="card"] {{ background: white; border: 1px solid {c["LINE"]}; border-radius: 8px; }}
QScrollArea {{ border: none; background: white; }}
QWidget#pageBody {{ background: white; }}
QPushButton[role="pagetab"] {{
    border: none; border-radius: 0; background: transparent; color: {c["MUTED"]};
    padding: 6px 14px; border-bottom: 3px solid transparent;
}}
QPushButton[role="pagetab"]:checked {{ color: {c["ACCENT_DARK"]}; border-bottom: 3px solid {c["ACCENT"]}; }}
QPushButton[role="pagetab"]:hover {{ color: {c["INK"]}; }}
QPushButton[role="pagetab"]:focus {{ color: {c["INK"]}; border: 2px solid {c["ACCENT"]}; }}
QComboBox {{ combobox-popup: 0; }}
QComboBox::drop-down, QDateEdit::drop-down, QTimeEdit::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 26px; border: none;
}}
QComboBox::down-arrow, QDateEdit::down-arrow, QTimeEdit::down-arrow {{
    image: url("{{chevron}}"); width: 12px; height: 12px;
}}
QTimeEdit::up-button, QTimeEdit::down-button {{ width: 0; border: none; }}
QSpinBox::up-button, QSpinBox::down-button {{ width: 0; border: none; }}
QSpinBox::up-arrow, QSpinBox::down-arrow {{ image: none; width: 0; height: 0; }}
QToolButton[role="step"] {{ padding: 2px 8px; font-weight: 600; min-width: 16px; }}
QToolButton {{
    border: 1px solid {c["CONTROL_LINE"]}; border-radius: 5px; padding: 4px 10px; background: white;
}}
QToolButton:focus {{ border: 2px solid {c["ACCENT"]}; }}
QToolButton:hover {{ background: {c["HOVER"]}; }}
QToolButton::menu-indicator {{ image: none; width: 0; }}
"""


STYLESHEET = _sheet(NORMAL_PALETTE)


def stylesheet(palette: dict[str, str] | None = None) -> str:
    from ..core.resources import resource_path

    chevron = resource_path("icons", "chevron-down.svg").as_posix()
    return _sheet(palette or NORMAL_PALETTE).replace("{chevron}", chevron)


# The focus outline is Qt's focus rectangle, drawn tight round a control's label: on a button it
# struck through the text ("Open", "Copy chart"). Controls with an edge of their own show focus
# by that edge instead, and a check box or radio button by a frame outside its label. The thicker
# edge takes its width from the padding, not the text: a box keeps its height when focused, and
# the tails of g, p and y in it were cut off (High contrast with Large text).
HIGH_CONTRAST_FOCUS = """
*:focus { outline: 3px solid #000000; }
QPushButton:focus, QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QTreeView:focus,
QTableView:focus, QListWidget:focus, QToolButton:focus { border: 3px solid #000000; outline: none; }
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus { padding: 3px 5px; }
QCheckBox, QRadioButton { border: 2px solid transparent; padding: 1px 3px; }
QCheckBox:focus, QRadioButton:focus { border: 2px solid #000000; outline: none; }
QTabBar:focus { outline: none; }
QTabBar::tab { border: 2px solid transparent; }
QTabBar::tab:focus { border: 2px solid #000000; }
"""


# The sheet apply() last set over the Fusion style. With a sheet set, app.style() is Qt's
# style-sheet style, whose name() is empty, so the style cannot be asked whether it is Fusion.
_fusion_under_sheet = ""


def apply(app: QApplication, *, high_contrast: bool = False, large_text: bool = False) -> None:
    """Give the application its font, colours and stylesheet, in the chosen contrast and text size.

    Called again while the app runs (View -> High contrast, Large text) it changes every window at
    once: fonts set on a widget are scaled by the change, and each widget with an apply_look()
    method (the painted ones, presentation mode) is asked to restyle itself; all are repainted.
    """
    global _scale, _fusion_under_sheet
    palette = HIGH_CONTRAST_PALETTE if high_contrast else NORMAL_PALETTE
    sheet = stylesheet(palette)
    sheet = sheet + HIGH_CONTRAST_FOCUS if high_contrast else sheet
    if (app.styleSheet() == sheet and bool(globals()["high_contrast"]) == high_contrast
            and _scale == (LARGE_TEXT_SCALE if large_text else 1.0)
            and _fusion_under_sheet == sheet and app.font() == font()):
        return  # the look already applied: setting it again re-polished every widget for nothing
    was_high = bool(globals()["high_contrast"])
    ratio = (LARGE_TEXT_SCALE if large_text else 1.0) / _scale
    # Fonts set on a widget (headings, presentation type) and their sizes before the change:
    # widgets that size their type from font() as they react to the change are left as they are.
    # Kept whatever the change: a new stylesheet (High contrast alone) reset some of them to their
    # unscaled size, and Large text was lost on those (play-through 7: contrast on, then off).
    explicit = [(w, w.font()) for w in app.allWidgets() if w.testAttribute(Qt.WidgetAttribute.WA_SetFont)]
    _scale = LARGE_TEXT_SCALE if large_text else 1.0
    globals().update(palette)
    globals()["high_contrast"] = high_contrast
    # The font first, while the old sheet is still set: set after the sheet was taken off, the
    # scroll areas' inner containers kept the old size (their font is not taken from a parent).
    app.setFont(font())
    held: list[QPlainTextEdit | QTextEdit] = []
    typing = app.focusWidget()  # a note being typed: its cursor is kept in sight (play-through 11)
    if not isinstance(typing, (QPlainTextEdit, QTextEdit)):
        typing = None
    if app.styleSheet():
        # Replacing a style sheet in place (Qt's QStyleSheetStyle::repolish) polishes every
        # widget again once for itself and once more for each styled ancestor: about a second
        # per switch with the walkthrough, results and setup built. Taking the old sheet off and
        # setting the new one polishes each widget once per step.
        held = _hold_text_scroll_bars(app)
        app.setStyleSheet("")
        if app.style().name().lower() != "fusion":  # a sheet someone else set over another style
            app.setStyle("Fusion")
        app.setStyleSheet(sheet)
    else:
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        app.setStyleSheet(sheet)
    _fusion_under_sheet = sheet
    for widget, before in explicit:
        size = before.pointSizeF()
        if size > 0 and widget.font().pointSizeF() != size * ratio:
            f = QFont(before)
            f.setPointSizeF(size * ratio)
            widget.setFont(f)
    for widget in app.allWidgets():
        _recolour_sheet(widget, was_high, high_contrast)
        restyle = getattr(widget, "apply_look", None)
        if callable(restyle):
            restyle()
        widget.updateGeometry()
        widget.update()
    # Queued after the widgets' own re-fits (apply_look above queues them): the boxes are let go
    # at their widths in the new look.
    QTimer.singleShot(0, lambda: _let_go(held, typing=typing))


def _hold_text_scroll_bars(app: QApplication) -> list[QPlainTextEdit | QTextEdit]:
    """Keep a text box's scroll bar shown while the style sheet is off for a moment.

    Without the sheet a notes box's frame and padding are thinner for that moment: its text,
    three lines beside the scroll bar, fitted in two without it, and the bar stayed hidden once
    the sheet was back, where replacing the sheet in place had kept it. Let go (`_let_go`) once
    the boxes are laid out in the new look: let go at once, the bar was hidden before the text
    was laid out again, and the text then fitted without it. Let go before the page had shared
    the window's width out again, a box measured at a passing width kept the bar hidden too
    (CI under load: the text took two lines there, and still fitted in two once narrowed).
    """
    held: list[QPlainTextEdit | QTextEdit] = [
        w for w in app.allWidgets() if isinstance(w, (QPlainTextEdit, QTextEdit))
        and w.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
        and w.verticalScrollBar().isVisibleTo(w)]
    for widget in held:
        widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    return held


def _let_go(held: list[QPlainTextEdit | QTextEdit], last: list[QSize] | None = None, rounds: int = 0,
            typing: QPlainTextEdit | QTextEdit | None = None) -> None:
    """Let the held boxes' bars go once their sizes have stopped changing: the notes panel fits
    its column again a round after each layout (workshop/page.py _SideScroll.fit), and a box let
    go at a passing width kept its bar hidden there (CI under load: 298 pixels, then 284). Then
    the box being typed in shows its cursor again (`_show_cursor`)."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # every new size laid out first
    live = [widget for widget in held if shiboken6.isValid(widget)]
    if typing is not None and not shiboken6.isValid(typing):
        typing = None
    sizes = [widget.size() for widget in live]
    if typing is not None and typing not in live:
        sizes.append(typing.size())
    if sizes != last and rounds < 20:
        QTimer.singleShot(0, lambda: _let_go(live, sizes, rounds + 1, typing))
        return
    for widget in live:
        widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    if typing is not None:
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the bar's coming or going laid out
        _show_cursor(typing)


def _show_cursor(box: QPlainTextEdit | QTextEdit) -> None:
    """The text laid out again in the new type or padding kept its scroll position in lines, so the
    cursor at the end of a note longer than its box was left below sight (play-through 11): the box
    scrolls to its cursor, and each scroll area round it (the notes panel at 1024 with Large text)
    to the box's cursor line."""
    if not box.isVisible() or QApplication.focusWidget() is not box:
        return  # the keyboard went elsewhere meanwhile: nothing is being typed here
    box.ensureCursorVisible()
    line = box.cursorRect()
    parent = box.parentWidget()
    while parent is not None:
        inner = parent.widget() if isinstance(parent, QScrollArea) else None
        if isinstance(parent, QScrollArea) and inner is not None and inner.isAncestorOf(box):
            centre = box.viewport().mapTo(inner, line.center())
            parent.ensureVisible(centre.x(), centre.y(), 0, line.height())
        parent = parent.parentWidget()


# Greys some screens use for quiet text of their own: black in high contrast.
_QUIET_GREYS = {"#6b6b6b": "#000000", "#8c8c8c": "#4a4a4a"}
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b")


def _colour_map(to_high: bool) -> dict[str, str]:
    if to_high:
        pairs = [(NORMAL_PALETTE[k].lower(), HIGH_CONTRAST_PALETTE[k]) for k in NORMAL_PALETTE]
        return dict(pairs) | _QUIET_GREYS
    back: dict[str, str] = {}
    for key in ("INK", "LINE", *NORMAL_PALETTE):  # black was text, dark grey a hairline, most often
        back.setdefault(HIGH_CONTRAST_PALETTE[key].lower(), NORMAL_PALETTE[key])
    return back


def recolour(sheet: str, to_high: bool) -> str:
    """A widget's own stylesheet in the other palette (one pass: no colour is changed twice)."""
    mapping = _colour_map(to_high)
    return _HEX_COLOUR.sub(lambda m: mapping.get(m.group(0).lower(), m.group(0)), sheet)


def _recolour_sheet(widget: QWidget, was_high: bool, high: bool) -> None:
    """Give a widget's own stylesheet (a caption's grey, a warning's fill) the palette's colours.

    The sheet the widget set itself is kept with the palette it was written in, so switching back
    restores it exactly; a sheet the widget set again since is taken as its new own one.
    """
    sheet = widget.styleSheet()
    if not sheet:
        return
    if sheet != widget.property("lookSheet"):
        widget.setProperty("lookBase", sheet)
        widget.setProperty("lookBaseHigh", was_high)
    base = str(widget.property("lookBase"))
    new = base if bool(widget.property("lookBaseHigh")) == high else recolour(base, high)
    widget.setProperty("lookSheet", new)
    if new != sheet:
        widget.setStyleSheet(new)
