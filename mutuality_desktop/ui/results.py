"""The Results page: radar charts, perception gaps, strengths, priorities and coverage of a round."""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure
from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QImage, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import scoring
from ..core.agreement import split_not_agreed
from ..core.charts.describe import describe, save_svg
from ..core.charts.radar import ChartStyle, RadarChart, RoundScores, dimension_radar, factor_radar
from ..core.engagement import Engagement
from ..core.framework import MUTUALITY, Framework, default_framework
from ..core.framework_guide import newer_guide_note, rounds_version_sentence
from ..core.framework_move import compared_guides
from ..core.report.basis import like_for_like_sentence
from ..core.scope import RoundCount, outside_scope, round_count, scope_completeness
from ..core.scoring import Gap, Ranked
from ..core.spread import factor_spreads
from . import framework_move as guide_move
from . import theme
from .chart_canvas import ChartCanvas
from .chart_text import name_chart
from .flow_row import FlowRow
from .results_presentation import factor_key
from .results_spread import SpreadSection
from .results_table import ResultsTable

_Index = QModelIndex | QPersistentModelIndex
_MUTED = "#6b6b6b"


def _muted() -> str:
    """Quiet text in the findings' rich text: grey, black in high contrast (View -> High contrast)."""
    return "#000000" if theme.high_contrast else _MUTED

_NO_GAPS_YET = "Gaps appear once both sides have scored a factor."
_SIDES = {"client": ("Client view", "Client"), "provider": ("Provider view", "Provider")}  # whole, short
_ROW_GAP = 8  # between the header's items
_COPY, _SAVE = ("Copy chart", "Copy"), ("Save chart…", "Save…")  # whole and short (a narrow header)
_SAME_EVERYWHERE = "None: the two sides give the same level on every factor both have scored."


