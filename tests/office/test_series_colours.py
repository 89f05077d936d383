"""One colour, marker and dash per series on screen, in the PDF report and in the Office charts:
a room that learned "orange squares = client" on the projector reads the printed report the same way."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from pptx import Presentation
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas

from mutuality_desktop.core.branding import BrandingProfile
from mutuality_desktop.core.charts.radar import factor_radar
from mutuality_desktop.core.charts.series import LOOKS
from mutuality_desktop.core.charts.style import ChartStyle, to_rgb
from mutuality_desktop.core.office.deck import write_pptx
from mutuality_desktop.core.office.workbook import write_xlsx
from mutuality_desktop.core.report import ReportData
from mutuality_desktop.core.report.figures import factor_chart
from mutuality_desktop.core.report.styles import make_styles

BRANDS = {
    "default": BrandingProfile(),
    # an orange-ish accent and a plum primary: before the fix the outputs recoloured the client
    "branded": BrandingProfile(consultancy_name="Acme", primary_colour="#7A1F5C", accent_colour="#E0A100"),
}
NAMES = {"client": "Client view", "provider": "Provider view"}


def screen_colours(data: ReportData) -> dict[str, tuple[str, str]]:
    """What the Results page draws (ChartStyle() there, whatever the branding): colour and marker."""
    figure = Figure(figsize=(6, 6))
    FigureCanvasAgg(figure)
    chart = factor_radar(data.framework, [(data.current.label, data.current.scores)], figure=figure)
    return {s: (chart.lines[s].get_color().lower(), chart.lines[s].get_marker()) for s in NAMES}


def pdf_stroke(colour: str) -> str:
    """The PDF operator that sets this stroke colour, written as reportlab writes it."""
    return f"{fp_str(*to_rgb(colour))} RG"


@pytest.mark.parametrize("brand", sorted(BRANDS))
def test_client_and_provider_have_the_same_colour_on_screen_in_the_pdf_and_in_powerpoint(
        brand: str, demo_data: ReportData, tmp_path: Path) -> None:
    branding = BRANDS[brand]
    screen = screen_colours(demo_data)

    flowable = factor_chart(demo_data, make_styles(branding), 400)
    canvas = Canvas(str(tmp_path / "c.pdf"), pagesize=(400, 400), pageCompression=0)
    flowable.wrapOn(canvas, 400, 400)
    flowable.drawOn(canvas, 0, 0)
    canvas.showPage()
    pdf = canvas.getpdfdata().decode("latin-1")

    assert write_pptx(demo_data, tmp_path / "d.pptx", branding) == []
    chart = next(f.chart for s in Presentation(str(tmp_path / "d.pptx")).slides for f in s.shapes
                 if f.has_chart and {p.name for p in f.chart.plots[0].series} >= set(NAMES.values()))
    plotted = {p.name: p for p in chart.plots[0].series}

    for series, name in NAMES.items():
        colour, marker = screen[series]
        assert colour == getattr(ChartStyle(), series)
        assert marker == LOOKS[series].marker
        assert getattr(flowable.style, series) == colour  # the PDF's radar picks the screen's colour
        assert pdf_stroke(colour) in pdf  # ... and strokes its line in it
        line = plotted[name].format.line.color.rgb
        fill = plotted[name].marker.format.fill.fore_color.rgb
        assert f"#{line}".lower() == f"#{fill}".lower() == colour, (series, brand)
        assert plotted[name].marker.style.name.lower() == LOOKS[series].office_marker
        assert plotted[name].format.line.dash_style.name.lower() == LOOKS[series].office_dash

    out = tmp_path / "w.xlsx"
    write_xlsx(demo_data, out, branding)
    with zipfile.ZipFile(out) as book:
        xml = " ".join(book.read(n).decode() for n in book.namelist() if n.startswith("xl/charts/chart"))
    used = {v.lower() for v in re.findall(r'srgbClr val="([0-9A-Fa-f]{6})"', xml)}
    assert {screen[s][0].lstrip("#") for s in NAMES} <= used


def test_the_brand_recolours_only_the_agreed_series() -> None:
    default = ChartStyle()
    for primary, accent in (("#0b3d91", "#e87722"), ("#7A1F5C", "#E0A100"), ("#d55e00", "#009e73")):
        style = ChartStyle.from_colours(primary, accent)
        assert (style.client, style.provider, style.previous) == (default.client, default.provider,
                                                                  default.previous)
    assert ChartStyle.from_colours("#0b3d91", "#e87722").agreed == "#0b3d91"
    assert ChartStyle.from_colours("#d55e00", "#ffffff").agreed == default.agreed  # too close to client
