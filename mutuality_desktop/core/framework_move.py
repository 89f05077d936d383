"""Moving an engagement to a newer version of its scoring guide between rounds (issue 21, format 6).

The guide in use stays in `framework_snapshot` (one row, as every earlier format has it). A move
(`operations.MoveToFramework`) keeps the guide it leaves in `framework_archive`, pins every round
not yet pinned to it in `round_framework` (by the guide's checksum), and puts the new guide in
`framework_snapshot`. A round with no pin was scored on the guide in use. So a Baseline scored on
2.0.0 keeps 2.0.0's wording after the engagement moves to 2.1.0 for its Follow-up, its scores for
a factor the newer guide drops are kept, and a factor the newer guide adds is unscored in it.

Reading here is plain SQL (no ORM, no Qt), so the snapshot, the outputs and the CLI can use it.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import DamagedFileError, FrameworkError, ValidationError
from .framework import Framework, FrameworkDifference, framework_difference, parse_framework

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from . import operations as ops
    from .apply_base import Outcome
    from .engagement import Engagement


@functools.lru_cache(maxsize=8)  # a guide in use is hashed once, not at every open and read
def sha256(text: str) -> str:
    import hashlib  # here, not at start-up: importing it loads OpenSSL (a few ms)

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=8)
def _parsed(content: str, name: str) -> Framework:
    return parse_framework(content, name)


_CHECKED: dict[str, Framework] = {}  # earlier guides already read and checked, by checksum


def archived_guides(conn: sqlite3.Connection, name: str = "The file", *, verify: bool = False
                    ) -> dict[str, Framework]:
    """The earlier guides the file keeps, by checksum ({} for a file never moved). A guide checked
    once (on opening) is not read again unless verify asks for it (the received-file checks)."""
    try:
        digests = [str(d) for (d,) in conn.execute("SELECT sha256 FROM framework_archive ORDER BY id")]
    except sqlite3.OperationalError:  # a file read before its upgrade: nothing archived
        return {}
    found: dict[str, Framework] = {}
    for digest in digests:
        if not verify and digest in _CHECKED:
            found[digest] = _CHECKED[digest]
            continue
        row = conn.execute("SELECT content FROM framework_archive WHERE sha256 = ?", (digest,)).fetchone()
        content = row[0] if row is not None else None
        if not isinstance(content, str) or sha256(content) != digest:
            raise DamagedFileError(f"{name} is damaged: an earlier scoring guide it keeps does not "
                                   "match its checksum.")
        try:
            found[digest] = _CHECKED[digest] = _parsed(content, f"{name} (earlier scoring guide)")
        except FrameworkError as exc:
            raise DamagedFileError(f"{name} is damaged: {exc}") from exc
    return found


def round_pins(conn: sqlite3.Connection) -> dict[str, str]:
    """Each pinned round's guide checksum, by round uuid (a removed round's pin stays for its undo)."""
    try:
        rows = conn.execute("SELECT round_uuid, sha256 FROM round_framework").fetchall()
    except sqlite3.OperationalError:
        return {}
    return {str(r): str(d) for r, d in rows}


def check_guides(conn: sqlite3.Connection, name: str, current: Framework, digest: str | None = None) -> None:
    """For the received-file checks: every earlier guide reads and matches its checksum, is a
    version of the guide in use, and every round's guide is one the file keeps. digest is the
    guide in use's checksum if the caller has just checked it against the text (not hashed again)."""
    archive = archived_guides(conn, name, verify=True)
    if any(fw.id != current.id for fw in archive.values()):
        raise DamagedFileError(f"{name} is damaged: an earlier scoring guide it keeps is not a version "
                               "of its own guide.")
    known = set(archive) | {digest if digest is not None else sha256(current.source_text)}
    for round_uuid, digest in round_pins(conn).items():
        if digest not in known or len(round_uuid) > 36:
            raise DamagedFileError(f"{name} is damaged: a round is scored on a scoring guide the file "
                                   "does not keep.")


