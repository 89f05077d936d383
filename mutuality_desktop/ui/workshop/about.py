"""What the factor is about: its description, the questions to ask and the evidence to ask for."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtWidgets import QTextBrowser, QWidget

from .. import theme


def factor_html(factor: Any) -> str:
    """Return the factor's text as simple, escaped HTML."""
    questions = "".join(f"<li>{escape(q)}</li>" for q in factor.questions)
    evidence = "".join(f"<li>{escape(e)}</li>" for e in factor.evidence)
    head = f"color:{theme.MUTED}; font-weight:600; letter-spacing:1px; margin-top:14px;"
    return (
        f"<p style='line-height:135%'>{escape(factor.description)}</p>"
        f"<p style='{head}'>QUESTIONS TO ASK</p>"
        f"<ul style='margin-left:-18px; line-height:135%'>{questions}</ul>"
        f"<p style='{head}'>EVIDENCE TO ASK FOR</p>"
        f"<ul style='margin-left:-18px; line-height:135%'>{evidence}</ul>"
    )


class FactorAbout(QTextBrowser):
    """A read-only, scrollable page about the current factor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setAccessibleName("About this factor")
        self.document().setDocumentMargin(16)

    def show_factor(self, factor: Any) -> None:
        self.setHtml(factor_html(factor))
