"""Not agreed: a factor the room discussed and could not agree (scoring guide 2.1, "When the room cannot agree").

The guide leaves the agreed level empty when the two sides still differ at the end of a factor's
time, keeps both sides' levels, and has the agreed notes give each side's level and reason. Such a
factor is not "Not assessed": the room reached it. It is told apart from a factor the room has not
reached (which may carry the two sides' pre-scores but has no agreed notes) by those notes.

Every output asks here what to print where the agreed level would go: the CSV, the report (PDF
and HTML), Word, Excel, PowerPoint, Results' table and the walkthrough's AGREED button.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from .applicability import marks

if TYPE_CHECKING:
    from .framework import Factor, Framework, Scale
    from .model import Score

NOT_AGREED = "Not agreed"
NOT_YET_AGREED = "Not yet agreed"


class Agreement(Enum):
    """Where a factor stands on its agreed level."""

    AGREED = "agreed"  # an agreed level
    NOT_AGREED = "not agreed"  # both sides' levels, no agreed level, agreed notes saying why
    NOT_YET_AGREED = "not yet agreed"  # both sides' levels, no agreed level, no notes yet
    NOT_ASSESSED = "not assessed"  # no agreed level and not both sides' levels


def agreement(client: int | None, provider: int | None, agreed: int | None, agreed_notes: str) -> Agreement:
    """Where a factor stands, from its three levels and the agreed notes."""
    if agreed is not None:
        return Agreement.AGREED
    if client is None or provider is None:
        return Agreement.NOT_ASSESSED
    return Agreement.NOT_AGREED if agreed_notes.strip() else Agreement.NOT_YET_AGREED


def not_agreed(client: int | None, provider: int | None, agreed: int | None, agreed_notes: str) -> bool:
    """True when the factor has no agreed level, a level from each side, and agreed notes saying why."""
    return agreement(client, provider, agreed, agreed_notes) is Agreement.NOT_AGREED


def _level(scores: Mapping[tuple[str, str], Score], factor_id: str, perspective: str) -> int | None:
    score = scores.get((factor_id, perspective))
    return None if score is None else score.level


def agreement_in(scores: Mapping[tuple[str, str], Score], factor_id: str) -> Agreement:
    """Where a factor stands in a round's scores ((factor id, perspective) -> Score)."""
    notes = scores.get((factor_id, "agreed"))
    return agreement(_level(scores, factor_id, "client"), _level(scores, factor_id, "provider"),
                     _level(scores, factor_id, "agreed"), notes.notes if notes is not None else "")


def no_level_text(scale: Scale, state: Agreement, live: bool = False) -> str:
    """What stands where the agreed level would: "Not agreed", the scale's "Not assessed", or,
    during the day (live), "Not yet agreed" while both sides have scored and the room has not
    settled. Printed outputs keep "Not assessed" for that last case: the room may not have reached
    the factor (the two sides' levels can be pre-scores)."""
    if state is Agreement.NOT_AGREED:
        return NOT_AGREED
    if state is Agreement.NOT_YET_AGREED and live:
        return NOT_YET_AGREED
    return scale.not_assessed_label


def agreed_text(scale: Scale, scores: Mapping[tuple[str, str], Score], factor_id: str, live: bool = False) -> str:
    """The agreed level's name, or what stands in its place (see no_level_text)."""
    level = _level(scores, factor_id, "agreed")
    if level is not None:
        return scale.name_of(level)
    return no_level_text(scale, agreement_in(scores, factor_id), live)


def empty_agreed(scale: Scale, scores: Mapping[tuple[str, str], Score], factor_id: str) -> str | None:
    """For a printed output's empty agreed cell: "Not agreed" for a disputed factor, else None
    (the output prints its usual not-assessed label)."""
    return NOT_AGREED if agreement_in(scores, factor_id) is Agreement.NOT_AGREED else None


def notes_label(scores: Mapping[tuple[str, str], Score], factor_id: str, perspective: str, label: str) -> str:
    """The heading of a perspective's notes: the agreed notes of a factor not agreed are not
    "Agreed in the room" but what the room said when it could not agree."""
    if perspective == "agreed" and agreement_in(scores, factor_id) is Agreement.NOT_AGREED:
        return NOT_AGREED_NOTES
    return label


NOT_AGREED_NOTES = "In the room"  # the notes themselves begin "Not agreed" (guide 2.1)


@dataclass(frozen=True)
class Dispute:
    """A factor the room could not agree, with both sides' levels."""

    factor: Factor
    client: int
    provider: int