def round_guides(eng: Engagement) -> dict[int, Framework]:
    """The guide each round was scored on, by round id (the guide in use for unpinned rounds)."""
    current = eng.framework
    current_sha = sha256(current.source_text)
    archive = archived_guides(eng.connection, eng.path.name)
    pins = round_pins(eng.connection)
    guides: dict[int, Framework] = {}
    for rnd in eng.rounds():
        digest = pins.get(rnd.uuid, current_sha)
        guides[rnd.id] = current if digest == current_sha else archive.get(digest, current)
    return guides


def archived_factor_ids(conn: sqlite3.Connection, name: str = "The file") -> set[str]:
    """Factors of the earlier guides a file keeps (their scores in earlier rounds are kept)."""
    return {f.id for fw in archived_guides(conn, name).values() for f in fw.factors}


def archived_dimension_ids(conn: sqlite3.Connection, name: str = "The file") -> set[str]:
    return {d.id for fw in archived_guides(conn, name).values() for d in fw.dimensions}


# --- what a move changes, in words --------------------------------------------------------------

def _names(fw: Framework, ids: tuple[str, ...]) -> str:
    return ", ".join(fw.factor(i).name for i in ids)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _version_key(version: str) -> tuple[int, ...] | None:
    """"2.1.0" as (2, 1, 0), to tell an older guide from a newer one; None if not all numbers."""
    parts = version.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None


def is_older(new: Framework, old: Framework) -> bool:
    """True when new's version number is lower than old's (a move back to an earlier guide)."""
    a, b = _version_key(new.version), _version_key(old.version)
    return a is not None and b is not None and a < b


def move_summary(old: Framework, new: Framework,
                 scored_on: Sequence[tuple[str, Framework]] = ()) -> list[str]:
    """What moving from old to new changes, one sentence a line, for the confirmation and the CLI.
    scored_on: each round's label and the guide it was scored on (round_guides), so a round
    already kept on another guide is not said to keep old's wording."""
    diff = framework_difference(old, new)
    back = " back" if is_older(new, old) else ""
    lines = [f"Moving the engagement{back} from guide {old.version} to {new.version}"
             + (", an older version than the one in use." if back else ".")]
    if diff.reworded:
        lines.append(f"{_count(len(diff.reworded), 'factor')} worded differently: "
                     f"{_names(new, diff.reworded)}.")
    if diff.added:
        lines.append(f"{_count(len(diff.added), 'factor')} added, unscored in the earlier rounds: "
                     f"{_names(new, diff.added)}.")
    if diff.removed:
        lines.append(f"{_count(len(diff.removed), 'factor')} removed; "
                     f"{'its' if len(diff.removed) == 1 else 'their'} scores in the earlier rounds "
                     f"are kept: {_names(old, diff.removed)}.")
    if diff.same_text:
        lines.append("No factor's wording changes.")
    elsewhere = [(label, fw) for label, fw in scored_on if fw.source_text != old.source_text]
    if not elsewhere:
        lines.append(f"The rounds scored so far keep guide {old.version}'s wording; new rounds are "
                     f"scored on {new.version}.")
        return lines
    kept = "; ".join(f"{label} keeps guide {fw.version}'s, the guide it was scored on" for label, fw in elsewhere)
    rest = len(scored_on) - len(elsewhere)
    others = (f"; the other {'round keeps' if rest == 1 else f'{rest} rounds keep'} guide {old.version}'s"
              if rest else "")
    lines.append(f"Each round scored so far keeps its wording: {kept}{others}. New rounds are scored on "
                 f"{new.version}.")
    return lines


