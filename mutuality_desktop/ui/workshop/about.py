"""What the factor is about: the opening question, the description, the questions to ask, the
evidence to ask for (by level from framework 2.0), what it takes to reach the next level, and where
the factor sits in ISO 44001 and the NAO contract management framework.

A factor from a 1.x framework snapshot has no opening question, prompts or crosswalk; those
sections are simply left out, so an old engagement shows exactly the text it was scored against.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtWidgets import QTextBrowser, QWidget

from .. import theme

HEAD = f"color:{theme.MUTED}; font-weight:600; letter-spacing:1px; margin-top:14px;"
LIST = "margin-left:-18px; line-height:135%"


def _section(title: str, body: str) -> str:
    return f"<p style='{HEAD}'>{escape(title)}</p>{body}"


def _items(texts: Any) -> str:
    return f"<ul style='{LIST}'>" + "".join(f"<li>{escape(t)}</li>" for t in texts) + "</ul>"


def _evidence(factor: Any) -> str:
    extras = factor.extras
    if not extras.level_evidence:
        return _items(factor.evidence)
    rows = "".join(
        f"<li><b>Level {level}</b> · {escape(text)}</li>" for level, text in extras.level_evidence
    )
    return f"<ul style='{LIST}'>{rows}</ul>"


def _next_level(factor: Any) -> str:
    prompts = factor.extras.next_level
    if not prompts:
        return ""
    rows = "".join(
        f"<li><b>From {level} to {level + 1}</b> · {escape(prompts[level])}</li>" for level in sorted(prompts)
    )
    return _section("TO REACH THE NEXT LEVEL", f"<ul style='{LIST}'>{rows}</ul>")


def crosswalk_html(factor: Any) -> str:
    """Where the factor sits in ISO 44001:2017 and the NAO framework ('' for a 1.x factor)."""
    cw = factor.extras.crosswalk
    if cw is None:
        return ""
    lines = [
        ("ISO 44001:2017 clauses", cw.named("iso44001_clauses")),
        ("ISO 44001:2017 lifecycle stages", cw.named("iso44001_stages")),
        ("NAO good practice contract management framework", cw.named("nao_areas")),
    ]
    rows = "".join(f"<li><b>{escape(name)}</b>: {escape('; '.join(items))}</li>" for name, items in lines)
    return _section("WHERE THIS FACTOR SITS", f"<ul style='{LIST}'>{rows}</ul>")


def factor_html(factor: Any) -> str:
    """Return the factor's text as simple, escaped HTML."""
    opening = ""
    if factor.opening_question:
        opening = (
            f"<p style='{HEAD} margin-top:0'>OPEN WITH</p>"
            f"<p style='font-size:120%; color:{theme.ACCENT_DARK}; line-height:130%'>"
            f"{escape(factor.opening_question)}</p>"
        )
    return (
        opening
        + f"<p style='line-height:135%'>{escape(factor.description)}</p>"
        + _section("QUESTIONS TO ASK", _items(factor.questions))
        + _section("EVIDENCE TO ASK FOR", _evidence(factor))
        + _next_level(factor)
        + crosswalk_html(factor)
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
