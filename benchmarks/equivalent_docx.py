"""The demo report's own story written as a .docx, for LibreOffice to convert: the same headings,
paragraphs, tables (every cell's text), charts (as 150 dpi PNGs) and page breaks.

This is the "equivalent docx" of the whole-process report figure: LibreOffice converts the same
document we build, so the ratio compares like with like. Needs python-docx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _text(flowable: Any) -> str:
    """The plain text of a cell or flowable, as best it can be read."""
    if isinstance(flowable, str):
        return flowable
    if isinstance(flowable, (list, tuple)):
        return " ".join(filter(None, (_text(f) for f in flowable)))
    if hasattr(flowable, "getPlainText"):
        return str(flowable.getPlainText())
    if hasattr(flowable, "text") and isinstance(flowable.text, str):
        return flowable.text
    if hasattr(flowable, "title") and isinstance(flowable.title, str):
        return flowable.title
    if hasattr(flowable, "chips"):
        return " ".join([c.text for _, c in flowable.chips] + list(flowable.notes))
    return ""


def write_equivalent_docx(data: Any, folder: Path) -> Path:
    import docx  # type: ignore[import-not-found]
    from docx.shared import Pt
    from matplotlib.figure import Figure
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Table

    from mutuality_desktop.core.branding import profile_from_engagement
    from mutuality_desktop.core.charts.radar import dimension_radar, factor_radar
    from mutuality_desktop.core.report.build import story
    from mutuality_desktop.core.report.document import MARGIN_X, Heading, page_size
    from mutuality_desktop.core.report.fonts import register_fonts
    from mutuality_desktop.core.report.radar import RadarFlowable
    from mutuality_desktop.core.report.styles import make_styles

    register_fonts()
    branding, _ = profile_from_engagement(data.branding_json)
    styles = make_styles(branding, frame_width=page_size("a4")[0] - 2 * MARGIN_X)
    doc = docx.Document()
    charts = 0

    def add(flowable: Any) -> None:
        nonlocal charts
        if isinstance(flowable, PageBreak):
            doc.add_page_break()
        elif isinstance(flowable, Heading):
            doc.add_heading(flowable.getPlainText(), min(flowable.outline_level + 1, 4))
        elif isinstance(flowable, Paragraph):
            doc.add_paragraph(flowable.getPlainText())
        elif isinstance(flowable, Table):
            rows = flowable._cellvalues
            cols = max((len(r) for r in rows), default=0)
            if not rows or not cols:
                return
            if all(isinstance(c, (list, tuple, Table, KeepTogether)) for r in rows for c in r if c):
                for row in rows:  # a layout table (side by side): its contents, in order
                    for cell in row:
                        for item in cell if isinstance(cell, (list, tuple)) else [cell]:
                            add(item)
                return
            table = doc.add_table(rows=len(rows), cols=cols)
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = _text(cell)
        elif isinstance(flowable, KeepTogether):
            for item in flowable._content:
                add(item)
        elif isinstance(flowable, RadarFlowable):  # the same chart, drawn by matplotlib as a PNG
            charts += 1
            png = folder / f"chart{charts}.png"
            figure = Figure(figsize=(flowable.width / 72, flowable.height / 72))
            rounds = [(r.label, r.scores) for r in data.rounds[-2:]]
            dim = flowable.series.dimension_id
            if dim is None:
                dimension_radar(data.framework, rounds, figure=figure)
            else:
                factor_radar(data.framework, rounds[-1:], dimension_id=dim, figure=figure)
            figure.savefig(png, dpi=150)
            doc.add_picture(str(png), width=Pt(flowable.width))
        else:
            text = _text(flowable)
            if text:
                doc.add_paragraph(text)

    for flowable in story(data, styles):
        add(flowable)
    path = folder / "equivalent.docx"
    doc.save(path)
    return path
