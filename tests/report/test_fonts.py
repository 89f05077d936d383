"""Characters outside DejaVu Sans: Chinese, Japanese and Korean print in a fallback font; the rest
are named in a warning, never silent boxes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.report import build_report, collect_report_data
from mutuality_desktop.core.report.fonts import FALLBACK, fallback_font, register_fonts
from mutuality_desktop.core.report.text import collecting_missing, esc, missing_warning, printable

needs_fallback = pytest.mark.skipif(
    (register_fonts(), fallback_font())[1] is None,
    reason="no CJK fallback font installed (Debian: apt-get install fonts-wqy-zenhei; "
    ".ci/system-deps does it)",
)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, demo_master: Path) -> Path:
    path = tmp_path_factory.mktemp("fonts") / "demo.mutuality"
    shutil.copyfile(demo_master, path)
    return path


def _report(demo_file: Path, tmp_path: Path, note: str, name: str = "") -> tuple[list[str], Path]:
    path = tmp_path / "e.mutuality"
    shutil.copy(demo_file, path)
    with Engagement.open(path) as eng:
        eng.set_notes(eng.rounds()[-1].id, "joint-objective-setting", "client", note)
        if name:
            eng.add_participant(name, "Director", "client")
        data = collect_report_data(eng)
    out = tmp_path / "r.pdf"
    return build_report(data, out), out


def test_characters_no_font_has_are_named_in_a_warning(demo_file: Path, tmp_path: Path) -> None:
    warnings, _ = _report(demo_file, tmp_path, "Emoji 🙂 · Devanagari नमस्ते · Thai สวัสดี")
    assert len(warnings) == 1
    for ch in ("🙂 (U+1F642)", "न (U+0928)", "ส (U+0E2A)"):
        assert ch in warnings[0]
    assert "HTML" in warnings[0]


def test_right_to_left_text_is_named_in_a_warning(demo_file: Path, tmp_path: Path) -> None:
    warnings, _ = _report(demo_file, tmp_path, "Hebrew שלום and Arabic مرحبا")
    assert len(warnings) == 1 and "Right-to-left text" in warnings[0] and "HTML" in warnings[0]


def test_a_report_in_latin_greek_and_cyrillic_has_no_font_warning(
    demo_file: Path, tmp_path: Path
) -> None:
    warnings, _ = _report(
        demo_file, tmp_path, "Gwasanaethau’r Cyngor ŵŷ · zażółć · Καλημέρα · Привет"
    )
    assert warnings == []


@needs_fallback
def test_chinese_japanese_and_korean_print_in_the_fallback_font(
    demo_file: Path, tmp_path: Path
) -> None:
    _, covered = fallback_font() or ("", frozenset())
    korean = (
        "한국어" if all(ord(c) in covered for c in "한국어") else ""
    )  # not in Droid Sans Fallback
    note = f"中文 日本語のテキスト {korean} <b>not bold</b>"
    warnings, out = _report(demo_file, tmp_path, note, name="王小明")
    assert warnings == []
    reader = pypdf.PdfReader(str(out))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert " ".join(note.split()) in " ".join(text.split())
    assert "王小明" in text
    fonts = {
        str(f.get_object()["/BaseFont"])
        for page in reader.pages
        for f in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any("DejaVu" not in name for name in fonts)  # the fallback font is embedded too


@needs_fallback
def test_markup_stays_literal_around_fallback_runs() -> None:
    marked = esc("<b>中</b> & x")
    assert marked == f'&lt;b&gt;<font face="{FALLBACK}">中</font>&lt;/b&gt; &amp; x'


def test_missing_characters_are_collected_only_while_building() -> None:
    assert printable("a🙂") == "a\ufffd"  # outside a build: replaced, not recorded anywhere
    with collecting_missing() as found:
        printable("🙂 x 🚀")
    assert found.missing == {"🙂", "🚀"} and not found.rtl
    assert "2 characters" in missing_warning(found.missing)
    many = missing_warning({chr(0x1F600 + i) for i in range(20)})
    assert "and 8 more" in many
