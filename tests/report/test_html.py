"""The HTML edition: self-contained, semantic, the PDF's content, literal user text, axe-clean."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.report import (
    HtmlReportError,
    build_html,
    build_html_file,
    collect_report_data,
)

sys.path.insert(0, str(Path(__file__).parent))
from axe_check import axe_script, chromium, run_axe  # noqa: E402

HOSTILE = [
    '<b>bold & <i>unclosed <img src="/etc/passwd"/> <script>alert(1)</script> '
    '<a href="javascript:alert(1)">x</a> ]]> &amp;',
    "العربية \u202eevil\u202c שלום · 中文 日本語 한국어 · 🙂👍🏽 · नमस्ते · สวัสดี · e\u0301",
    "bell\x07 escape\x1b[31m red · " + "verylongword" * 30,
]


class Outline(HTMLParser):
    """The elements, attributes and text of a document, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self._heading: str | None = None
        self._buffer: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "title", "desc"):
            self._skip += 1
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._buffer = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title", "desc"):
            self._skip -= 1
        if tag == self._heading:
            self.headings.append((tag, " ".join("".join(self._buffer).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)
        if self._heading:
            self._buffer.append(data)

    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse(path: Path) -> Outline:
    outline = Outline()
    outline.feed(path.read_text(encoding="utf-8"))
    return outline


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, demo_master: Path) -> Path:
    path = tmp_path_factory.mktemp("html") / "demo.mutuality"
    shutil.copyfile(demo_master, path)
    return path


@pytest.fixture(scope="module")
def demo_html(demo_file: Path) -> Path:
    out = demo_file.with_name("demo.html")
    assert build_html_file(demo_file, out) == []
    return out


@pytest.fixture(scope="module")
def hostile_html(demo_file: Path) -> Path:
    path = demo_file.with_name("hostile.mutuality")
    shutil.copy(demo_file, path)
    with Engagement.open(path) as eng:
        rid = eng.rounds()[-1].id
        factors = [f.id for f in eng.framework.factors]
        for i, text in enumerate(HOSTILE):
            eng.set_notes(rid, factors[i], "client", text)
            eng.add_action(factors[i], text, owner=text[:30], side="joint")
            eng.add_participant(text[:50], text[:50], "client")
        eng.update_info(title=HOSTILE[0][:60])
        data = collect_report_data(eng)
    out = path.with_suffix(".html")
    build_html(data, out)
    return out


def test_one_self_contained_file(demo_html: Path) -> None:
    source = demo_html.read_text(encoding="utf-8")
    doc = parse(demo_html)
    tags = [tag for tag, _ in doc.tags]
    assert "script" not in tags and "link" not in tags and "iframe" not in tags
    for tag, attrs in doc.tags:
        for name in ("src", "href"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), (
                tag,
                value,
            )  # only links within the page
    assert source.count("<style>") == 1 and "@media print" in source
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in source


def test_landmarks_headings_and_skip_link(demo_html: Path) -> None:
    doc = parse(demo_html)
    html_attrs = next(attrs for tag, attrs in doc.tags if tag == "html")
    assert html_attrs["lang"] == "en-GB"
    first_link = next(attrs for tag, attrs in doc.tags if tag == "a")
    assert first_link["href"] == "#main"
    assert any(tag == "main" and attrs.get("id") == "main" for tag, attrs in doc.tags)
    levels = [int(tag[1]) for tag, _ in doc.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (
        "a heading level skipped"
    )
    ids = {attrs.get("id") for _, attrs in doc.tags}
    links = [attrs["href"] for tag, attrs in doc.tags if tag == "a" and attrs.get("href")]
    assert all(href[1:] in ids for href in links), "a contents link points nowhere"


def test_tables_charts_and_captions(demo_html: Path) -> None:
    source = demo_html.read_text(encoding="utf-8")
    tables = re.findall(r"<table>.*?</table>", source, re.S)
    assert len(tables) >= 15
    for table in tables:
        assert "<caption" in table and 'scope="' in table
    charts = re.findall(
        r'<div class="pair"><figure>(<svg.*?</svg>)<figcaption>.*?</figcaption></figure>'
        r'<div class="table-wrap"[^>]*><table><caption[^>]*>The numbers in the chart',
        source,
        re.S,
    )
    assert len(charts) == 3  # each chart has the table of its numbers beside it
    for svg in charts:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
        desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
        assert "Radar chart of" in desc and re.search(r"\d", desc)


def test_the_same_content_as_the_pdf(demo_file: Path, demo_html: Path, demo_outputs) -> None:  # type: ignore[no-untyped-def]
    pdf = demo_outputs.pdf  # build_report_file of the demo, once per session
    with pikepdf.open(pdf) as doc:
        sections, item = [], doc.Root.Outlines.First
        while item is not None:
            sections.append(str(item.Title))
            item = item.get("/Next")
    doc_html = parse(demo_html)
    h2 = [text for tag, text in doc_html.headings if tag == "h2"]
    assert h2 == ["Contents", *[s for s in sections if s != "Contents"]]
    text = doc_html.all_text()
    with Engagement.open(demo_file, readonly=True) as eng:
        notes = [s.notes for s in eng.scores(eng.rounds()[-1].id).values() if s.notes]
        actions, people = eng.actions(), eng.participants()
        factors = eng.framework.factors
    for note in notes:
        for line in note.splitlines():
            assert " ".join(line.split()) in text
    for action in actions:
        assert " ".join(action.text.split()) in text
    for person in people:
        assert person.name in text
    for factor in factors:
        assert factor.name in text


def test_user_text_is_literal(hostile_html: Path) -> None:
    source = hostile_html.read_text(encoding="utf-8")
    doc = parse(hostile_html)
    tags = [tag for tag, _ in doc.tags]
    assert "script" not in tags and "img" not in tags and "i" not in tags
    text = doc.all_text()
    assert " ".join(HOSTILE[0].split()) in text
    assert "中文 日本語 한국어 · 🙂👍🏽 · नमस्ते · สวัสดี" in text  # every script as typed
    assert "\x07" not in source and "\x1b" not in source


def test_cli_writes_the_html_edition(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    run = subprocess.run(
        [sys.executable, "-m", "mutuality_desktop", "report", str(demo_file), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_unwritable_output_is_a_clear_error(demo_file: Path, tmp_path: Path) -> None:
    with pytest.raises(HtmlReportError, match="could not be written"):
        build_html_file(demo_file, tmp_path / "no such folder" / "r.html")


needs_axe = pytest.mark.skipif(
    axe_script() is None or chromium() is None,
    reason="axe-core or Chromium is missing: apt-get install chromium; "
    "npm install --prefix build/axe axe-core@4 (.ci/system-deps does both)",
)


@needs_axe
@pytest.mark.parametrize("width", [360, 1280])
def test_axe_finds_no_wcag_violation(demo_html: Path, hostile_html: Path, width: int) -> None:
    for page in (demo_html, hostile_html):
        result = run_axe(page, width)
        assert result["violations"] == [], result["violations"]
        assert {"document-title", "html-has-lang", "bypass", "svg-img-alt"} <= set(result["passes"])
