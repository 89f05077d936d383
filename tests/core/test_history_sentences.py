"""The history as sentences a consultant reads: who did what, when, on which copy."""

from __future__ import annotations

import re
import shutil

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.history_sentences import history_sentences

F1 = "joint-objective-setting"


def test_each_change_reads_as_one_sentence(eng, tmp_path):
    eng.author = "Sian Evans"
    rid = eng.rounds()[0].id
    eng.set_score(rid, F1, "agreed", 2)
    eng.set_score(rid, F1, "agreed", 3)
    eng.set_notes(rid, F1, "agreed", "Joint plan seen.")
    eng.add_participant("Tom Reid", "Contract manager", "provider")
    eng.update_info(workshop_venue="Civic Centre")
    lines = history_sentences(eng)
    assert re.fullmatch(r"Sian Evans set the agreed level for Joint objective setting \(Baseline\) "
                        r"from 2 to 3 on \d{1,2} \w{3} \d{4}, \d\d:\d\d", lines[1])
    # a file only ever edited here: which copy made each change goes without saying (s12)
    assert not any("copy" in line for line in lines)
    assert lines[0].startswith("Sian Evans set the agreed level for Joint objective setting "
                               "(Baseline) to 2 on ")
    assert "edited the agreed evidence notes for Joint objective setting (Baseline): “Joint plan seen.”" \
        in lines[2]
    assert "added participant “Tom Reid”" in lines[3]
    assert "changed the engagement details: workshop venue" in lines[4]


def test_a_change_made_on_another_copy_says_so(eng, tmp_path):
    rid = eng.rounds()[0].id
    eng.set_score(rid, F1, "client", 1)
    eng.close()
    moved = tmp_path / "elsewhere" / "review.mutuality"
    moved.parent.mkdir()
    shutil.copy(eng.path, moved)
    with Engagement.open(moved) as there:
        there.author = "Andrea Price"
        there.set_score(there.rounds()[0].id, F1, "client", 2)
        lines = history_sentences(there)
    assert lines[0].endswith("on another copy") and lines[1].endswith("on this copy")