def comparison_sentence(earlier_label: str, earlier: Framework, later_label: str,
                        later: Framework) -> str:
    """For comparing two rounds scored on different guides: which version each used, the
    factors worded differently, and those left out because they are not in both."""
    diff: FrameworkDifference = framework_difference(earlier, later)
    text = (f"{earlier_label} was scored on guide {earlier.version}, {later_label} on "
            f"{later.version}")
    shared = len(later.factors) - len(diff.added)
    if diff.reworded and len(diff.reworded) == shared and shared > 5:  # a rewrite: no list of them all
        text += f"; all {shared} factors in both guides are worded differently"
    elif diff.reworded:
        n = len(diff.reworded)
        text += (f"; {n} factor{' is' if n == 1 else 's are'} worded differently: "
                 f"{_names(later, diff.reworded)}")
    text += "."
    out = [*(f"{later.factor(i).name} (only in {later.version})" for i in diff.added),
           *(f"{earlier.factor(i).name} (only in {earlier.version})" for i in diff.removed)]
    if out:
        text += (f" Left out of the comparison because {'it is' if len(out) == 1 else 'they are'} "
                 f"not in both guides: {', '.join(out)}.")
    return text


def compared_guides(eng: Engagement | None, round_id: int | None
                    ) -> tuple[tuple[str, Framework], tuple[str, Framework]] | tuple[()]:
    """(label, guide) of the round before this one and of this one, for `rounds_version_sentence`;
    () when there is no earlier round to compare with."""
    if eng is None or round_id is None:
        return ()
    rounds = eng.rounds()
    index = next((i for i, r in enumerate(rounds) if r.id == round_id), len(rounds) - 1)
    if index < 1:
        return ()
    guides = round_guides(eng)
    before, current = rounds[index - 1], rounds[index]
    return ((before.label, guides.get(before.id, eng.framework)),
            (current.label, guides.get(current.id, eng.framework)))


def merge_refusal(ours: Engagement, theirs: Engagement) -> str:
    """Why two copies on different guides are not merged, and what to do about it."""
    a, b = ours.framework, theirs.framework
    if a.id != b.id:
        return (f"{theirs.path.name} was scored against a different scoring guide; the copies cannot "
                "be merged.")
    if a.version == b.version:
        return (f"{theirs.path.name} uses a different text of guide {a.version} from this copy's; the "
                "copies cannot be merged.")
    return (f"{theirs.path.name} uses guide {b.version} and this copy uses {a.version}: one of them was "
            "moved to another guide and the other was not, so the copies cannot be merged as they are. "
            "Move the copy on the older guide to the same guide first (mutuality-desktop framework "
            "FILE --move GUIDE.json), then merge again.")


def earlier_guide_note(eng: Engagement, round_id: int) -> str:
    """For the window: the round on screen was scored on an earlier guide than the one in use ('' if
    not). The walkthrough shows that round's own guide text; Results and the reports use the guide
    in use."""
    guide = round_guides(eng).get(round_id, eng.framework)
    if guide is eng.framework or guide.source_text == eng.framework.source_text:
        return ""
    label = next((r.label for r in eng.rounds() if r.id == round_id), "This round")
    diff = framework_difference(guide, eng.framework)
    differs = (f", worded differently for {_count(len(diff.reworded), 'factor')}" if diff.reworded else "")
    return (f"{label} was scored on guide {guide.version}, and the walkthrough shows that guide\u2019s "
            f"wording for it. The guide in use is version {eng.framework.version}{differs}. "
            "Its scores are kept as the room gave them.")


def guides_in_use(eng: Engagement) -> str:
    """For Help → About: the engagement's guide, and the earlier guides its rounds were scored on
    ('Guide 2.1.0; Baseline was scored on 2.0.0.')."""
    guides = round_guides(eng)
    earlier = [(r.label, guides[r.id].version) for r in eng.rounds()
               if r.id in guides and guides[r.id].source_text != eng.framework.source_text]
    text = f"guide {eng.framework.version}"
    if earlier:
        named = "; ".join(f"{label} was scored on {version}" for label, version in earlier)
        text += f" ({named})"
    return text


