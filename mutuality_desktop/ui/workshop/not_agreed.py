"""The AGREED card's "Room does not agree…" button (scoring guide 2.1, "When the room cannot agree").

Core decides what Not agreed is (core/agreement.py: no agreed level, a level from each side, and
agreed notes); the button records it through the normal operations, in one undo step: the agreed
level cleared if set, and the agreed notes beginning "Not agreed" with both sides' levels, any text
already there kept after them. Pressed again, it takes that sentence back and the next digit typed
in the guide chooses the agreed level, which makes the factor agreed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from ...core.agreement import (
    NOT_AGREED,
    NOT_AGREED_EARLIER,
    Agreement,
    agreed_after_all,
    agreement_in,
    not_agreed_opening,
    notes_not_agreed,
    withdraw_not_agreed,
)
from ...core.operations import Operation, SetNotes, SetScore

if TYPE_CHECKING:
    from ...core.model import Score
    from .page import WorkshopPage


def _levels(scores: Mapping[tuple[str, str], Score], factor_id: str) -> dict[str, int | None]:
    return {p: (s.level if (s := scores.get((factor_id, p))) else None) for p in ("client", "provider", "agreed")}


def show_button(page: WorkshopPage, scores: Mapping[tuple[str, str], Score]) -> None:
    """Pressed while core says Not agreed; usable only when both sides have a level, else the
    tooltip names the side without one."""
    levels = _levels(scores, page._factor_id)
    info = page.doc.engagement.info()
    names = {"client": info.client_organisation.strip() or "the client",
             "provider": info.provider_organisation.strip() or "the provider"}
    missing = [names[p] for p in ("client", "provider") if levels[p] is None]
    said = " and ".join(missing) + (" have" if len(missing) == 2 else " has") if missing else ""
    same = ""
    if not missing and levels["client"] == levels["provider"] and levels["client"] is not None:
        level = levels["client"]  # the guide's Not agreed is for two sides that still differ
        same = f"{level} {page.framework.scale.level(level).name}"
    page.evidence.show_not_agreed(agreement_in(scores, page._factor_id) is Agreement.NOT_AGREED, said,
                                  same)


def _cleared(page: WorkshopPage) -> dict[tuple[int, str], int]:
    """The agreed levels the button cleared in this window, by (round, factor): taking Not agreed
    back restores the level (play-through s6 5: the earlier 3 was gone and the card still said
    Not agreed until a digit was typed)."""
    kept: dict[tuple[int, str], int] | None = getattr(page, "_not_agreed_cleared", None)
    if kept is None:
        kept = {}
        page._not_agreed_cleared = kept  # type: ignore[attr-defined]
    return kept


def press(page: WorkshopPage, record: bool) -> None:
    """Record Not agreed (record) or take it back and let the next digit choose the agreed level."""
    page.evidence.flush()  # the agreed notes as typed so far are the base
    engagement = page.doc.engagement
    scores = engagement.scores(page._round_id)
    levels = _levels(scores, page._factor_id)
    notes = (s.notes if (s := scores.get((page._factor_id, "agreed"))) else "")
    factor, uuid = page.factor(), engagement.round_uuid(page._round_id)
    client, provider = levels["client"], levels["provider"]
    if record and client is not None and provider is not None:
        info = engagement.info()
        opening = not_agreed_opening(page.framework.scale, info.client_organisation,
                                     info.provider_organisation, client, provider)
        text, cursor = notes_not_agreed(opening, notes, page.framework.scale, levels["agreed"])
        steps: list[Operation] = []
        if levels["agreed"] is not None:
            steps.append(SetScore(uuid, page._factor_id, "agreed", None))
            _cleared(page)[(page._round_id, page._factor_id)] = levels["agreed"]
        steps.append(SetNotes(uuid, page._factor_id, "agreed", text))
        if page.doc.execute_all(f"Record {factor.name} as not agreed", "score", steps):
            page.refresh_evidence(keep_typing=False)
            page.tabs.setCurrentWidget(page.evidence)
            page.evidence.place_agreed_cursor(cursor)
            page._say(f"{factor.name}: not agreed. Type the reason after the levels.")
        else:
            page.refresh_scores()
        return
    kept = withdraw_not_agreed(notes)
    before = _cleared(page).pop((page._round_id, page._factor_id), None)
    back: list[Operation] = [SetNotes(uuid, page._factor_id, "agreed", kept)] if kept != notes else []
    if before is not None and levels["agreed"] is None:  # the level the button cleared comes back
        back.append(SetScore(uuid, page._factor_id, "agreed", before))
    if back:
        page.doc.execute_all(f"Take back Not agreed on {factor.name}", "score", back)
        page.refresh_evidence(keep_typing=False)
    page.refresh_scores()
    page.guide.set_focus_perspective("agreed")
    page.bar.set_focus_perspective("agreed")
    page.guide.setFocus(Qt.FocusReason.OtherFocusReason)
    if before is not None and levels["agreed"] is None:
        page._say(f"{factor.name}: agreed at {before} {page.framework.scale.level(before).name} again.")
    else:
        page._say(f"{factor.name}: type the agreed level\u2019s digit to agree it.")




def agree_at(page: WorkshopPage, level: int) -> bool:
    """An agreed level chosen for a factor recorded as Not agreed: the room agrees after all.

    Play-through 12: one click turned a recorded disagreement into an agreed level with nothing
    said, and the notes still began "Not agreed". The level now goes in with the notes as
    core.agreement.agreed_after_all leaves them (one undo step), and the status bar says what
    became of the disagreement and how to take it back. Returns False for a factor not recorded
    as Not agreed (notes typed before the level are not a disagreement): the caller scores as usual."""
    engagement = page.doc.engagement
    scores = engagement.scores(page._round_id)
    notes = (s.notes if (s := scores.get((page._factor_id, "agreed"))) else "")
    if (agreement_in(scores, page._factor_id) is not Agreement.NOT_AGREED
            or not notes.lstrip().casefold().startswith(NOT_AGREED.casefold())):
        return False
    factor, uuid = page.factor(), engagement.round_uuid(page._round_id)
    kept = agreed_after_all(notes, level)
    steps: list[Operation] = [SetScore(uuid, page._factor_id, "agreed", level),
                              SetNotes(uuid, page._factor_id, "agreed", kept)]
    _cleared(page).pop((page._round_id, page._factor_id), None)
    if not page.doc.execute_all(f"Agree {factor.name} at {level} after all", "score", steps):
        page.refresh_scores()
        return True
    page.refresh_evidence(keep_typing=False)
    # the level's name is on the AGREED card; at 1024 the whole sentence fits the status bar
    done = ("its \u201cNot agreed\u201d notes kept" if kept.startswith(NOT_AGREED_EARLIER)
            else "\u201cNot agreed\u201d taken out of its notes")
    page._say(f"{factor.name}: now agreed at {level}; {done} (Ctrl+Z undoes).")
    return True