class GapTableModel(QAbstractTableModel):
    """Client-versus-provider perception gaps, largest first, as scoring.perception_gaps gives them."""

    HEADERS = ("Factor", "Client", "Provider", "Gap")
    HEADER_TIPS = ("", "The client's own level", "The provider's own level",
                   "Which side rates the factor higher, and by how many levels")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gaps: list[Gap] = []

    def set_gaps(self, gaps: Sequence[Gap]) -> None:
        self.beginResetModel()
        self._gaps = list(gaps)
        self.endResetModel()

    def gaps(self) -> list[Gap]:
        return list(self._gaps)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._gaps)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        gap, column = self._gaps[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                gap.factor.name,
                str(gap.client),
                str(gap.provider),
                ("Client" if gap.gap > 0 else "Provider") + f" +{gap.size}" if gap.gap else "Same",
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if not gap.gap:
                return "Both sides give the same level."
            higher = "client" if gap.gap > 0 else "provider"
            plural = "s" if gap.size > 1 else ""
            return f"The {higher} rates this {gap.size} level{plural} higher."
        if role == Qt.ItemDataRole.ForegroundRole and not gap.gap:
            return QColor(_muted())
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS[section] or None
        return None


class _ChartPane(QWidget):
    """One radar on a canvas wrapping the core figure, with its overlay check boxes."""

    views_changed = Signal()

    def __init__(
        self, chart: RadarChart, overlays: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.chart = chart
        self.canvas = ChartCanvas(chart)
        self.canvas.setMinimumSize(320, 320)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.mpl_connect("resize_event", lambda _event: self._on_canvas_resized())
        self.toggles: dict[str, QCheckBox] = {}
        row = FlowRow()  # wraps rather than widens the page (Large text on a 1024 projector)
        row.setContentsMargins(8, 0, 8, 0)
        row.addWidget(QLabel("Show also:"))
        for series, text in (("client", _SIDES["client"][0]), ("provider", _SIDES["provider"][0])):
            box = QCheckBox(text)
            box.setAccessibleName(text)  # whole whichever text it shows (_fit_options)
            box.setChecked(series in overlays)
            box.toggled.connect(self._on_toggle_toggled)
            self.toggles[series] = box
            row.addWidget(box)
        row.keep_right_from_here()
        self.name = ""
        self.rounds: list[RoundScores] = []  # what the chart was last updated with (the table reads them)
        self.table = ResultsTable("Chart")
        self.table.hide()
        self.as_table = QCheckBox("Show as &table")
        self.as_table.toggled.connect(self._on_as_table_toggled)
        row.addWidget(self.as_table)
        self._row = row
        # A chart too small for factor names numbers its spokes: the key below it names them. Chart
        # and key scroll together, so the key is reachable however little room Large text leaves
        # (play-through 7: at 1024x768 the numbers showed and nothing said what they meant).
        self.key_names: list[str] = []
        self.key = QLabel()
        self.key.setAccessibleName("Key to the numbered factors")
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setContentsMargins(12, 4, 8, 8)
        self.key.hide()
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.canvas, 1)
        inner.addWidget(self.key, 0)
        self.chart_area = QScrollArea()
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart_area.setWidget(body)
        # A Tab stop (arrow keys and Page Down reach the key below a numbered radar): named for
        # screen readers.
        self.chart_area.setAccessibleName("Chart and its key")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.chart_area, 1)
        layout.addWidget(self.table, 1)
        self.stale = False
        self.apply_look()

    def check_boxes(self) -> list[QCheckBox]:
        return [*self.toggles.values(), self.as_table]

    def apply_look(self) -> None:
        """Size the check boxes' squares to the text (View -> Large text): Qt's stay 13 px."""
        side = max(13, round(QFontMetrics(theme.font()).height() * 0.9))
        for box in self.check_boxes():
            box.setStyleSheet(f"QCheckBox::indicator {{ width: {side}px; height: {side}px; }}")
        self.update_key()
        QTimer.singleShot(0, self, self._fit_options)  # the type's new size may not change the pane's
        QTimer.singleShot(0, self, self.table.fit_columns)  # nor the table's: its columns fit the new type

    def set_key_names(self, names: Sequence[str]) -> None:
        """The names a numbered chart's key lists, spoke by spoke."""
        self.key_names = list(names)
        self.update_key()

    def update_key(self) -> None:
        """Show the key, in the page's own type (Large text too), while the chart numbers its spokes."""
        numbered = bool(self.chart.compact and self.key_names)
        if numbered:
            self.key.setFont(theme.font())
            # "(not agreed)" where so, on a line of its own: beside the name it ran off a 1024 pane
            self.key.setText(factor_key([_note_below(n) for n in self.chart.series.key_names()]))
        if numbered != self.key.isVisibleTo(self):
            self.key.setVisible(numbered)
        self._fit_canvas()

    def _fit_canvas(self) -> None:
        """With the key showing, the chart keeps the whole view and the key is a scroll below it; the
        chart is then taller than wide, so its legend's rows below the circle leave the circle most
        of the width (play-through 7: at 1024x768 with Large text it was 100 px across)."""
        keyed = self.key.isVisibleTo(self)
        wide = self.chart_area.width() - self.chart_area.verticalScrollBar().sizeHint().width()  # the bar shows
        seen = self.chart_area.viewport().height()
        # taller only where the view is about square: a wide view's circle is as tall as the view
        stretch = round(1.3 * wide) if wide < 1.2 * seen else 0
        tall = max(320, seen, stretch) if keyed else 320
        if self.canvas.minimumHeight() != tall:
            self.canvas.setMinimumHeight(tall)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_options()
        self._fit_canvas()

    def _fit_options(self) -> None:
        """The options on one line where they fit; else "Client" and "Provider" for the sides' views
        if that fits them (Large text on a 1024 projector: "Show as table" was alone on a line)."""
        width = self.width()
        if width <= 0:
            return
        for short in (False, True):
            for series, box in self.toggles.items():
                text = _SIDES[series][1 if short else 0]
                if box.text() != text:
                    box.setText(text)
            if self._row.sizeHint().width() <= width:  # all on one line, margins included
                return
        for series, box in self.toggles.items():  # wrapped all the same: the whole names
            box.setText(_SIDES[series][0])

    def set_name(self, name: str) -> None:
        self.name = name
        self.table.setAccessibleName(f"{name} as a table")
        self.describe()

    def describe(self) -> None:
        """Keep the canvas's spoken description and the table in step with the chart."""
        name_chart(self.canvas, self.name, self.chart)
        self.table.show_chart(self.chart, self.rounds)

    def _on_as_table_toggled(self, checked: bool) -> None:
        self.chart_area.setVisible(not checked)
        self.canvas.setVisible(not checked)
        self.table.setVisible(checked)

    def _on_canvas_resized(self) -> None:
        w, h = (float(v) for v in self.chart.figure.get_size_inches())
        shown = self.chart_area.viewport().height()
        canvas = max(1, self.canvas.height())
        self.chart.view_size = (w, h * shown / canvas) if shown < canvas else None
        self.chart.relayout()
        self.update_key()

    def overlays(self) -> frozenset[str]:
        """The sides' views ticked: of client and provider."""
        return frozenset(s for s, box in self.toggles.items() if box.isChecked())

    def set_overlays(self, overlays: frozenset[str]) -> None:
        """Tick these sides' views (as ticked on the other chart) and show them, without a signal."""
        if overlays == self.overlays():
            return
        for series, box in self.toggles.items():
            box.blockSignals(True)
            box.setChecked(series in overlays)
            box.blockSignals(False)
        self._show_overlays()

    def _on_toggle_toggled(self, _checked: bool) -> None:
        self._show_overlays()
        self.views_changed.emit()

    def _show_overlays(self) -> None:
        shown = {"agreed", "previous"} | self.overlays()
        # the key (and the scroll bar beside it) go until the chart is laid out again at its full
        # width: fewer views may leave room for the names again
        self.key.hide()
        self._fit_canvas()
        self.chart.show(shown)
        QTimer.singleShot(0, self, self.update_key)
        self.describe()
        if self.isVisible():
            self.canvas.draw_idle()  # type: ignore[no-untyped-call]
        else:
            self.stale = True  # drawn when its tab is shown

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.stale:  # changed while hidden: draw now it is on screen
            self.stale = False
            self.canvas.draw_idle()  # type: ignore[no-untyped-call]