def earlier_rounds_refusal(ours: Engagement, theirs: Engagement) -> str:
    """Copies on the same guide merge; but a round only theirs has, scored there on an earlier
    guide, would arrive here as scored on the guide in use. Say so ('' when there is none)."""
    current = sha256(ours.framework.source_text)
    mine = {r.uuid for r in ours.rounds()}
    pins = round_pins(theirs.connection)
    guides = round_guides(theirs)
    for rnd in theirs.rounds():
        if rnd.uuid not in mine and pins.get(rnd.uuid, current) != current:
            return (f"{theirs.path.name} has the round \u201c{rnd.label}\u201d, scored there on guide "
                    f"{guides[rnd.id].version} before that copy was moved to {theirs.framework.version}; "
                    "merging would count it as scored on the guide in use, so the copies were not merged.")
    return ""


# --- the operation ------------------------------------------------------------------------------

@dataclass(frozen=True)
class MovePlan:
    old: Framework
    new: Framework


def check_move(eng: Engagement, content: str) -> MovePlan:
    """The guide to move to, read and checked against the engagement's own; refuses a move the
    rounds could not survive (another framework, another scale)."""
    if not isinstance(content, str) or not content.strip():
        raise ValidationError("A move needs the new scoring guide's text (its JSON).")
    try:
        new = _parsed(content, "the new scoring guide")
    except FrameworkError as exc:
        raise ValidationError(str(exc)) from exc
    old = eng.framework
    if new.id != old.id:
        raise ValidationError(f"That guide is '{new.id}', this engagement's is '{old.id}'; an engagement "
                              "moves only to another version of its own guide.")
    if new.source_text == old.source_text:
        raise ValidationError(f"The engagement already uses guide {old.version} as given.")
    if [lv.value for lv in new.scale.levels] != [lv.value for lv in old.scale.levels]:
        raise ValidationError(f"Guide {new.version} has a different scale of levels; the scores "
                              "already given could not be read on it.")
    return MovePlan(old, new)


def move_to_framework(eng: Engagement, s: Session, op: ops.MoveToFramework) -> Outcome:
    """Apply a move: archive the guide in use, pin to it the unpinned rounds that hold anything
    recorded (an empty round moves with the engagement), unpin the rounds the operation names (an
    undo), and put the new guide in use."""
    from sqlalchemy import delete, select

    from . import operations
    from .apply_base import Outcome
    from .schema import (
        FrameworkArchiveRow,
        FrameworkSnapshot,
        NotApplicableRow,
        ParticipantScoreRow,
        RoundExcludedFactorRow,
        RoundFrameworkRow,
        RoundRow,
        ScoreRow,
    )

    plan = check_move(eng, op.content)
    old, new = plan.old, plan.new
    old_sha, new_sha = sha256(old.source_text), sha256(new.source_text)
    pinned = set(s.scalars(select(RoundFrameworkRow.round_uuid)))
    # a round with nothing recorded against the old guide's factors (a follow-up added but not yet
    # scored) moves with the engagement: it will be scored on the new guide, as the room will read it
    worked: set[int] = set()
    for table in (ScoreRow, ParticipantScoreRow, RoundExcludedFactorRow, NotApplicableRow):
        worked.update(s.scalars(select(table.round_id).distinct()))
    pinned_now: list[str] = []
    for rnd in s.scalars(select(RoundRow).order_by(RoundRow.position, RoundRow.id)):
        if rnd.uuid not in pinned and rnd.id in worked:
            s.add(RoundFrameworkRow(round_uuid=rnd.uuid, sha256=old_sha))
            pinned_now.append(rnd.uuid)
    if op.unpin:
        s.flush()
        s.execute(delete(RoundFrameworkRow).where(RoundFrameworkRow.round_uuid.in_(list(op.unpin))))
    if s.scalars(select(FrameworkArchiveRow).where(FrameworkArchiveRow.sha256 == old_sha)).first() is None:
        s.add(FrameworkArchiveRow(framework_id=old.id, version=old.version, content=old.source_text,
                                  sha256=old_sha))
    row = s.get(FrameworkSnapshot, 1)
    if row is None:
        raise ValidationError("The file has no scoring guide in use.")
    row.framework_id, row.version, row.content, row.sha256 = new.id, new.version, new.source_text, new_sha
    s.flush()
    used = set(s.scalars(select(RoundFrameworkRow.sha256)))  # keep only guides a round still uses
    s.execute(delete(FrameworkArchiveRow).where(
        (FrameworkArchiveRow.sha256 == new_sha) | FrameworkArchiveRow.sha256.not_in(used)))
    eng.framework = new  # the guide in use from now on (the caller's transaction commits it)
    inverse = operations.MoveToFramework(old.source_text, unpin=tuple(pinned_now))
    return Outcome(inverse, {"framework": new.id},
                   {"version": old.version}, {"version": new.version})


