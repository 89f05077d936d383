"""Play-through 13: once a factor recorded as Not agreed is agreed after all, its notes must not
go on reading "Not agreed", and reasons written for another level must not come back unlabelled."""

from __future__ import annotations

from mutuality_desktop.core.agreement import (
    NOT_AGREED_EARLIER,
    agreed_after_all,
    not_agreed_opening,
    notes_not_agreed,
)
from mutuality_desktop.core.framework import default_framework

SCALE = default_framework().scale
OPENING = not_agreed_opening(SCALE, "Brackenford Council", "Tarnwell Ltd", 3, 3)
WRITTEN_FOR_3 = "Moved from Level 2 to Level 3: six objectives agreed."


def test_the_buttons_sentence_goes_and_notes_for_the_level_now_agreed_lose_their_label():
    notes, _ = notes_not_agreed(OPENING, WRITTEN_FOR_3, SCALE, 3)
    assert "from when the room agreed level 3 (Established)" in notes
    assert agreed_after_all(notes, 3) == WRITTEN_FOR_3  # agreed at the level they were written for


def test_notes_written_for_another_level_keep_saying_so():
    notes, _ = notes_not_agreed(OPENING, WRITTEN_FOR_3, SCALE, 3)
    after = agreed_after_all(notes, 4)
    assert after == f"Earlier notes, from when the room agreed level 3 ({SCALE.name_of(3)}): {WRITTEN_FOR_3}"
    assert not after.startswith("Not agreed")


def test_a_reason_typed_after_the_sentence_stays_said_to_be_from_when_the_room_did_not_agree():
    notes, cursor = notes_not_agreed(OPENING, "", SCALE, None)
    typed = notes[:cursor] + "The August statement came late."
    # never printed as the agreed reasoning (play-through s12)
    assert agreed_after_all(typed, 2) == NOT_AGREED_EARLIER + "The August statement came late."


def test_notes_typed_to_begin_not_agreed_are_kept_as_earlier_notes():
    typed = "Not agreed. The council holds Level 2 and Tarnwell Level 3; they differ on the data."
    assert agreed_after_all(typed, 3) == NOT_AGREED_EARLIER + typed
    assert agreed_after_all("Agreed in the room: quarterly review.", 3) == "Agreed in the room: quarterly review."