def disputes(framework: Framework, scores: Mapping[tuple[str, str], Score],
             factor_ids: Collection[str] | None = None) -> list[Dispute]:
    """The factors not agreed, in workshop order (only those in factor_ids when given)."""
    out = []
    na = marks(scores)  # not applicable in the round: neither agreed nor disputed
    for dim in framework.workshop_order():
        for f in dim.factors:
            if (factor_ids is None or f.id in factor_ids) and f.id not in na and agreement_in(scores, f.id) is Agreement.NOT_AGREED:
                client, provider = _level(scores, f.id, "client"), _level(scores, f.id, "provider")
                assert client is not None and provider is not None
                out.append(Dispute(f, client, provider))
    return out


def dispute_levels(scale: Scale, d: Dispute) -> str:
    """'client 3 Established, provider 1 Initial'."""
    return (f"client {d.client} {scale.name_of(d.client)}, "
            f"provider {d.provider} {scale.name_of(d.provider)}")


def disputes_sentence(framework: Framework, scores: Mapping[tuple[str, str], Score],
                      factor_ids: Collection[str] | None = None) -> str:
    """One sentence naming every factor not agreed, with both sides' levels ('' when none):
    'Not agreed by the room: Joint communications strategy (client 3 Established, provider 1
    Initial); it has no agreed level and counts in no mean.'"""
    found = disputes(framework, scores, factor_ids)
    if not found:
        return ""
    named = [f"{d.factor.name} ({dispute_levels(framework.scale, d)})" for d in found]
    listed = named[0] if len(named) == 1 else "; ".join(named[:-1]) + "; and " + named[-1]
    tail = ("it has no agreed level and counts in no mean" if len(found) == 1
            else "they have no agreed level and count in no mean")
    return f"Not agreed by the room: {listed}. {tail[0].upper()}{tail[1:]}."


def split_not_agreed(framework: Framework, scores: Mapping[tuple[str, str], Score],
                     unagreed: Sequence[Factor]) -> tuple[str, list[Factor]]:
    """Of factors with no agreed level: the sentence naming those the room could not agree, with
    both sides' levels ('' when none), and the others (not reached or still being discussed)."""
    sentence = disputes_sentence(framework, scores, {f.id for f in unagreed})
    rest = [f for f in unagreed if agreement_in(scores, f.id) is not Agreement.NOT_AGREED]
    return sentence, rest


def previous_agreed_text(scale: Scale, label: str, scores: Mapping[tuple[str, str], Score], factor_id: str) -> str:
    """The walkthrough's line on the round before: 'Baseline: agreed 2 Developing', 'Baseline: not
    agreed' (the room could not agree it then) or 'Baseline: not assessed'."""
    agreed = scores.get((factor_id, "agreed"))
    level = None if agreed is None else agreed.level
    if level is not None:
        return f"{label}: agreed {level} {scale.name_of(level)}"
    return f"{label}: {agreed_text(scale, scores, factor_id).lower()}"


# --- recording Not agreed from the walkthrough's button ----------------------------------------

_OPENING = re.compile(r"\ANot agreed\. .*? (?:holds level \d+ \([^)\n]*\)|has no level) and .*? "
                      r"(?:level \d+ \([^)\n]*\)|has no level)\.[ \t]*(\n|\Z)?")
# The same sentence read for its parts: the names as written and each side's level (none: "has no level")
_SENTENCE = re.compile(r"\ANot agreed\. (?P<first>.*?) (?:holds level (?P<client>\d+) \([^)\n]*\)|has no level)"
                       r" and (?P<second>.*?) (?:level (?P<provider>\d+) \([^)\n]*\)|has no level)\.")


def not_agreed_opening(scale: Scale, client_name: str, provider_name: str, client: int | None,
                       provider: int | None) -> str:
    """The sentence the agreed notes begin with when the room records that it cannot agree (guide
    2.1: 'Not agreed', each side's level): 'Not agreed. Northshire County Council holds level 2
    (Developing) and Tarnwell Highways level 3 (Defined).' Organisation names are printed as given;
    without one, 'The client' and 'the provider'."""
    first = client_name.strip() or "The client"
    second = provider_name.strip() or "the provider"
    return _sentence(scale, first, second, client, provider)


def _sentence(scale: Scale, first: str, second: str, client: int | None, provider: int | None) -> str:
    """A side whose level was cleared after the sentence was written 'has no level' (true, and
    the level typed again puts it back)."""
    said_first = "has no level" if client is None else f"holds level {client} ({scale.name_of(client)})"
    said_second = "has no level" if provider is None else f"level {provider} ({scale.name_of(provider)})"
    return f"Not agreed. {first} {said_first} and {second} {said_second}."


