"""A report of an earlier round scored on an earlier guide (before File → Move to guide, issue 21)
prints that round's own guide text: its factor descriptions, the factor the newer guide dropped,
and its version; the later round's report prints the newer guide's."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pypdf

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.report import (
    ReportOptions,
    build_html,
    build_report,
    collect_report_data,
)

sys.path.insert(0, str(Path(__file__).parent.parent / "core"))
from conftest import INFO  # noqa: E402
from newer_guide import ADDED_NAME, NEW, OLD, REMOVED, REWORDED, newer_guide_text  # noqa: E402

NEWER_WORDING = f"Version {NEW} asks for the evidence in the room."


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_the_baseline_report_prints_the_guide_the_baseline_was_scored_on(tmp_path: Path) -> None:
    path = tmp_path / "moved.mutuality"
    with Engagement.create(path, INFO) as e:
        base = e.rounds()[0].id
        e.set_score(base, REMOVED, "agreed", 3)
        e.set_score(base, REWORDED[0], "agreed", 2)
        removed_name = e.framework.factor(REMOVED).name
        e.apply(ops.MoveToFramework(newer_guide_text()))
        follow = e.add_round("Follow-up").id
        e.set_score(follow, REWORDED[0], "agreed", 3)
        e.set_score(follow, REWORDED[1], "agreed", 3)
        options = ReportOptions(guide="all")
        baseline = collect_report_data(e, base, options)
        later = collect_report_data(e, follow, options)
    assert baseline.framework.version == OLD and later.framework.version == NEW
    build_html(baseline, tmp_path / "baseline.html")
    text = _text(tmp_path / "baseline.html")
    assert NEWER_WORDING not in text
    assert removed_name in text and ADDED_NAME not in text
    build_report(baseline, tmp_path / "baseline.pdf")
    pdf = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pypdf.PdfReader(str(tmp_path / "baseline.pdf")).pages))
    assert "asks for the evidence in the room" not in pdf and removed_name in pdf
    build_html(later, tmp_path / "later.html")
    text = _text(tmp_path / "later.html")
    assert NEWER_WORDING in text and ADDED_NAME in text
