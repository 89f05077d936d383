"""The optional audit-trail appendix: every recorded change, with who and when, escaped."""

from __future__ import annotations

import shutil

import pypdf

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.merge_files import merge_files
from mutuality_desktop.core.report import build_report_file

F1 = "joint-objective-setting"


def text_of(path) -> str:
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)


def test_the_audit_trail_lists_both_copies_changes_and_the_merge(demo_path, tmp_path):
    theirs = tmp_path / "colleague.mutuality"
    shutil.copy(demo_path, theirs)
    with Engagement.open(theirs) as e:
        e.author = "Sian <b>Evans"  # user text: printed as it is, never as markup
        e.set_score(e.rounds()[-1].id, F1, "agreed", 4)
    with Engagement.open(demo_path) as e:
        e.author = "Andrea Price"
        e.add_action(F1, "Publish the joint objectives")
    merged = tmp_path / "merged.mutuality"
    merge_files(demo_path, theirs, merged, author="Dafydd Jones")
    plain, audited = tmp_path / "plain.pdf", tmp_path / "audited.pdf"
    build_report_file(merged, plain)
    build_report_file(merged, audited, audit_trail=True)
    assert "Audit trail" not in text_of(plain)
    text = " ".join(text_of(audited).split())
    assert "Audit trail" in text
    assert "Sian <b>Evans" in text and "Andrea Price" in text and "Dafydd Jones" in text
    assert "merged “colleague.mutuality”" in text