def guides_json(eng: Engagement) -> dict[str, Any]:
    """For the engagement's JSON form: the earlier guides it keeps and each round pinned to one
    ({} for a file never moved)."""
    archive = archived_guides(eng.connection, eng.path.name)
    if not archive:
        return {}
    uuids = {r.uuid for r in eng.rounds()}
    return {"earlier": [{"version": fw.version, "sha256": digest, "source": fw.source_text}
                        for digest, fw in archive.items()],
            "round_guides": {uuid: digest for uuid, digest in round_pins(eng.connection).items()
                             if uuid in uuids}}


def _earlier(framework: Any) -> list[str]:
    earlier = framework.get("earlier", []) if isinstance(framework, dict) else []
    if not isinstance(earlier, list) or not all(isinstance(e, dict) and isinstance(e.get("source"), str)
                                                for e in earlier):
        raise ValidationError("The JSON's earlier scoring guides must be a list of guides with their source.")
    return [str(e["source"]) for e in earlier]


def restore_archive(eng: Engagement, framework: Any) -> None:
    """Put back the earlier guides a JSON export carries (import only, before the scores)."""
    current = sha256(eng.framework.source_text)
    rows: list[tuple[Any, ...]] = []
    for text in _earlier(framework):
        try:
            fw = _parsed(text, "an earlier scoring guide in the JSON")
        except FrameworkError as exc:
            raise ValidationError(str(exc)) from exc
        if fw.id != eng.framework.id:
            raise ValidationError("An earlier scoring guide in the JSON is not a version of its own guide.")
        if sha256(text) != current and all(sha256(text) != r[3] for r in rows):
            rows.append((fw.id, fw.version, text, sha256(text)))
    if rows:
        _write(eng.connection, "INSERT INTO framework_archive (framework_id, version, content, sha256) "
               "VALUES (?, ?, ?, ?)", rows)


def restore_pins(eng: Engagement, framework: Any) -> None:
    """Pin each round to the guide a JSON export says it was scored on (import only)."""
    pins = framework.get("round_guides", {}) if isinstance(framework, dict) else {}
    if not pins:
        return
    if not isinstance(pins, dict):
        raise ValidationError("The JSON's round guides must map round ids to guide checksums.")
    known = set(archived_guides(eng.connection, eng.path.name)) | {sha256(eng.framework.source_text)}
    rounds = {r.uuid for r in eng.rounds()}
    rows: list[tuple[Any, ...]] = []
    for round_uuid, digest in pins.items():
        if round_uuid not in rounds:
            raise ValidationError(f"A round's guide names a round the JSON does not have ({str(round_uuid)[:40]}).")
        if digest not in known:
            raise ValidationError("A round was scored on a guide the JSON does not carry.")
        rows.append((round_uuid, digest))
    _write(eng.connection, "INSERT INTO round_framework (round_uuid, sha256) VALUES (?, ?)", rows)


def _write(conn: sqlite3.Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(sql, rows)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