def restated_not_agreed(scale: Scale, notes: str, before: tuple[int | None, int | None],
                        after: tuple[int | None, int | None]) -> str | None:
    """The agreed notes with their opening Not agreed sentence saying the sides' levels after a
    level changed, or None when nothing is to change.

    Only a sentence that was true before the change (its levels are the levels before) is
    rewritten: it then stays true, in the names as written, and everything after it is kept as
    typed. Text that merely looks like it, or a sentence already out of date, is left alone (a
    file being rebuilt from its JSON form sets levels one by one after such notes)."""
    match = _SENTENCE.match(notes)
    if match is None or before == after:
        return None
    said = tuple(None if match.group(side) is None else int(match.group(side)) for side in ("client", "provider"))
    if said != before:
        return None
    text = _sentence(scale, match.group("first"), match.group("second"), *after) + notes[match.end():]
    return None if text == notes else text


def notes_not_agreed(opening: str, notes: str, scale: Scale | None = None,
                     agreed: int | None = None) -> tuple[str, int]:
    """The agreed notes with the opening put first, and where the cursor goes for the reason
    (just after the opening). Text already there is kept after it under "Earlier notes, from
    when the room agreed level 3 (Established):" (agreed: the level the button clears) or
    "Earlier notes:", so words written for an agreed level ("Moved from Level 2 to Level 3.") are
    never read as the room's view of a factor it did not agree (play-through 7, 6). A sentence
    written before by the button is replaced, so pressing it again after a level changed does not
    repeat it, and what follows it is kept as it is."""
    head = opening + " "
    rest = _after_opening(notes)
    if rest is None:
        said = ("" if agreed is None or scale is None
                else f", from when the room agreed level {agreed} ({scale.name_of(agreed)})")
        rest = f"Earlier notes{said}: {notes}" if notes.strip() else ""
    return (head + ("\n" + rest if rest.strip() else ""), len(head))


_EARLIER = re.compile(r"^Earlier notes(?:, from when the room agreed level (?P<level>\d+) \([^)\n]*\))?: ",
                      re.MULTILINE)
NOT_AGREED_EARLIER = "Earlier notes, from when the room did not agree: "


def _agreed_again(rest: str, earlier: re.Match[str] | None, older_still_earlier: bool) -> str:
    """What followed the button's sentence, once the room agrees after all: the notes that were
    there before (without their "Earlier notes" words unless older_still_earlier), and after them
    the reason typed for not agreeing under "Earlier notes, from when the room did not agree:", so
    reasons for not agreeing are never printed as the agreed reasoning (play-through s12: the PDF
    printed them under "Agreed in the room")."""
    reason = (rest if earlier is None else rest[:earlier.start()]).strip()
    if earlier is None:
        older = ""
    else:
        older = (rest[earlier.start():] if older_still_earlier else rest[earlier.end():]).strip()
    said = NOT_AGREED_EARLIER + reason if reason else ""
    if older_still_earlier:
        return "\n".join(part for part in (said, older) if part)
    return "\n".join(part for part in (older, said) if part)


def withdraw_not_agreed(notes: str) -> str:
    """The agreed notes without the opening sentence the button wrote and the "Earlier notes"
    words it put before the text that was there; a reason typed after it is kept after that text,
    under "Earlier notes, from when the room did not agree:". Pressed and taken back with nothing
    typed, the notes are as they were."""
    rest = _after_opening(notes)
    if rest is None:
        return notes
    return _agreed_again(rest, _EARLIER.search(rest), older_still_earlier=False)


def _after_opening(notes: str) -> str | None:
    """What follows the sentence the button wrote (without the line break after it), or None
    when the notes do not begin with that sentence."""
    match = _OPENING.match(notes)
    if match is None:
        return None
    rest = notes[match.end():]
    return rest[1:] if rest.startswith("\n") else rest


def agreed_after_all(notes: str, level: int) -> str:
    """The agreed notes of a factor recorded as Not agreed once the room agrees it at level after
    all (play-through 13: the notes went on reading "Not agreed" beside an agreed level, or reasons
    written for level 3 came back unlabelled under an agreed 4).

    The sentence the button wrote goes. Its "Earlier notes, from when the room agreed level N"
    words go only when N is the level now agreed (the notes were written for it); otherwise, and
    for plain "Earlier notes:", they stay. Notes typed to begin "Not agreed" are kept, under
    "Earlier notes, from when the room did not agree:". Any other notes are returned as they are."""
    rest = _after_opening(notes)
    if rest is None:
        if notes.lstrip().casefold().startswith(NOT_AGREED.casefold()):
            return NOT_AGREED_EARLIER + notes.lstrip()
        return notes
    earlier = _EARLIER.search(rest)
    written_for = None if earlier is None or earlier.group("level") is None else int(earlier.group("level"))
    return _agreed_again(rest, earlier, older_still_earlier=written_for != level)
