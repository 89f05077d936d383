"""The PDF report: content found by text extraction, fonts, escaping, Unicode, stress, pure rows."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from mutuality_desktop.core.agreement import empty_agreed
from mutuality_desktop.core.branding import BrandingProfile
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import ValidationError
from mutuality_desktop.core.framework import MUTUALITY
from mutuality_desktop.core.model import Action, EngagementInfo, Participant
from mutuality_desktop.core.report import (
    ReportError,
    build_report,
    build_report_file,
    collect_report_data,
)
from mutuality_desktop.core.report import rows as R
from mutuality_desktop.core.report.document import MARGIN_BOTTOM, MARGIN_TOP
from mutuality_desktop.core.report.styles import contrast, level_fill, luminance, text_on
from mutuality_desktop.core.report.text import chunks, esc, fit_line, level_label, printable, signed

INFO = EngagementInfo(
    title="Highways partnership review",
    client_organisation="Northmoor Borough Council",
    provider_organisation="Castleway Services Ltd",
    workshop_date=dt.date(2026, 3, 12),
)


def pdf_text(path: Path) -> str:
    """All text of the PDF with every run of whitespace made one space.

    After the cover, the running header and footer are left out, so a note that continues on the
    next page reads as one.
    """
    reader = pypdf.PdfReader(str(path))
    out = [" ".join(reader.pages[0].extract_text().split())]
    for page in reader.pages[1:]:
        top = float(page.mediabox.height) - MARGIN_TOP + 2
        parts: list[str] = []

        def body(text: str, cm: list[float], tm: list[float], *_: object, top: float = top,
                 parts: list[str] = parts) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if MARGIN_BOTTOM - 2 <= y <= top:
                parts.append(text)

        page.extract_text(visitor_text=body)
        out.append(" ".join("".join(parts).split()))
    return " ".join(out)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo_file(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.mutuality"
    shutil.copyfile(demo_master, path)
    return path


@pytest.fixture(scope="module")
def demo_report(demo_outputs) -> tuple[Path, str, list[str]]:  # type: ignore[no-untyped-def]
    """build_report_file of the demo, built once per session (tests/conftest.py)."""
    out = demo_outputs.pdf
    return out, pdf_text(out), demo_outputs.warnings["pdf"]


@pytest.fixture
def eng(tmp_path: Path) -> Iterator[Engagement]:
    e = Engagement.create(tmp_path / "t.mutuality", INFO)
    yield e
    e.close()


# --- the demo report ------------------------------------------------------------------------------

def test_demo_report_has_every_factor_with_its_three_levels(demo_report, demo_file) -> None:
    out, text, warnings = demo_report
    assert warnings == []
    with Engagement.open(demo_file, readonly=True) as e:
        fw = e.framework
        scores = e.scores(e.rounds()[-1].id)
    for factor in fw.factors:
        levels = [scores.get((factor.id, p)) for p in ("client", "provider", "agreed")]
        labels = [level_label(fw.scale, s.level if s else None) for s in levels]
        labels[2] = level_label(fw.scale, levels[2].level if levels[2] else None,
                                empty_agreed(fw.scale, scores, factor.id))  # "Not agreed" for a dispute
        assert f"{factor.name} {' '.join(labels)}" in text, factor.name


def test_demo_report_has_every_note_action_and_participant(demo_report, demo_file) -> None:
    _, text, _ = demo_report
    with Engagement.open(demo_file, readonly=True) as e:
        notes = [s.notes for s in e.scores(e.rounds()[-1].id).values() if s.notes]
        actions = e.actions()
        people = e.participants()
    assert notes and actions and people
    for note in notes:
        assert flat(note) in text
    for action in actions:
        assert flat(action.text) in text
        if action.owner:
            assert flat(action.owner) in text
    for person in people:
        assert person.name in text


def test_demo_report_structure(demo_report) -> None:
    out, text, _ = demo_report
    reader = pypdf.PdfReader(str(out))
    pages = len(reader.pages)
    for heading in ("Contents", "Executive summary", "Mutuality", "Economy", "Stakeholder Value",
                    "Round-over-round comparison", "Action plan", "Participants", "The scoring guide",
                    "Mutuality index", "Top strengths", "Improvement priorities", "Largest perception gaps",
                    "What moved since Baseline"):
        assert heading in text, heading
    every = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert f"Page 2 of {pages}" in every and f"Page {pages} of {pages}" in every
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)
    assert reader.outline, "the PDF has bookmarks for its sections"


def test_contents_page_numbers_point_at_the_sections(demo_report) -> None:
    out, _, _ = demo_report
    reader = pypdf.PdfReader(str(out))
    contents = flat(reader.pages[1].extract_text())
    for title in ("Executive summary", "Action plan", "The scoring guide"):
        match = re.search(re.escape(title) + r" (\d+)", contents)
        assert match, title
        page = int(match.group(1))
        assert title in flat(reader.pages[page - 1].extract_text())


def test_every_font_is_embedded_truetype(demo_report) -> None:
    out, _, _ = demo_report
    fonts = _fonts(pypdf.PdfReader(str(out)))
    assert fonts, "no fonts found"
    for name, font in fonts.items():
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert descriptor is not None, f"{name} is a standard, unembedded font"
        assert "/FontFile2" in descriptor.get_object(), f"{name} is not embedded TrueType"
        assert "DejaVuSans" in name


def _fonts(reader: pypdf.PdfReader) -> dict[str, dict]:
    found: dict[str, dict] = {}

    def visit(resources) -> None:
        resources = resources.get_object() if resources is not None else None
        if not resources:
            return
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
        for xobject in (resources.get("/XObject") or {}).values():
            visit(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def _two_rounds(path: Path) -> Path:
    """A small closed engagement: two rounds with three factors scored in each, so every chart has
    a current and an earlier round (the demo's whole report is a second and a half of processor)."""
    with Engagement.create(path, INFO) as e:
        factors = e.framework.dimension(MUTUALITY).factors[:2] + e.framework.factors[:1]
        base = e.rounds()[0].id
        later = e.add_round("Follow-up", dt.date(2026, 10, 8)).id
        for rid, level in ((base, 2), (later, 3)):
            for f in factors:
                for perspective in ("client", "provider", "agreed"):
                    e.set_score(rid, f.id, perspective, level)
    return path


def test_letter_paper(tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    build_report_file(_two_rounds(tmp_path / "small.mutuality"), out, page_size="letter")
    pages = pypdf.PdfReader(str(out)).pages
    assert len(pages) > 3
    for page in pages:
        box = page.mediabox
        assert (round(float(box[2])), round(float(box[3]))) == (612, 792)


def test_an_earlier_round_is_reported_without_the_comparison(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "baseline.pdf"
    build_report_file(demo_file, out, round_label="baseline")
    text = pdf_text(out)
    assert "Baseline assessment" in text
    assert "Round-over-round comparison" not in text
    with pytest.raises(ValidationError):
        build_report_file(demo_file, tmp_path / "x.pdf", round_label="No such round")
    with pytest.raises(ValidationError):
        build_report_file(demo_file, tmp_path / "x.pdf", page_size="a3")


# --- robustness ---------------------------------------------------------------------------------

HOSTILE = ('<b>bold & <i>unclosed <img src="/etc/passwd"/> <a href="javascript:alert(1)">click</a> '
           '<font name="Courier">x</font> &amp; &#169; ]]> <para>')


def _report(eng: Engagement, tmp_path: Path, **kw) -> tuple[Path, str]:
    out = tmp_path / "r.pdf"
    build_report(collect_report_data(eng), out, **kw)
    return out, pdf_text(out)


def test_markup_in_user_text_is_printed_literally(eng: Engagement, tmp_path: Path) -> None:
    rid = eng.rounds()[0].id
    eng.set_score(rid, "joint-objective-setting", "agreed", 2)
    eng.set_notes(rid, "joint-objective-setting", "client", HOSTILE)
    eng.add_action("joint-exit-strategy", HOSTILE, owner="<b>Owner</b>", side="joint")
    eng.add_participant("<img src='x'/> Name", "<a href='y'>Role</a>", "client")
    eng.update_info(title="Review <b>2026</b> & more")
    out, text = _report(eng, tmp_path)
    assert flat(HOSTILE) in text
    assert "<b>Owner</b>" in text and "<img src='x'/> Name" in text
    assert "Review <b>2026</b> & more" in text
    reader = pypdf.PdfReader(str(out))
    for page in reader.pages:
        for annot in page.get("/Annots") or ():  # only the contents' links to its own pages
            annot = annot.get_object()
            assert annot["/Subtype"] == "/Link" and "/A" not in annot, "user text made a link"
            assert annot["/Dest"][0].get_object()["/Type"] == "/Page"
        xobjects = (page["/Resources"].get("/XObject") or {}).values()
        assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects), "user text made an image"


WORLD = ("Gwasanaethau’r Cyngor: ŵŷ Ŵ Ŷ · zażółć gęślą jaźń · Καλημέρα κόσμε · "
         "Привет, мир · “curly” ‘quotes’ · €1,200 · naïve café")


def test_non_latin_text_round_trips(eng: Engagement, tmp_path: Path) -> None:
    rid = eng.rounds()[0].id
    eng.set_notes(rid, "joint-governance-structure", "agreed", WORLD + " 😀 中文 \u200b")
    eng.add_participant("Siân Llŷr", "Cyfarwyddwr", "provider")
    _, text = _report(eng, tmp_path)
    assert WORLD in text
    assert "Siân Llŷr" in text


def test_characters_outside_the_font_are_replaced_not_fatal() -> None:
    assert printable("a\u4e2d\U0001F600b") == "a\ufffd\ufffdb"
    assert printable("x\x00\x07y\x1bz") == "xyz"
    assert printable("Łódź ŵ €") == "Łódź ŵ €"


def test_long_notes_many_people_and_actions(eng: Engagement, tmp_path: Path) -> None:
    rid = eng.rounds()[0].id
    word = "partnership "
    eng.set_notes(rid, "joint-objective-setting", "agreed", (word * 9000 + "END-OF-NOTE").strip())
    eng.set_notes(rid, "joint-exit-strategy", "client", "x" * 30_000)  # one unbroken word
    for i in range(40):
        eng.add_participant(f"Person {i:02d}", "Director of Something Important", ("client", "provider")[i % 2])
    factors = [f.id for f in eng.framework.factors]
    for i in range(60):
        text = f"Action {i:02d}: " + ("improve the joint plan " * (400 if i == 7 else 6))
        eng.add_action(factors[i % len(factors)], text, owner=f"Owner {i}", side="joint",
                       due_date=dt.date(2026, 1 + i % 12, 1), status=("open", "done")[i % 2])
    out, text = _report(eng, tmp_path)
    assert "END-OF-NOTE" in text
    assert "Person 39" in text and "Action 59:" in text and "Actions in full" in text
    assert len(pypdf.PdfReader(str(out)).pages) > 20


def test_no_network_during_the_build(eng: Engagement, tmp_path: Path, monkeypatch) -> None:
    def refuse(*_args, **_kw):
        raise AssertionError("the report tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    out, _ = _report(eng, tmp_path)
    assert out.exists()


def test_unwritable_output_is_a_clear_error(eng: Engagement, tmp_path: Path) -> None:
    data = collect_report_data(eng)
    target = tmp_path / "missing-folder" / "r.pdf"
    with pytest.raises(ReportError, match="could not be written"):
        build_report(data, target)
    assert not list(tmp_path.glob("**/*.part"))


def test_missing_logo_is_a_warning(eng: Engagement, tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"junk" * 20)
    profile = BrandingProfile(consultancy_name="Acme", logo_path=str(tmp_path / "gone.png"),
                              client_logo_path=str(broken))
    out = tmp_path / "r.pdf"
    warnings = build_report(collect_report_data(eng), out, profile)
    assert out.exists()
    assert any("was not found" in w for w in warnings)
    assert any("could not be read" in w for w in warnings)


def test_report_file_uses_the_branding_stored_in_it(tmp_path: Path) -> None:
    path = tmp_path / "b.mutuality"
    with Engagement.create(path, INFO) as e:
        e.save_branding(BrandingProfile(consultancy_name="Ffordd Consulting", footer_text="Cyfrinachol").to_json())
    out = tmp_path / "b.pdf"
    assert build_report_file(path, out) == []
    text = pdf_text(out)
    assert "Ffordd Consulting" in text and "Cyfrinachol" in text


def test_damaged_stored_branding_falls_back_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "d.mutuality"
    with Engagement.create(path, INFO) as e:
        e.save_branding("{not json")
    warnings = build_report_file(path, tmp_path / "d.pdf")
    assert warnings and "default branding" in warnings[0]


def test_an_empty_engagement_still_reports(eng: Engagement, tmp_path: Path) -> None:
    _, text = _report(eng, tmp_path)
    assert "In this round, not reached: nothing agreed yet" in text  # Mutuality, the default scope
    assert "No improvement actions were recorded" in text


# --- pure functions -------------------------------------------------------------------------------

def test_text_helpers() -> None:
    assert esc("a < b & <b>c</b>\nnext") == "a &lt; b &amp; &lt;b&gt;c&lt;/b&gt;<br/>next"
    assert signed(2) == "+2" and signed(-1) == "\u22121" and signed(0) == "0" and signed(None) == "–"
    assert signed(0.04, 1) == "0.0"
    pieces = chunks("one\n\n" + "word " * 2000, size=500)
    assert pieces[0] == "one" and all(len(p) <= 500 for p in pieces)
    assert "".join(pieces[1:]).replace(" ", "") == "word" * 2000
    from mutuality_desktop.core.report.fonts import REGULAR

    line = fit_line("A very long engagement title " * 10, REGULAR, 8, 100)
    assert line.endswith("…") and len(line) < 40


def test_level_chips_darken_with_the_level_and_stay_readable() -> None:
    fills = [level_fill(level, 0, 5, "#1F3A5F") for level in range(6)]
    lum = [luminance(f) for f in fills]
    assert lum == sorted(lum, reverse=True), "higher levels are darker, also in greyscale"
    for fill in fills:
        ink = text_on(fill)
        ratio = (max(luminance(fill), luminance(ink)) + 0.05) / (min(luminance(fill), luminance(ink)) + 0.05)
        assert ratio >= 4.5
    for brand in ("#2A8C82", "#808080", "#F4D03F", "#FFFFFF", "#C8102E"):
        shades = [level_fill(v, 0, 5, brand) for v in range(6)]
        assert [luminance(f) for f in shades] == sorted((luminance(f) for f in shades), reverse=True)
        assert min(contrast(f, text_on(f)) for f in shades) >= 4.5, brand
    pale = [luminance(level_fill(v, 0, 5, "#F4D03F")) for v in range(6)]
    assert pale[0] - pale[-1] > 0.4, "a pale brand colour still spans light to dark"


def test_rows(demo_file: Path) -> None:
    with Engagement.open(demo_file, readonly=True) as e:
        data = collect_report_data(e)
    fw = data.framework
    rows = R.factor_rows(fw.dimension("mutuality"), data.scores)
    assert [r.number for r in rows] == list(range(1, 16))
    assert R.gap_phrase(2) == "Client +2" and R.gap_phrase(-1) == "Provider +1" and R.gap_phrase(0) == "Same view"
    header, table = R.comparison_rows(data)
    assert header[0] == "Dimension" and header[-1] == "Change" and len(table) == len(fw.dimensions) + 1
    details = dict(R.cover_details(data))
    assert details["Client"] == data.info.client_organisation and "Report date" in details
    groups = R.action_groups(data.actions, fw, data.info, data.generated)
    numbers = [line.number for _, _, group in groups for line in group]
    assert numbers == list(range(1, len(data.actions) + 1))
    order = [f.name for d in fw.workshop_order() for f in d.factors]
    assert [g[0] for g in groups] == sorted((g[0] for g in groups), key=order.index)


def test_action_and_participant_rows() -> None:
    from mutuality_desktop.core.framework import default_framework

    fw = default_framework()
    today = dt.date(2026, 6, 1)
    actions = [Action(1, "joint-exit-strategy", "Plan", "Ann", "client", dt.date(2026, 5, 1), "open"),
               Action(2, "joint-exit-strategy", "Done", "Bo", "joint", dt.date(2026, 5, 1), "done")]
    lines = R.action_rows(actions, fw, INFO, today)
    assert lines[0].overdue and not lines[1].overdue
    assert lines[0].side == INFO.client_organisation and lines[0].due == "1 May 2026"
    assert R.action_rows(actions, fw, INFO, today, short_sides=True)[0].side == "Client"
    people = [Participant(1, "Zed", "Obs", "observer"), Participant(2, "Amy", "CEO", "provider"),
              Participant(3, "Bea", "CFO", "client")]
    assert [p[0] for p in R.participant_rows(people, INFO)] == ["Bea", "Amy", "Zed"]


def test_dollar_signs_and_markup_in_chart_labels_are_plain_text(tmp_path: Path) -> None:
    """Round labels reach the chart legends: "$" must not switch on mathtext, nor break the build."""
    path = _two_rounds(tmp_path / "dollars.mutuality")
    with Engagement.open(path) as e:
        first, second = e.rounds()
        e.update_round(first.id, label="Spend $5m to $10m \\frac{")
        e.update_round(second.id, label="<b>Year 2</b> & $x^")
    out = tmp_path / "dollars.pdf"
    build_report_file(path, out)
    text = pdf_text(out)
    assert "Spend $5m to $10m \\frac{" in text and "<b>Year 2</b> & $x^" in text


def test_a_framework_without_mutuality_still_reports(tmp_path: Path) -> None:
    """The framework comes from the file: a snapshot without the Mutuality dimension must not crash."""
    import json

    from mutuality_desktop.core.framework import default_framework, parse_framework

    raw = json.loads(default_framework().source_text)
    raw["dimensions"] = [d for d in raw["dimensions"] if d["id"] != "mutuality"]
    raw["factors"] = [f for f in raw["factors"] if f["dimension"] != "mutuality"]
    fw = parse_framework(json.dumps(raw))
    with Engagement.create(tmp_path / "nm.mutuality", INFO, framework=fw) as e:
        e.set_score(e.rounds()[0].id, fw.factors[0].id, "agreed", 3)
        out, text = _report(e, tmp_path)
    assert "Economy" in text and "Mutuality index" in text
