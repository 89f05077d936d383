"""Play-through 8, workbook findings: a round covering Mutuality (one factor left out) and Economy
(two left out) labelled the four other dimensions "(not yet scored)" on the Chart data sheet and
its radar, though the report says "Not part of this round"; and in LibreOffice the radar's
right-hand labels were cut off ("Efficiency (not ye"), the mutuality radar drawn over them."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.office.workbook import write_xlsx
from mutuality_desktop.core.report import collect_report_data
from mutuality_desktop.core.report.data import ReportData
from mutuality_desktop.core.report.rows import NOT_REACHED_TEXT, OUTSIDE_TEXT

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
REASON = "Operational leadership sits with a separate depot contract"
OUTSIDE = ("Efficiency", "Effectiveness", "Strategic Value", "Stakeholder Value")


@pytest.fixture(scope="module")
def book_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The play-through's round: Mutuality (its eighth factor left out, its fifth not applicable)
    and Economy (its third and fifth left out), some of each agreed."""
    folder = tmp_path_factory.mktemp("out13-book")
    path = folder / "northmoor.mutuality"
    info = EngagementInfo("Northmoor Review", "Northmoor Borough Council", "Castleway Services Ltd",
                          workshop_date=dt.date(2026, 11, 28))
    with Engagement.create(path, info) as e:
        rnd = e.rounds()[0]
        mutuality = e.framework.dimension("mutuality").factors
        economy = e.framework.dimension("economy").factors
        e.set_scope(rnd.id, ["mutuality", "economy"])
        e.set_excluded_factors(rnd.id, [mutuality[7].id, economy[2].id, economy[4].id])
        e.set_not_applicable(rnd.id, mutuality[4].id, REASON)
        for f in [*mutuality[:4], *economy[:2]]:
            for perspective, level in (("client", 2), ("provider", 3), ("agreed", 2)):
                e.set_score(rnd.id, f.id, perspective, level)
        data = collect_report_data(e)
    write_xlsx(data, folder / "book.xlsx")
    return folder / "book.xlsx"


@pytest.fixture(scope="module")
def data(book_path: Path) -> ReportData:
    with Engagement.open(book_path.with_name("northmoor.mutuality"), readonly=True) as e:
        return collect_report_data(e)


def _rows(book_path: Path, sheet: str) -> list[tuple[object, ...]]:
    return list(openpyxl.load_workbook(book_path)[sheet].iter_rows(values_only=True))


def test_dimensions_outside_the_round_are_said_to_be_so_in_the_reports_words(book_path: Path) -> None:
    rows = _rows(book_path, "Chart data")
    head = rows[0]
    status = head.index("In this round")
    by_name = {str(r[0]).split(" (")[0]: r for r in rows[1:7]}
    for name in OUTSIDE:
        label, mean, said = by_name[name][0], by_name[name][1], by_name[name][status]
        assert mean is None
        assert said == OUTSIDE_TEXT, f"{name}: {said!r}"
        assert label == f"{name} (not in this round)", "the radar's own words, as the report's radar"
        assert "not yet scored" not in str(label)
    assert by_name["Mutuality"][0] == "Mutuality" and by_name["Economy"][0] == "Economy"
    assert by_name["Economy"][status] == "2 of 3 agreed"
    # the Rounds sheet says it too, where it printed an empty cell
    rounds = {r[0]: r[1] for r in _rows(book_path, "Rounds")[1:]}
    assert all(rounds[name] == OUTSIDE_TEXT for name in OUTSIDE)
    assert rounds["Economy"] == 2.0


def test_the_factors_without_a_spoke_are_listed_with_why(book_path: Path, data: ReportData) -> None:
    mutuality = data.framework.dimension("mutuality").factors
    rows = _rows(book_path, "Chart data")
    status = rows[0].index("In this round")
    said = {r[0]: r[status] for r in rows if r[0] is not None}
    assert said[mutuality[7].name] == OUTSIDE_TEXT
    assert said[mutuality[4].name] == f"Not applicable: {REASON}"
    # not part of the radar's range: its categories stop before them
    book = openpyxl.load_workbook(book_path)
    chart = book["Charts"]._charts[1]
    ref = chart.series[0].cat
    cells = (ref.strRef or ref.numRef).f.split("!")[1].replace("$", "")
    drawn = [row[0].value for row in book["Chart data"][cells]]
    assert mutuality[7].name not in drawn and mutuality[4].name not in drawn
    assert len(drawn) == len(mutuality) - 2


