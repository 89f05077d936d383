"""The PowerPoint mutuality radar of a round barely begun (two factors agreed, the rest "(not yet
scored)" on a line of their own) keeps its spoke names apart when LibreOffice draws it: the
play-through's Kestrel Vale deck (slide 4) had "Joint issue resolution" over "Joint risk
management", "Joint knowledge management" over "Joint communications" and "Joint exit" over
"Measurement". out10's test reads the fully scored demo, whose names have no state line."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.framework import MUTUALITY
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.office.deck import write_pptx_file
from tests.office.test_out10_deck_radar import Box, _radar_slide
from tests.office.test_out10_deck_radar import _labels as _spoke_lines

STATES = ("(not yet scored)", "(not agreed)")


def _labels(pdf: Path, page: int, names: list[str]) -> list[tuple[int, str, Box]]:
    """Each line of a spoke name or of its state, with its block and box."""
    return _spoke_lines(pdf, page, names, STATES)


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice and pdftotext")
def test_unscored_spoke_names_and_their_state_lines_stay_apart(tmp_path: Path) -> None:
    path = tmp_path / "kv.mutuality"
    with Engagement.create(path, EngagementInfo(title="Kestrel Vale partnership review",
                                                client_organisation="Kestrel Vale District Council",
                                                provider_organisation="Orrin Facilities Ltd",
                                                workshop_date=dt.date(2026, 11, 27))) as e:
        rid = e.rounds()[0].id
        e.set_scope(rid, ["mutuality", "economy"])
        for f, client, provider, agreed in (("joint-objective-setting", 3, 2, 2),
                                            ("joint-governance-structure", 3, 2, 3),
                                            ("behaviours-and-trust-indicators", 3, 4, None)):
            e.set_score(rid, f, "client", client)
            e.set_score(rid, f, "provider", provider)
            if agreed is not None:
                e.set_score(rid, f, "agreed", agreed)
        names = [f.name for f in e.framework.dimension(MUTUALITY).factors]
    deck = tmp_path / "deck.pptx"
    write_pptx_file(path, deck)
    page = _radar_slide(deck)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(deck)], capture_output=True, check=True, timeout=240)
    lines = _labels(tmp_path / "deck.pdf", page, names)
    # every unscored spoke's state on a line of its own: pdftotext reads two names drawn into each
    # other as one line, so a state line would go missing (7af800e^ lost one)
    assert sum(1 for _, t, _ in lines if t == "(not yet scored)") == 12
    # Every pair of lines, whichever block pdftotext put them in (names that touch are merged into
    # one block). A line's box takes in its leading: two lines of one name overlap by about 1.4 pt,
    # and on merged main the closest two names (a state line over the next name) by about 4.7 pt,
    # their letters clear; 12 pt letters over each other would overlap by 8 pt or more.
    for i, (_, text_a, a) in enumerate(lines):
        for _, text_b, b in lines[i + 1:]:
            across = min(a[2], b[2]) - max(a[0], b[0])
            down = min(a[3], b[3]) - max(a[1], b[1])
            assert across <= 0 or down <= 6.0, f"'{text_a}' {a} runs into '{text_b}' {b}"