def _note_below(name: str) -> str:
    """A key's "Joint knowledge management strategy (not agreed)" with the note under the name."""
    head, sep, note = name.rpartition(" (")
    return f"{head}\n{chr(0xA0) * 4}({note}" if sep else name


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)  # a long heading must not set the window's minimum width
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _dimension_coverage(framework: Framework, scores: scoring.Scores, dimension_id: str,
                        counted: scoring.Completeness) -> str:
    """'Economy 4/4, 1 not applicable', 'Economy 2/5 provisional' (below three in five agreed)."""
    dim = framework.dimension(dimension_id)
    score = scoring.dimension_score(dim, scoring.levels_of(scores))
    text = f"{html.escape(dim.name)} {counted.agreed}/{counted.total}"
    if counted.provisional:  # of the factors in the round, as counted: not the whole dimension
        text += " <b>provisional</b>"
    if score.not_applicable:
        text += f", {score.not_applicable} not applicable"
    return text


GAP_INDEX_DEFINITION = ("Perception-gap index: for a dimension, the mean size of the client–provider gaps over the "
                        "factors both sides gave a level (0: they saw every such factor alike). A dimension is "
                        "provisional while fewer than three in five of its applicable factors are agreed.")


def _gap_index_line(framework: Framework, scores: scoring.Scores, scope: tuple[str, ...]) -> str:
    parts = []
    for dim in framework.workshop_order():
        index = scoring.perception_gap_index(framework, scores, dim.id)
        if dim.id in scope and index.value is not None:
            parts.append(f"{html.escape(dim.name)} {index.value:.1f}")
    if not parts:
        return ""
    return (f"<br>Perception-gap index: {' · '.join(parts)}"
            f"<br><span style='color:{_muted()}'>{html.escape(GAP_INDEX_DEFINITION)}</span>")


def _not_applicable_lines(framework: Framework, scores: scoring.Scores) -> str:
    """'Not applicable in this round: Joint exit strategy (“the room's reason, as typed”)', in the
    form of the Not agreed line above it; "Joint exit strategy: Not applicable: Covered by…" read
    as a doubled colon (play-through 7)."""
    from ..core.applicability import marks

    lines = [f"<br>Not applicable in this round: {html.escape(framework.factor(f).name)} "
             f"(\u201c{html.escape(r)}\u201d)"
             for f, r in marks(scores).items() if framework.has_factor(f)]
    return "".join(lines)


def _ranked_text(items: Sequence[Ranked], framework: Framework, empty: str) -> str:
    if not items:
        return f"<span style='color:{_muted()}'>{html.escape(empty)}</span>"
    rows = []
    for r in items:
        level = html.escape(framework.scale.name_of(r.level))
        rows.append(
            f"<tr><td style='padding-right:10px'><b>{r.level}</b> {level}</td>"
            f"<td>{html.escape(r.factor.name)}</td></tr>"
        )
    return f"<table cellspacing='2'>{''.join(rows)}</table>"


