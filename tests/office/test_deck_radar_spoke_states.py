"""The deck's mutuality radar says every spoke's state: "(not agreed)" where the room could not
agree a factor both sides scored (play-through 4: Joint governance structure said nothing while
the empty spokes said "(not yet scored)"), the state on a line of its own, and the names either
side of the top one on short lines so they do not crowd it."""

from __future__ import annotations

from pathlib import Path

import pptx

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.office.deck import write_pptx
from mutuality_desktop.core.report.data import collect_report_data

LEVELS = {  # the play-through's round: client, provider, agreed
    "joint-objective-setting": (4, 2, 3),
    "joint-governance-structure": (1, 3, None),
    "joint-executive-leadership": (2, 3, 3),
}


def _categories(tmp_path: Path) -> list[str]:
    with Engagement.create(tmp_path / "p.mutuality", EngagementInfo("R", "C", "P")) as e:
        rnd = e.rounds()[0]
        for fid, (client, provider, agreed) in LEVELS.items():
            e.set_score(rnd.id, fid, "client", client)
            e.set_score(rnd.id, fid, "provider", provider)
            e.set_score(rnd.id, fid, "agreed", agreed)
        e.set_notes(rnd.id, "joint-governance-structure", "agreed", "Not agreed. One against three.")
        e.apply(ops.SetNotApplicable(rnd.uuid, "behaviours-and-trust-indicators", "No trust survey"))
        data = collect_report_data(e)
    write_pptx(data, tmp_path / "d.pptx")
    slide = next(s for s in pptx.Presentation(str(tmp_path / "d.pptx")).slides
                 if any(sh.has_text_frame and "how each side sees" in sh.text_frame.text for sh in s.shapes))
    chart = next(sh.chart for sh in slide.shapes if sh.has_chart)
    return list(chart.plots[0].categories)


def test_a_not_agreed_spoke_says_so_on_a_line_of_its_own(tmp_path: Path) -> None:
    categories = _categories(tmp_path)
    governance = next(c for c in categories if " ".join(c.split()).startswith("Joint governance"))
    assert governance.split("\n")[-1] == "(not agreed)"
    assert " ".join(governance.split()) == "Joint governance structure (not agreed)"
    unscored = [c for c in categories if "not yet scored" in c]
    assert len(unscored) == 14 - len(LEVELS)
    assert all(c.split("\n")[-1] == "(not yet scored)" for c in unscored)
    scored = [c for c in categories if " ".join(c.split()).startswith(("Joint objective", "Joint executive"))]
    assert all("(" not in c for c in scored)


def test_the_names_beside_the_top_spoke_are_on_short_lines(tmp_path: Path) -> None:
    categories = _categories(tmp_path)
    assert categories[0] == "Joint objective\nsetting"  # the top spoke: short lines too
    for neighbour in (categories[1], categories[-1]):
        assert max(len(line) for line in neighbour.split("\n")) <= 16, neighbour
    assert " ".join(categories[-1].split()) == "Relationship management strategy (not yet scored)"
