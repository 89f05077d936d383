"""Times as a person types them, and what to park in words (play-through s5, findings 7 and 12)."""

from __future__ import annotations

import pytest

from mutuality_desktop.core.agenda import park_advice, read_typed_time
from mutuality_desktop.core.errors import ValidationError
from mutuality_desktop.core.framework import default_framework


@pytest.mark.parametrize(("typed", "minute"), [("0900", 540), ("09:00", 540), ("9:00", 540), ("930", 570),
                                               ("9.30", 570), ("9", 540), (" 1700 ", 1020), ("00:00", 0)])
def test_typed_times_are_read(typed: str, minute: int) -> None:
    assert read_typed_time(typed) == minute


@pytest.mark.parametrize("typed", ["2500", "25:00", "0960", "nine", "9h", "12345", "", "9:3"])
def test_an_unreadable_time_says_what_was_typed(typed: str) -> None:
    with pytest.raises(ValidationError, match="time of day"):
        read_typed_time(typed)


def test_what_to_park_names_each_dimension_once_and_counts_the_rest() -> None:
    fw = default_framework()
    eco = [f.id for f in fw.dimension("economy").factors]
    mut = [f.id for f in fw.dimension("mutuality").factors]
    sentence, names = park_advice(fw, [eco[4], mut[14], mut[13], mut[12]], {eco[4]}, 990)
    assert sentence == ("To finish by 16:30, park 4 factors: Economy 5 (sides agree in pre-work), "
                        "Mutuality 15, 14 and 1 more.")
    assert names.splitlines()[1] == "Mutuality 15. Relationship management strategy"
    assert park_advice(fw, mut[:2], (), 990, left=2)[0] == "To finish by 16:30, park all 2 factors left."
    assert park_advice(fw, [], (), 990) == ("", "")