class ResultsPage(QWidget):
    """Charts and findings of one round; refresh() after every score keeps them current."""

    round_chosen = Signal(int)  # the facilitator picked another round here
    move_guide_requested = Signal()  # "Move this engagement to guide X..." (issue 21; the window asks)

    def __init__(
        self, parent: QWidget | None = None, chart_style: ChartStyle | None = None
    ) -> None:
        super().__init__(parent)
        self._engagement: Engagement | None = None
        self._round_id: int | None = None
        self._style = chart_style or ChartStyle()
        self.dimension_pane: _ChartPane | None = None
        self.factor_pane: _ChartPane | None = None
        self.presentation: Any = None  # ResultsPresentation while F11 shows the charts to the room
        self._newer_note: tuple[Framework, str] | None = None  # the file's guide, the note about it
        self._write_findings: Callable[[], None] | None = None  # rewrites the findings' text
        self._factor_count: RoundCount | None = None  # what the Mutuality tab counts
        self._fitted = False  # the splitter shared out for this screen and type size
        self._overlays: frozenset[str] = frozenset()  # the sides' views ticked, one choice for both charts
        self.gap_model = GapTableModel(self)
        self._stack = QStackedWidget(self)
        empty = QLabel("Open an engagement to see its results.")
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack.addWidget(empty)
        self._stack.addWidget(self._build_content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

    # --- public -------------------------------------------------------------------------------

    @property
    def dimension_chart(self) -> RadarChart | None:
        return self.dimension_pane.chart if self.dimension_pane else None

    @property
    def factor_chart(self) -> RadarChart | None:
        return self.factor_pane.chart if self.factor_pane else None

    def set_engagement(self, engagement: Engagement | None, round_id: int | None = None) -> None:
        """Show an engagement (None: nothing) at a round; its latest round when none is given."""
        self._engagement = engagement
        if self.presentation is not None:
            self.presentation.close()
            self.presentation = None
        if engagement is None:
            self._round_id = None
            self._stack.setCurrentIndex(0)
            return
        self._round_id = round_id if round_id is not None else engagement.rounds()[-1].id
        self._build_charts(engagement.framework)
        self._stack.setCurrentIndex(1)
        self.refresh()

    def apply_look(self) -> None:
        """View -> High contrast: the findings' quiet text is rich text, so write it again (from
        what was last shown: the engagement may be closed by now). Large text: share the width
        out again."""
        if self._write_findings is not None:
            self._write_findings()
        if self._fitted:
            QTimer.singleShot(0, self, self.fit_panels)

    def fit_panels(self) -> None:
        """Share the width between the chart and the findings: on a narrow screen with Large text
        the findings get half, so the gap table's factor names have room (play-through 2: at 1024
        the findings were a 290-pixel column, the table scrolled sideways, its names cut)."""
        width = self._splitter.width()
        if width <= 0:
            return
        self._fitted = True
        share = 0.5 if (width < 1200 and theme.text_scale() > 1) else 0.56
        self._splitter.setSizes([round(width * share), width - round(width * share)])
        self._fit_tab_texts()
        self._fit_header()

    def _fit_tab_texts(self) -> None:
        """Whole tab names where they fit ("Mutuality (14 of 15 factors)"), else short ones
        ("Mutuality (14 of 15)"): no scroll arrows, nothing cut; the tooltip says it in full."""
        bar = self.tabs.tabBar()
        if self.factor_pane is None or self.dimension_pane is None:
            return
        names = self._tab_names()
        style_room = 2 * bar.fontMetrics().horizontalAdvance("M") + 24  # a tab's padding
        whole = sum(bar.fontMetrics().horizontalAdvance(long) + style_room for long, _ in names)
        fits = whole <= self.tabs.width()
        for index, (long, short) in enumerate(names):
            text = long if fits else short
            if bar.tabText(index) != text:
                bar.setTabText(index, text)

    def _tab_names(self) -> list[tuple[str, str]]:
        """Each chart tab's (whole, short) name."""
        fw = self.dimension_chart.framework if self.dimension_chart is not None else default_framework()
        counted = self._factor_count
        if counted is None:
            mutuality = fw.dimension(MUTUALITY)
            factor_names = (f"{mutuality.name} ({len(mutuality.factors)} factors)", mutuality.name)
        else:
            label = counted.label()
            short = label.removesuffix(" factors") if counted.in_scope else label
            factor_names = (f"{counted.dimension.name} ({label})", f"{counted.dimension.name} ({short})")
        return [(f"Value for money ({len(fw.dimensions)} dimensions)", "Value for money"), factor_names]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_tab_texts()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._chart_side and event.type() == QEvent.Type.Resize:
            self._fit_header()
        return False

    def _fit_header(self) -> None:
        """The title, round and buttons on one line where they fit, the buttons' short names
        ("Copy", "Save…") if that makes them fit; else (Large text on a 1024 projector) the buttons
        under the title as one group, in whole names where that line has room for them."""
        margins = self._chart_side_layout.contentsMargins()
        width = self._chart_side.width() - margins.left() - margins.right()
        if width <= 0:
            return
        # measured on the widgets: the row's own hint for the buttons' group is brought up to date
        # only once Qt next lays it out
        lead = [w for w in (self._title, self._round_label, self.round_combo) if not w.isHidden()]
        lead_width = sum(w.sizeHint().width() + _ROW_GAP for w in lead)
        for short in (False, True):
            self._name_buttons(short)
            if lead_width + self._actions.sizeHint().width() <= width:  # all on one line
                return
        self._name_buttons(short=False)  # on a line of their own: whole names if they fit
        if self._actions.sizeHint().width() > width:
            self._name_buttons(short=True)

    def _name_buttons(self, short: bool) -> None:
        for button, names in ((self._copy, _COPY), (self._save, _SAVE)):
            text = names[1] if short else names[0]
            if button.text() != text:
                button.setText(text)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._fitted:
            QTimer.singleShot(0, self, self.fit_panels)

    def set_round(self, round_id: int) -> None:
        self._round_id = round_id
        self.refresh()

    def refresh(self) -> None:
        """Re-read the round's scores and update charts and findings in place."""
        eng, rid = self._engagement, self._round_id
        if eng is None or rid is None or self.dimension_pane is None or self.factor_pane is None:
            return
        rounds = self._round_scores(eng, rid)
        scores = rounds[-1][1]
        outside = outside_scope(eng, rid)  # drawn "not in this round", not as unscored
        for pane in (self.dimension_pane, self.factor_pane):
            pane.chart.set_out_of_scope(outside)
            pane.chart.update(rounds)
            pane.rounds = rounds
            pane.describe()
            pane.update_key()  # the key says which factor the room did not agree
            pane.stale = True
        self._redraw_visible()
        fw = eng.framework
        both = scoring.perception_gaps(fw, scores)
        # Headed "where the two sides' own levels differ": a factor they level alike is not a gap.
        self.gap_model.set_gaps([g for g in both if g.gap])
        self._no_gaps.setText(_SAME_EVERYWHERE if both else _NO_GAPS_YET)
        self._no_gaps.setVisible(self.gap_model.rowCount() == 0)
        self.gap_table.setVisible(self.gap_model.rowCount() > 0)
        scope, excluded, compared = eng.scope(rid), eng.excluded_factors(rid), len(rounds) > 1
        self._show_factor_count(round_count(fw, scores, scope, excluded, MUTUALITY), rounds[-1][0])

        def write_findings() -> None:
            self._strengths.setText(
                _ranked_text(scoring.strengths(fw, scores), fw, scoring.empty_list_note(fw, scores, True))
            )
            self._priorities.setText(
                _ranked_text(scoring.priorities(fw, scores), fw, scoring.empty_list_note(fw, scores, False))
            )
            self._show_coverage(fw, scores, scope, excluded)
            self._show_guide_version(fw, compared=compared)
            if compared:  # issue 21: the comparison's base, with why any factor is left out
                (before_label, before), (after_label, after) = rounds[-2], rounds[-1]
                shown = self._guide_note.text()
                self._guide_note.setText((f"{shown}<br>" if shown else "") + _muted_text(
                    like_for_like_sentence(fw, before, after, before_label, after_label, charts=True)))
                self._guide_note.setVisible(True)

        self._write_findings = write_findings
        write_findings()
        self.spread_section.set_spreads(fw, factor_spreads(
            eng.participants(), eng.participant_scores(rid), [f.id for f in fw.factors]))
        self._fill_rounds(eng, rid)
        self._title.setText("Results:" if self.round_combo.isVisibleTo(self) else f"Results: {rounds[-1][0]}")
        self._fit_header()
        if self.presentation is not None and self.presentation.isVisible():
            self._present(rounds)

    def _show_factor_count(self, counted: RoundCount, round_label: str) -> None:
        """The Mutuality tab counts the factors the round assesses ("14 of 15 factors"), as the
        coverage beside it does; its tooltip names those left out or not applicable."""
        self._factor_count = counted
        if self.factor_pane is None:
            return
        tip = counted.explanation(round_label)  # as a paragraph, so that a long list of names wraps
        self.tabs.setTabToolTip(self.tabs.indexOf(self.factor_pane), f"<p>{html.escape(tip, quote=False)}</p>")
        self._fit_tab_texts()

    def toggle_presentation(self) -> None:
        """F11: both radars full screen for the room (on the second screen if there is one)."""
        if self._engagement is None:
            return
        if self.presentation is not None and self.presentation.isVisible():
            self.presentation.close()
            return
        from .results_presentation import ResultsPresentation

        if self.presentation is None:
            self.presentation = ResultsPresentation(self._engagement.framework, self._style, self.window())
        self.presentation.show_chart(self.tabs.currentIndex())
        self.presentation.open_full_screen()
        self.refresh()

    def _present(self, rounds: list[RoundScores]) -> None:
        assert self._engagement is not None
        info = self._engagement.info()
        if self.dimension_pane is not None and self.factor_pane is not None:
            self.presentation.set_shown(self.dimension_pane.chart.shown, self.factor_pane.chart.shown)
        counted = self._factor_count
        self.presentation.show_rounds(f"{info.client_organisation} and {info.provider_organisation}",
                                      f"Results: {rounds[-1][0]}", rounds,
                                      outside_scope(self._engagement, self._round_id or 0),
                                      None if counted is None else f"{counted.dimension.name}: {counted.label()}")

    def _on_pane_views_changed(self) -> None:
        """A side's view ticked or unticked on one chart is one choice for both charts (play-through
        11: ticked on one tab, it showed unticked on the other) and for the room."""
        pane = self.sender()
        if isinstance(pane, _ChartPane):
            self._overlays = pane.overlays()
            for other in (self.dimension_pane, self.factor_pane):
                if other is not None and other is not pane:
                    other.set_overlays(self._overlays)
        room = self.presentation
        if room is not None and self.dimension_pane is not None and self.factor_pane is not None:
            room.set_shown(self.dimension_pane.chart.shown, self.factor_pane.chart.shown)

    def _fill_rounds(self, eng: Engagement, round_id: int) -> None:
        rounds = eng.rounds()
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for rnd in rounds:
            self.round_combo.addItem(rnd.label, rnd.id)
        self.round_combo.setCurrentIndex(max(0, self.round_combo.findData(round_id)))
        self.round_combo.blockSignals(False)
        self.round_combo.setVisible(len(rounds) > 1)

    def _on_round_combo_activated(self, index: int) -> None:
        round_id = self.round_combo.itemData(index)
        if round_id is not None and round_id != self._round_id:
            self.set_round(round_id)
            self.round_chosen.emit(round_id)

    # --- building -----------------------------------------------------------------------------

    def _build_content(self) -> QWidget:
        self._title = QLabel("Results")
        font = self._title.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self._title.setFont(font)
        copy = QPushButton(_COPY[0])
        copy.setToolTip("Copy the chart shown to the clipboard, to paste into a document or email")
        copy.clicked.connect(self._on_copy_clicked)
        save = QPushButton(_SAVE[0])
        save.setToolTip("Save the chart shown as a PNG picture or an SVG drawing")
        save.clicked.connect(self._on_save_clicked)
        for button, (whole, _short) in ((copy, _COPY), (save, _SAVE)):
            button.setAccessibleName(whole)  # whole whichever text the button shows
        self._copy, self._save = copy, save
        self.round_combo = QComboBox()
        self.round_combo.setAccessibleName("Round")
        self.round_combo.setToolTip("The round whose results are shown (with the round before it)")
        self.round_combo.activated.connect(self._on_round_combo_activated)
        # On Linux a screen reader names a combo box by its value, and by the label it is the buddy of.
        round_label = QLabel("&Round")
        round_label.setBuddy(self.round_combo)
        self._round_label_follower = _ShownWith(self.round_combo, round_label)
        header = FlowRow(spacing=_ROW_GAP)  # the buttons go under the title when the chart's side is narrow
        header.addWidget(self._title)
        header.addWidget(round_label)
        header.addWidget(self.round_combo)
        header.keep_right_from_here()
        present = QPushButton("Present")
        present.setToolTip("Both charts full screen for the room, on the second screen if there is one (F11)")
        present.setAccessibleName("Present")
        present.clicked.connect(self.toggle_presentation)
        # The three buttons wrap as one group: never Present alone on a line of its own (play-through
        # 11 at 1024x768); where the line is short they take short names first (_fit_header).
        self._actions = QWidget()
        actions = QHBoxLayout(self._actions)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.setSpacing(_ROW_GAP)
        for button in (copy, save, present):
            actions.addWidget(button)
        header.addWidget(self._actions)
        self._round_label = round_label
        self.tabs = QTabWidget()
        self.tabs.tabBar().setAccessibleName("Charts")
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.message = QLabel("")
        self.message.setStyleSheet(f"color: {_MUTED}")
        self.message.setWordWrap(True)
        left = QWidget()
        left.installEventFilter(self)  # its width decides the header's button names (_fit_header)
        self._chart_side = left
        lay = QVBoxLayout(left)
        lay.setContentsMargins(12, 8, 8, 8)
        self._chart_side_layout = lay
        lay.addLayout(header)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self._build_findings())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        # Shared in proportion: at 1024 wide the findings get about 440 px, so the gap table's
        # factor names wrap to two lines at most; at 1366 the chart still gets about 760.
        splitter.setSizes([560, 440])
        self._splitter = splitter
        return splitter

    def _build_findings(self) -> QWidget:
        self.gap_table = QTableView()
        self.gap_table.setModel(self.gap_model)
        self.gap_table.verticalHeader().hide()
        self.gap_table.setShowGrid(False)
        self.gap_table.setAlternatingRowColors(True)
        self.gap_table.setWordWrap(True)  # long factor names wrap instead of being cut
        self.gap_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.gap_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.gap_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.gap_table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.gap_table.setAccessibleName("Perception gaps")
        self.gap_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.gap_table.verticalHeader().setMinimumSectionSize(self.fontMetrics().height() + 8)
        header = self.gap_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self._no_gaps = QLabel(_NO_GAPS_YET)
        self._no_gaps.setWordWrap(True)
        self._no_gaps.setStyleSheet(f"color: {_MUTED}")
        self._strengths, self._priorities, self._coverage = QLabel(), QLabel(), QLabel()
        self._guide_note = QLabel()  # which version of the scoring guide the rounds were scored on
        self._guide_note.setAccessibleName("Scoring guide version")
        for label in (self._strengths, self._priorities, self._coverage, self._guide_note):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        panel = QWidget()
        lay = QVBoxLayout(panel)
        lay.setContentsMargins(8, 8, 12, 8)
        # Room for about five factors even where a narrow window wraps their names to two lines.
        self.gap_table.setMinimumHeight(9 * (self.fontMetrics().height() + 8))
        lay.addWidget(_heading("Coverage"))
        lay.addWidget(self._coverage)
        lay.addWidget(self._guide_note)
        self.move_guide = QPushButton()  # offered with the note that the app's guide is newer
        self.move_guide.setVisible(False)
        self.move_guide.clicked.connect(self.move_guide_requested.emit)
        lay.addWidget(self.move_guide, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addSpacing(6)
        lay.addWidget(_heading("Perception gaps (where the two sides' own levels differ, largest first)"))
        lay.addWidget(self._no_gaps)
        lay.addWidget(self.gap_table, 1)
        lay.addSpacing(6)
        lay.addWidget(_heading("Strengths"))
        lay.addWidget(self._strengths)
        lay.addSpacing(6)
        lay.addWidget(_heading("Improvement priorities"))
        lay.addWidget(self._priorities)
        lay.addSpacing(6)
        lay.addWidget(_heading("Spread of participants' own views (pre-work)"))
        self.spread_section = SpreadSection()
        lay.addWidget(self.spread_section, 1)
        # In a scroll area, so that no finding can make the window wider than the screen.
        scroll = QScrollArea()
        scroll.setWidget(panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName("Findings")
        return scroll

    def _build_charts(self, framework: Framework) -> None:
        """Create both charts for the engagement's framework, each on a canvas in its own tab."""
        if self.dimension_chart is not None and self.dimension_chart.framework == framework:
            return
        self.tabs.clear()
        for pane in (self.dimension_pane, self.factor_pane):
            if pane is not None:
                pane.deleteLater()
        # Both tabs show the same views, the agreed levels (and the round before) at first: the
        # sides' own views are a tick away on either, and ticked on one they are ticked on both
        # (play-through 2: Mutuality started with them ticked, value for money without; 11: a tick
        # on one tab showed unticked on the other). A new engagement keeps the ticks.
        sides = tuple(sorted(self._overlays))
        self.dimension_pane = _ChartPane(
            dimension_radar(framework, [], overlays=sides, style=self._style, figure=Figure(figsize=(7, 7))),
            sides,
        )
        self.factor_pane = _ChartPane(
            factor_radar(framework, [], perspectives=("agreed", *sides), style=self._style,
                         figure=Figure(figsize=(7, 7))), sides
        )
        for pane in (self.dimension_pane, self.factor_pane):
            pane.views_changed.connect(self._on_pane_views_changed)
        mutuality = framework.dimension(MUTUALITY)
        self.tabs.addTab(
            self.dimension_pane, f"Value for money ({len(framework.dimensions)} dimensions)"
        )
        self.tabs.addTab(self.factor_pane, f"{mutuality.name} ({len(mutuality.factors)} factors)")
        self.tabs.setTabToolTip(0, f"The {len(framework.dimensions)} value-for-money dimensions")
        self._fit_tab_texts()
        self.dimension_pane.set_name("Value for money by dimension")
        self.factor_pane.set_name(f"{mutuality.name} by factor")
        self.factor_pane.set_key_names([f.name for f in mutuality.factors])

    # --- data ---------------------------------------------------------------------------------

    @staticmethod
    def _round_scores(eng: Engagement, round_id: int) -> list[RoundScores]:
        """Return the previous round (if any) and the current round's scores, oldest first."""
        from ..core.snapshot import take_snapshot

        snap = take_snapshot(eng)
        known = any(r.round.id == round_id for r in snap.rounds)
        current = snap.round(round_id) if known else snap.latest()
        before = snap.previous(current.round.id)  # the one place the previous round is decided
        # The scores as read (not a plain dict copy): they carry the round's not-applicable marks.
        return [(r.label, r.scores) for r in (before, current) if r is not None]

    def _show_coverage(self, framework: Framework, scores: scoring.Scores,
                       scope: tuple[str, ...], excluded: frozenset[str] = frozenset()) -> None:
        """Agreed factors of the round's scope; the dimensions outside it are named, not counted."""
        counts = [c for _, c in scope_completeness(framework, scores, scope, excluded)]
        agreed, total = sum(c.agreed for c in counts), sum(c.total for c in counts)
        partly = sum(c.partly for c in counts)
        disputed = sum(c.not_agreed for c in counts)  # reached and not agreed: not "partly scored"
        not_agreed, missing = split_not_agreed(framework, scores, [f for c in counts for f in c.missing])
        parts = [f"<b>{agreed} of {total}</b> factors agreed"]
        if partly:
            parts.append(f"{partly} partly scored")
        if disputed:
            parts.append(f"{disputed} not agreed by the room")
        dims = [_dimension_coverage(framework, scores, d.id, c)
                for d, c in zip((d for d in framework.workshop_order() if d.id in scope), counts,
                                strict=True)]
        outside = [html.escape(d.name) for d in framework.workshop_order() if d.id not in scope]
        if outside:
            dims.append("not in this round: " + ", ".join(outside))
        text = ", ".join(parts) + f"<br><span style='color:{_muted()}'>{' · '.join(dims)}</span>"
        if missing and agreed:
            names = [html.escape(f.name) for f in missing[:4]]
            more = len(missing) - len(names)
            tail = f" and {more} more" if more else ""
            text += f"<br>Not yet agreed: {', '.join(names)}{tail}."
        if not_agreed:  # the room reached these and could not agree (guide 2.1)
            text += f"<br>{html.escape(not_agreed)}"
        text += _gap_index_line(framework, scores, scope) + _not_applicable_lines(framework, scores)
        self._coverage.setText(text)

    def _show_guide_version(self, fw: Framework, compared: bool) -> None:
        """Say which guide the compared rounds were scored on, and whether the app's own differs."""
        parts = [rounds_version_sentence(fw, *compared_guides(self._engagement, self._round_id))] if compared else []
        if self._newer_note is None or self._newer_note[0] is not fw:  # worked out once per file
            self._newer_note = (fw, newer_guide_note(fw, guide_move.app_guide()))
        newer = self._newer_note[1]
        eng = self._engagement
        self.move_guide.setText(guide_move.offer_text(guide_move.app_guide()) if newer else "")
        self.move_guide.setVisible(bool(newer) and eng is not None and not eng.readonly)
        if newer:
            parts.append(newer)
        self._guide_note.setText("<br>".join(_muted_text(p) for p in parts))
        self._guide_note.setVisible(bool(parts))

    def _redraw_visible(self) -> None:
        """Redraw the chart on screen, if any; a hidden one redraws when it is shown."""
        pane = self.tabs.currentWidget()
        if isinstance(pane, _ChartPane) and pane.stale and pane.isVisible():
            pane.stale = False
            pane.canvas.draw_idle()  # type: ignore[no-untyped-call]

    # --- chart export -------------------------------------------------------------------------

    def current_chart(self) -> RadarChart | None:
        pane = self.tabs.currentWidget()
        return pane.chart if isinstance(pane, _ChartPane) else None

    def _on_tabs_current_changed(self, _index: int) -> None:
        self._redraw_visible()

    def _on_copy_clicked(self) -> None:
        chart = self.current_chart()
        if chart is None:
            return
        buffer = io.BytesIO()
        chart.figure.savefig(buffer, format="png", dpi=200, facecolor="white")
        image = QImage.fromData(buffer.getvalue())
        QGuiApplication.clipboard().setImage(image)
        self.message.setText("Chart copied. Paste it into a document or an email.")

    def _on_save_clicked(self) -> None:
        chart = self.current_chart()
        if chart is None:
            return
        path, chosen = QFileDialog.getSaveFileName(
            self,
            "Save chart",
            str(self._suggested_path()),
            "PNG picture (*.png);;SVG drawing (*.svg)",
        )
        if path:
            self.save_chart(Path(path), svg="svg" in chosen.lower())

    def save_chart(self, path: Path, svg: bool = False) -> bool:
        """Save the chart shown; report the outcome on the page rather than in a dialog."""
        chart = self.current_chart()
        if chart is None:
            return False
        if path.suffix.lower() not in (".png", ".svg"):
            path = path.with_name(path.name + (".svg" if svg else ".png"))
        try:
            if path.suffix.lower() == ".svg":
                pane = self.tabs.currentWidget()
                name = pane.name if isinstance(pane, _ChartPane) else "Radar chart"
                save_svg(chart.figure, path, name, describe(chart))
            else:
                chart.figure.savefig(path, format="png", dpi=200, facecolor="white")
        except (OSError, ValueError) as exc:
            self.message.setText(f"The chart was not saved: {exc}.")
            return False
        self.message.setText(f"Chart saved to {path}.")
        return True

    def _suggested_path(self) -> Path:
        eng = self._engagement
        folder = eng.path.parent if eng is not None else Path.home()
        stem = eng.path.stem if eng is not None else "chart"
        kind = "dimensions" if self.tabs.currentIndex() == 0 else "mutuality"
        label = self._title.text().removeprefix("Results: ").strip()
        name = "".join(
            ch if ch.isalnum() or ch in " -_" else "_" for ch in f"{stem} {kind} {label}"
        )
        return folder / f"{name.strip()}.png"


def main(
    argv: Sequence[str] | None = None, opener: Callable[[Path], Engagement] | None = None
) -> int:
    """Show the page on its own: on a given engagement file (read-only) or on the demo engagement."""
    import sys
    import tempfile

    from PySide6.QtWidgets import QApplication

    from ..core.demo import build_demo

    args = list(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication([])
    if args:
        eng = (opener or (lambda p: Engagement.open(p, readonly=True)))(Path(args[0]))
    else:
        eng = build_demo(Path(tempfile.mkdtemp()) / "demo.mutuality")
    page = ResultsPage()
    page.set_engagement(eng)
    page.resize(1366, 768)
    page.show()
    code = app.exec()
    eng.close()
    return int(code)


if __name__ == "__main__":
    raise SystemExit(main())


class _ShownWith(QObject):
    """Show a label exactly while the widget it labels is shown (the round picker's "Round")."""

    def __init__(self, widget: QWidget, label: QWidget) -> None:
        super().__init__(widget)
        self._label = label
        label.setVisible(not widget.isHidden())
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self._label.setVisible(event.type() == QEvent.Type.ShowToParent)
        return False


def _muted_text(text: str) -> str:
    """A line of the guide note, literally and in the muted colour."""
    return f"<span style='color:{_muted()}'>{html.escape(text)}</span>"