def test_a_dimension_in_the_round_with_nothing_agreed_keeps_its_own_words(tmp_path: Path) -> None:
    """In the round's scope, nothing agreed yet: "(not yet scored)" on the radar, as the report's
    radar, and the report's "In this round, not reached: nothing agreed yet" beside it."""
    path = tmp_path / "r.mutuality"
    with Engagement.create(path, EngagementInfo("R", "C", "P")) as e:
        rnd = e.rounds()[0]
        e.set_scope(rnd.id, ["mutuality", "economy"])
        e.set_score(rnd.id, e.framework.dimension("mutuality").factors[0].id, "agreed", 3)
        write_xlsx(collect_report_data(e), tmp_path / "b.xlsx")
    rows = _rows(tmp_path / "b.xlsx", "Chart data")
    status = rows[0].index("In this round")
    economy = next(r for r in rows[1:7] if str(r[0]).startswith("Economy"))
    assert economy[0] == "Economy (not yet scored)" and economy[status] == NOT_REACHED_TEXT
    efficiency = next(r for r in rows[1:7] if str(r[0]).startswith("Efficiency"))
    assert efficiency[status] == OUTSIDE_TEXT


def test_the_two_radars_do_not_overlap(book_path: Path) -> None:
    """The dimension radar's right-hand side was under the mutuality radar (600 pixels wide, the
    next chart at column 8, 512 pixels in)."""
    with zipfile.ZipFile(book_path) as z:
        drawing = z.read("xl/drawings/drawing1.xml").decode()
    anchors = re.findall(r"<xdr:from><xdr:col>(\d+)</xdr:col><xdr:colOff>(\d+)</xdr:colOff>.*?"
                         r"<xdr:to><xdr:col>(\d+)</xdr:col><xdr:colOff>(\d+)</xdr:colOff>", drawing, re.S)
    assert len(anchors) == 2
    (_, _, end_col, end_off), (start_col, start_off, _, _) = [tuple(map(int, a)) for a in anchors]
    assert (end_col, end_off) < (start_col, start_off)
    # printed past the mutuality radar's right edge (LibreOffice cut its frame off at the edge)
    last = max(int(c) for c in re.findall(r"<xdr:to><xdr:col>(\d+)</xdr:col>", drawing))
    area = openpyxl.load_workbook(book_path)["Charts"].print_area
    column = re.search(r":\$?([A-Z]+)\$?\d+$", area[0] if isinstance(area, list) else area).group(1)  # type: ignore[union-attr]
    assert openpyxl.utils.column_index_from_string(column) - 1 > last


@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and pdftotext are needed for the rendering check")
def test_libreoffice_shows_every_label_of_the_dimension_radar_beside_it(book_path: Path, data: ReportData,
                                                                       tmp_path: Path) -> None:
    """In LibreOffice's rendering (the sheet printed one page wide), each of the dimension radar's
    labels is whole and to the left of everything of the mutuality radar."""
    profile = tmp_path / "lo-profile"
    subprocess.run([str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(book_path)],
                   check=True, capture_output=True, timeout=300)
    pdf = tmp_path / "book.pdf"
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    pages = html.split("<page ")[1:]
    page = next(p for p in pages if "Radar" in p and "Efficiency" in p)
    width = float(re.search(r'width="([\d.]+)"', page).group(1))  # type: ignore[union-attr]
    words = [(float(a), float(b), w) for a, b, w in
             re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page)]

    def spans(phrase: str) -> list[tuple[float, float]]:
        """Where the phrase's words stand one after another: (left of its first, right of its last)."""
        said = phrase.split()
        return [(words[i][0], words[i + len(said) - 1][1]) for i in range(len(words) - len(said) + 1)
                if [w for _, _, w in words[i:i + len(said)]] == said]

    labels = [span for name in OUTSIDE for span in spans(f"{name} (not in this round)")]
    assert len(labels) == len(OUTSIDE), "each label whole, in one piece"
    mutuality = [span for f in data.framework.dimension("mutuality").factors for span in spans(f.name)]
    assert mutuality, "the mutuality radar's labels are on the page"
    right = max(b for _, b in labels)
    assert right < min(a for a, _ in mutuality), "the dimension radar's labels clear of the mutuality radar"
    assert right < width
