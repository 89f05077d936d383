"""Which version of the scoring guide rounds were scored on, and what differs in the app's own (issue 21)."""

from __future__ import annotations

from pathlib import Path

from mutuality_desktop.core.framework import default_framework, framework_difference, load_framework
from mutuality_desktop.core.framework_guide import newer_guide_note, rounds_version_sentence

OLD = Path(__file__).parent / "data" / "vfm-mutuality-1.0.1.json"


def test_an_engagement_on_an_older_guide_is_told_which_factors_the_newer_one_words_differently():
    old, new = load_framework(OLD), default_framework()
    note = newer_guide_note(old, new)
    reworded = framework_difference(old, new).reworded
    assert note.startswith("This engagement is scored on version 1.0.1 of the scoring guide, kept in its "
                           f"file. This app's guide is version {new.version}, which words "
                           f"{len(reworded)} factors differently: ")
    for fid in reworded:  # each named as the engagement's own guide names it
        assert old.factor(fid).name in note
    assert "move the engagement to it: the rounds scored so far keep the wording they were scored on" in note
    assert newer_guide_note(new, new) == ""  # the same guide: nothing to say
    assert newer_guide_note(old, old) == ""


def test_rounds_of_one_file_share_its_one_guide():
    assert rounds_version_sentence(load_framework(OLD)) == (
        "Both rounds were scored against version 1.0.1 of the scoring guide, kept in the engagement "
        "file, so no factor's wording differs between them.")
