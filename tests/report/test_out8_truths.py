"""Play-through 3, outputs and charts (out8): nothing said is untrue, nothing drawn is unreadable.

1. A report made before its workshop never says the workshop was held, nor that people took part.
2. A factor the room did not agree is "not agreed" under its spoke, never "not yet scored".
3. The dimension radar's note ("3.0, provisional" over "2 of 14 factors") fits the chart, and a
   compact layout (small window, View -> Large text) keeps the mean and the flag.
4. The PowerPoint mutuality radar fills the slide, names its spokes at 12 pt or more and draws the
   agreed marker larger, under the two sides' markers, so a level they share stays visible.
5. Moving guides: a round already kept on another guide is named as keeping it; a move to an older
   version is called that.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import math
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from mutuality_desktop.core.charts.layout import fit_chart
from mutuality_desktop.core.charts.radar import text_width
from mutuality_desktop.core.charts.series import RadarSeries
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.framework import MUTUALITY, default_framework, parse_framework
from mutuality_desktop.core.framework_move import move_summary
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.report import collect_report_data
from mutuality_desktop.core.report.data import ReportData

WORKSHOP = dt.date(2026, 12, 3)
GOVERNANCE = "joint-governance-structure"


def _engagement(path: Path) -> ReportData:
    """The play-through's file: workshop on 3 December; two factors agreed at 3, Joint governance
    structure scored 2 and 4 and not agreed, two participants."""
    info = EngagementInfo("Northmoor Review", "Northmoor Council", "Greenway Ltd", workshop_date=WORKSHOP,
                          workshop_venue="Town Hall")
    with Engagement.create(path, info) as e:
        rid = e.rounds()[0].id
        factors = e.framework.dimension(MUTUALITY).factors
        assert factors[1].id == GOVERNANCE
        for f, (client, provider, agreed) in zip(factors[:3], [(3, 2, 3), (2, 4, None), (2, 3, 3)], strict=True):
            e.set_score(rid, f.id, "client", client)
            e.set_score(rid, f.id, "provider", provider)
            if agreed is not None:
                e.set_score(rid, f.id, "agreed", agreed)
        e.set_notes(rid, GOVERNANCE, "agreed", "Not agreed. The council holds 2, the provider 4.")
        e.add_participant("Ann Smith", "Director", "client")
        e.add_participant("Bob Jones", "Contract manager", "provider")
        return collect_report_data(e)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    return _engagement(tmp_path_factory.mktemp("out8") / "e.mutuality")


def _texts(data: ReportData, d: Path) -> dict[str, str]:
    import docx
    from pypdf import PdfReader

    from mutuality_desktop.core.office.word import write_docx
    from mutuality_desktop.core.report.build import build_report
    from mutuality_desktop.core.report.html import build_html

    build_report(data, d / "r.pdf")
    build_html(data, d / "r.html")
    write_docx(data, d / "r.docx")
    pdf = " ".join(p.extract_text() for p in PdfReader(d / "r.pdf").pages)
    raw = (d / "r.html").read_text(encoding="utf-8")
    page = html_lib.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|svg)[^>]*>.*?</\1>", "", raw, flags=re.S)))
    word = "\n".join(p.text for p in docx.Document(str(d / "r.docx")).paragraphs)
    return {k: " ".join(v.split()) for k, v in {"pdf": pdf, "html": page, "docx": word}.items()}


def test_a_report_made_before_the_workshop_says_it_is_planned_not_held(data: ReportData, tmp_path: Path) -> None:
    before = _texts(replace(data, generated=dt.date(2026, 11, 26)), tmp_path)
    for kind, text in before.items():
        assert "held on 3 December 2026" not in text, kind
        assert "with the workshop planned for 3 December 2026 at Town Hall" in text, kind
        assert "took part" not in text.lower(), kind  # the participants are those listed to come
        assert "2 participants are listed to take part, 1 from" in text, kind
        assert "Who is taking part".upper() in text.upper(), kind
    after = _texts(replace(data, generated=dt.date(2026, 12, 4)), tmp_path)
    for kind, text in after.items():
        assert "held on 3 December 2026 at Town Hall" in text, kind
        assert "2 participants took part, 1 from" in text, kind


def _mutuality(data: ReportData, shown: tuple[str, ...] = ("agreed",)) -> RadarSeries:
    series = RadarSeries(data.framework, MUTUALITY, shown)
    series.update([("Baseline", data.scores)])
    return series


def test_a_factor_the_room_did_not_agree_is_labelled_not_agreed(data: ReportData) -> None:
    series = _mutuality(data)
    i = series.axis_ids.index(GOVERNANCE)
    label = series.axis_label(i, compact=False).text
    assert label.endswith("\nnot agreed") and "not yet scored" not in label
    assert series.axis_label(i + 2, compact=False).text.endswith("not yet scored")  # nobody scored it
    # with a factor nobody scored, a gap in the line still means "not yet scored" for that one
    assert series.legend_labels()[-1] == "Gap in a line: not yet scored"


def test_the_legend_says_not_agreed_when_that_is_the_only_gap(tmp_path: Path) -> None:
    with Engagement.create(tmp_path / "g.mutuality", EngagementInfo("R", "C", "P")) as e:
        rid = e.rounds()[0].id
        for f in e.framework.dimension(MUTUALITY).factors:
            for side in ("client", "provider", "agreed"):
                e.set_score(rid, f.id, side, 4 if side == "provider" and f.id == GOVERNANCE else 2)
        e.set_score(rid, GOVERNANCE, "agreed", None)
        e.set_notes(rid, GOVERNANCE, "agreed", "Not agreed. Two against four.")
        series = _mutuality(collect_report_data(e))
    assert series.legend_labels()[-1] == "Gap in a line: not agreed"


def test_the_deck_names_a_not_agreed_spoke_not_agreed(data: ReportData) -> None:
    from mutuality_desktop.core.office.common import category_name

    series = _mutuality(data)
    i = series.axis_ids.index(GOVERNANCE)
    name = series.axis_names[i]
    values = [series.values("agreed")[i]]
    assert category_name(name, values, series.axis_ids[i] in series.not_agreed) == f"{name} (not agreed)"
    assert category_name(name, values) == f"{name} (not yet scored)"


def test_the_dimension_note_fits_and_survives_a_compact_layout(data: ReportData) -> None:
    series = RadarSeries(data.framework, None, ("agreed",))
    series.update([("Baseline", data.scores)])
    m = series.axis_ids.index(MUTUALITY)
    assert series.axis_label(m, compact=False).text == "Mutuality\n3.0, provisional\n2 of 15 factors"
    # compact: shorter, never without what the mean rests on (res11: it dropped "2 of 15 factors")
    assert series.axis_label(m, compact=True).text == "Mutuality\n3.0, provisional\n2 of 15"
    # the Results chart at 1024x768 (about 5.6 by 5.2 inches), with and without Large text
    for width, height, scale in ((5.6, 5.2, 1.0), (4.9, 4.4, 1.0), (4.9, 4.4, 1.35)):
        layout = fit_chart(series, width, height, lambda s, fs: text_width(s, "DejaVu Sans", fs),
                           font_scale=scale, large_text=scale)
        cx = layout.centre[0]
        box = layout.boxes[m]
        label = series.axis_label(m, layout.compact).text.split("\n")
        assert "3.0, provisional" in label, (width, scale)
        widest = max(text_width(s, "DejaVu Sans", layout.label_font) for s in label)
        assert box[2] - box[0] >= widest - 1e-6, "room was made for the note as drawn"
        assert cx + box[0] >= 0 and cx + box[2] <= width, (width, height, scale, box)


def test_the_deck_radar_fills_the_slide_with_readable_names_and_visible_agreed_markers(
        data: ReportData, tmp_path: Path) -> None:
    import pptx
    from pptx.util import Emu

    from mutuality_desktop.core.office.deck import write_pptx

    write_pptx(data, tmp_path / "d.pptx")
    deck = pptx.Presentation(str(tmp_path / "d.pptx"))
    slide = next(s for s in deck.slides
                 if any(sh.has_text_frame and "how each side sees" in sh.text_frame.text for sh in s.shapes))
    frame = next(sh for sh in slide.shapes if sh.has_chart)
    assert Emu(frame.width).inches >= 9.0 and Emu(frame.height).inches >= 5.5  # was 8.4 by 5.6
    chart = frame.chart
    assert chart.font.size.pt >= 12
    names = [" ".join(c.split()) for c in chart.plots[0].categories]
    # short lines, but a name out to the side on one (out10: two lines ran into the names below;
    # out12: with 14 or more spokes every name out to the side, so fewer lines stack there)
    spokes = len(names)
    side = {i for i in range(spokes) if abs(math.sin(2 * math.pi * i / spokes)) > 0.45}
    assert all(len(line) <= (42 if i in side else 26)
               for i, c in enumerate(chart.plots[0].categories) for line in c.split("\n"))
    assert names[1] == "Joint governance structure (not agreed)"  # both sides scored it: not agreed, not unscored
    plotted = {s.name: s for s in chart.plots[0].series}
    assert list(plotted)[0] == "Agreed"  # drawn first, under the two sides'
    assert plotted["Agreed"].marker.size > plotted["Client view"].marker.size + 4
    assert plotted["Agreed"].marker.size > plotted["Provider view"].marker.size + 4
    with zipfile.ZipFile(tmp_path / "d.pptx") as z:
        xml = next(z.read(n).decode() for n in z.namelist() if n.startswith("ppt/charts/chart")
                   and "governance" in z.read(n).decode())
    sizes = [int(v) for v in re.findall(r'<a:defRPr[^>]*\bsz="(\d+)"', xml)]
    assert sizes and min(sizes) >= 1100 and max(sizes) >= 1200  # level numbers 11 pt, names 12 pt


def _guide(version: str) -> object:
    import json

    shipped = default_framework()
    raw = json.loads(shipped.source_text)
    raw["version"] = version
    return parse_framework(json.dumps(raw), f"guide {version}")


def test_the_move_confirmation_names_a_round_kept_on_another_guide() -> None:
    shipped = default_framework()  # 2.1.0
    older = _guide("2.0.9")
    plain = move_summary(older, shipped, [("Baseline", older)])
    assert plain[0] == f"Moving the engagement from guide 2.0.9 to {shipped.version}."
    assert plain[-1] == f"The rounds scored so far keep guide 2.0.9's wording; new rounds are scored on {shipped.version}."
    # the tester's case: Baseline scored on 2.1.0, the copy then moved back to 2.0.9, now forward again
    mixed = move_summary(older, shipped, [("Baseline", shipped), ("Follow-up", older)])
    assert mixed[-1] == (f"Each round scored so far keeps its wording: Baseline keeps guide {shipped.version}'s, "
                         "the guide it was scored on; the other round keeps guide 2.0.9's. New rounds are scored "
                         f"on {shipped.version}.")
    assert "2.0.9's wording" not in " ".join(mixed[:-1])
    back = move_summary(shipped, older, [("Baseline", shipped)])
    assert back[0] == f"Moving the engagement back from guide {shipped.version} to 2.0.9, an older version than the one in use."


def test_the_deck_dimension_table_flags_a_provisional_mean(data: ReportData, tmp_path: Path) -> None:
    import pptx

    from mutuality_desktop.core.office.deck import write_pptx

    write_pptx(data, tmp_path / "d.pptx")
    rows = [[c.text for c in row.cells] for s in pptx.Presentation(str(tmp_path / "d.pptx")).slides
            for sh in s.shapes if sh.has_table for row in sh.table.rows]
    assert ["Mutuality", "3.0", "2 of 15, provisional"] in rows  # as the PDF: "2 of 15 agreed, provisional"
