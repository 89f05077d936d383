"""Help → Scoring rules: the scale, how to score, how scores add up, how to run the day, sources.

It shows the framework of the open engagement (its own snapshot, so a file scored on 1.0.1 shows
1.0.1's scale), or the bundled framework when nothing is open. A 1.x framework has no written
rules; the dialog says so instead of showing rules the room did not score by.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..core.framework import Framework, default_framework
from . import theme

if TYPE_CHECKING:
    from .main_window import MainWindow

H2 = f"color:{theme.ACCENT_DARK}; font-size:125%; font-weight:600; margin-top:18px;"
BODY = "line-height:135%;"


def _notes(title: str, notes: Any) -> str:
    rows = "".join(f"<p style='{BODY}'><b>{escape(n.title)}.</b> {escape(n.text)}</p>" for n in notes)
    return f"<p style='{H2}'>{escape(title)}</p>{rows}"


def _scale(framework: Framework) -> str:
    rows = "".join(
        f"<tr><td style='padding:4px 10px 4px 0'><b>{lv.value} {escape(lv.name)}</b></td>"
        f"<td style='padding:4px 0; {BODY}'>{escape(lv.summary)}</td></tr>"
        for lv in framework.scale.levels
    )
    na = escape(framework.scale.not_assessed_label)
    return (f"<p style='{H2}'>The scale</p><table>{rows}</table>"
            f"<p style='{BODY}'><b>{na}</b> is kept apart from 0 and left out of every average.</p>")


def _dimensions(framework: Framework) -> str:
    rows = "".join(
        f"<p style='{BODY}'><b>{escape(d.name)} ({len(d.factors)} factors).</b> {escape(d.factor_count_note)}</p>"
        for d in framework.dimensions if d.factor_count_note
    )
    return f"<p style='{H2}'>Why each dimension has the factors it has</p>{rows}" if rows else ""


def rules_html(framework: Framework) -> str:
    """Return the framework's rules and guidance as simple, escaped HTML."""
    head = f"<p style='color:{theme.MUTED}'>{escape(framework.title)}, version {escape(framework.version)}</p>"
    guide = framework.guide
    if guide is None:
        return head + _scale(framework) + (
            f"<p style='{BODY}'>This engagement was scored against version {escape(framework.version)} "
            "of the framework, which has no written scoring rules, aggregation or facilitator "
            "guidance. Later versions add them; this engagement keeps the guide it was scored "
            "against so that its scores mean what they meant on the day.</p>"
        )
    sources = "".join(
        f"<li style='{BODY}'><b>{escape(s.title)}.</b> {escape(s.use)}</li>" for s in guide.sources
    )
    changes = "".join(
        f"<p style='{BODY}'><b>{escape(e.version)} ({escape(e.date)}).</b> {escape(e.summary)}</p>"
        + "<ul>" + "".join(f"<li style='{BODY}'>{escape(c)}</li>" for c in e.changes) + "</ul>"
        for e in guide.change_log
    )
    return (
        head + _scale(framework)
        + _notes("How to score", guide.scoring_rules)
        + _notes("How scores add up", guide.aggregation)
        + _notes("Running the day", guide.facilitator_guidance)
        + _dimensions(framework)
        + f"<p style='{H2}'>Sources</p><ul style='margin-left:-18px'>{sources}</ul>"
        + f"<p style='{H2}'>Change log</p>{changes}"
    )


class ScoringRulesDialog(QDialog):
    """A non-modal, resizable window with the framework's rules; it can stay open beside the guide."""

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Scoring rules — framework {framework.version}")
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.setAccessibleName("Scoring rules")
        self.text.document().setDocumentMargin(18)
        self.text.setHtml(rules_html(framework))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(760, 640)


def show_scoring_rules(window: MainWindow) -> ScoringRulesDialog:
    """Help → Scoring rules: the open engagement's own framework, or the bundled one."""
    doc = window.doc
    framework = doc.engagement.framework if doc is not None else default_framework()
    dialog = ScoringRulesDialog(framework, window)
    dialog.show()
    return dialog
