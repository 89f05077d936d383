"""The headless paths: `report -o OUT.docx [--template]`, `xlsx` and `pptx`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest
from pptx import Presentation

from mutuality_desktop.cli import run


def test_report_to_docx_with_a_house_template(demo_file: Path, tmp_path: Path, capsys) -> None:
    template = tmp_path / "house.docx"
    house = docx.Document()
    house.sections[0].header.paragraphs[0].text = "HOUSE {{provider}}"
    house.save(str(template))
    out = tmp_path / "report.docx"
    assert run(["report", str(demo_file), "-o", str(out), "--template", str(template), "--round", "Baseline"]) == 0
    assert f"Wrote the Word report to {out}" in capsys.readouterr().out
    document = docx.Document(str(out))
    assert document.sections[0].header.paragraphs[0].text.startswith("HOUSE Tarnwell")
    assert any(p.text == "Baseline · 12 March 2026".upper() for p in document.paragraphs)


@pytest.mark.parametrize("command", ["xlsx", "pptx"])
def test_workbook_and_deck_commands(demo_file: Path, tmp_path: Path, capsys, command: str) -> None:
    out = tmp_path / f"out.{command}"
    assert run([command, str(demo_file), "-o", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    if command == "xlsx":
        assert openpyxl.load_workbook(out).sheetnames[0] == "About"
    else:
        assert len(Presentation(str(out)).slides) >= 7


def test_errors_are_one_sentence_and_a_nonzero_exit(demo_file: Path, tmp_path: Path, capsys) -> None:
    assert run(["report", str(demo_file), "-o", str(tmp_path / "r.pdf"), "--template", "x.docx"]) == 1
    assert "--template is for a Word report" in capsys.readouterr().err
    not_word = tmp_path / "notes.docx"
    not_word.write_text("plain text", encoding="utf-8")
    assert run(["report", str(demo_file), "-o", str(tmp_path / "r.docx"), "--template", str(not_word)]) == 1
    assert capsys.readouterr().err.strip() == "The house template notes.docx is not a Word document (.docx or .dotx)."
    assert run(["pptx", str(demo_file), "-o", str(tmp_path / "missing" / "deck.pptx")]) == 1
    assert "could not be written" in capsys.readouterr().err
    assert run(["xlsx", str(tmp_path / "notes.docx"), "-o", str(tmp_path / "b.xlsx")]) == 2  # not our file
    assert not (tmp_path / "r.docx").exists() and not (tmp_path / "b.xlsx").exists()


def test_the_installed_entry_point_runs_the_office_commands(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    done = subprocess.run([sys.executable, "-m", "mutuality_desktop", "pptx", str(demo_file), "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.exists()
