"""Opening the copies to merge (plain or protected, always through the checked open path) and
writing a merged copy without touching either original."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from . import store
from .engagement import Engagement
from .errors import PassphraseError
from .exchange import export_bytes, export_connection, inspect_bytes, is_sealed, seal, unseal_bytes
from .merge import (
    OURS,
    THEIRS,
    Choice,
    MergeError,
    MergePlan,
    apply_merge,
    describe_key,
    plan_merge,
)
from .merge_state import UNKNOWN, Key


def open_copy(path: Path, passphrase: str | None = None, *, editable: bool = False,
              cancelled: Callable[[], bool] | None = None) -> Engagement:
    """Open a copy in memory only (the file itself is never written): checked in full as any
    received file, upgraded if it is from an older version, unlocked if protected."""
    path = Path(path)
    if not is_sealed(path):
        if not editable:
            return Engagement.open(path, readonly=True)
        store.inspect(path)
        conn = store.copy_to_memory(path)
        header = store.read_header(path)
    else:
        if not passphrase:
            raise PassphraseError(f"{path.name} is protected: its passphrase is needed to merge it.")
        data = unseal_bytes(path, passphrase, cancelled)
        header = inspect_bytes(data, path.name)
        conn = _memory_from_bytes(data, path.name)
    try:
        with store.unreadable_as_damaged(path.name):
            if header.user_version < store.SCHEMA_VERSION:
                store.migrate(conn, header.user_version, path.name)
            if editable:
                return Engagement(path, conn)
            return Engagement(path, conn, readonly=True,
                              read_only_reason="it is a copy opened to be merged")
    except BaseException:
        conn.close()
        raise


def _memory_from_bytes(data: bytes, name: str) -> sqlite3.Connection:
    """An in-memory database holding data (already checked), set up as copy_to_memory does."""
    src = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    mem = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        with store.unreadable_as_damaged(name):
            src.deserialize(data)
            src.backup(mem)
    except BaseException:
        mem.close()
        raise
    finally:
        src.close()
    store.configure(mem, readonly=False, memory=True)
    return mem


def conflict_lines(eng: Engagement, plan: MergePlan) -> list[str]:
    """One line per conflict: round, factor, field, both values (and the value before)."""
    names = row_names(eng, plan)
    lines = []
    for c in plan.conflicts:
        rnd, factor, what = describe_key(eng, c.key, names)
        where = ", ".join(p for p in (rnd, factor, what) if p)
        both = (c.ours, c.theirs)
        before = "" if c.base is UNKNOWN else f" (before: {show(c.base, both)})"
        lines.append(f"Conflict: {where}: ours {show(c.ours, (c.theirs,))}, "
                     f"theirs {show(c.theirs, (c.ours,))}{before}")
    return lines


def row_names(eng: Engagement, plan: MergePlan) -> dict[str, str]:
    """Rounds, participants and actions by uuid, named from either side."""
    names: dict[str, str] = {}
    for state in (plan.theirs.state, plan.ours.state):
        for key, value in state.items():
            if len(key) == 3 and key[2] in ("label", "name", "text") and isinstance(value, str):
                # whole (the merge screen wraps it); a very long one cut with "…", never silently
                names[key[1]] = value if len(value) <= 120 else f"{value[:119]}…"
    return names


def show(value: object, against: tuple[object, ...] = ()) -> str:
    """A value in one line; a long text cut to 80 characters around where it first differs from
    the texts in against (play-through 12: two long notes differing only at their end showed the
    same cut beginning, so the colleague's added sentence could not be seen)."""
    if value is None:
        return "(none)"
    if value is True:
        return "present"
    text = " ".join(str(value).split())
    if len(text) <= 80:
        return f"“{text}”" if isinstance(value, str) else text
    start = excerpt_start(text, against)
    end = start + 79 - (1 if start else 0)
    return f"“{'…' if start else ''}{text[start:end]}{'…' if end < len(text) else ''}”"


def differs_at(text: str, others: tuple[object, ...]) -> int | None:
    """Where text first differs from the other texts that are not the same as it (whitespace
    runs read as one space; a text that is the start of another differs where it ends); None if
    no other text differs."""
    first: int | None = None
    for other in others:
        if not isinstance(other, str) or " ".join(other.split()) == text:
            continue
        words = " ".join(other.split())
        same = next((i for i, (a, b) in enumerate(zip(text, words, strict=False)) if a != b),
                    min(len(text), len(words)))
        first = same if first is None else min(first, same)
    return first


def excerpt_start(text: str, others: tuple[object, ...], width: int = 80, before: int = 30) -> int:
    """Where an excerpt of width characters starts so that the first difference from others
    comes a few words after its start (0: the beginning already shows it, or nothing differs)."""
    at = differs_at(text, others)
    if at is None or at + 20 <= width - 1:
        return 0
    start = max(0, min(at - before, len(text) - (width - 2)))
    space = text.find(" ", start, at)
    return space + 1 if space >= 0 else start


def merge_files(ours: Path, theirs: Path, output: Path, *, prefer: str | None = None,
                author: str | None = None, passphrase: str | None = None,
                theirs_passphrase: str | None = None) -> tuple[MergePlan, list[str]]:
    """Merge theirs into a copy of ours written to output. With conflicts and no prefer, write
    nothing and return their lines; otherwise return the plan (and no lines)."""
    ours, theirs, output = Path(ours), Path(theirs), Path(output)
    if output.resolve() in (ours.resolve(), theirs.resolve()):
        raise MergeError("Choose a new file for the merged engagement; the two copies are left as "
                         "they are.")
    base = open_copy(ours, passphrase, editable=True)
    try:
        other = open_copy(theirs, theirs_passphrase or passphrase)
        try:
            if author:
                base.author = author.strip()[:200] or base.author
            plan = plan_merge(base, other)
            if plan.conflicts and prefer is None:
                return plan, conflict_lines(base, plan)
            choices: dict[Key, Choice] = {c.key: prefer or OURS for c in plan.conflicts}
            if prefer not in (None, OURS, THEIRS):
                raise MergeError("--prefer takes ours or theirs.")
            apply_merge(base, plan, choices)
        finally:
            other.close()
        if is_sealed(ours):
            assert passphrase
            seal(export_bytes(base.connection, ours), passphrase, output)
        else:
            export_connection(base.connection, output, ours)
        return plan, []
    finally:
        base.close()


def is_returned_copy(copy: Engagement, mine: Engagement) -> bool:
    """Whether copy was exported from the file mine is open as, directly or by way of a
    colleague's copy of it (the export keeps every earlier origin)."""
    from .exchange import origins
    from .history import place_of

    if Path(copy.path).resolve() == Path(mine.path).resolve() or copy.info().uuid != mine.info().uuid:
        return False
    place = place_of(Path(mine.path))
    return any(origin.get("place") == place for origin in origins(copy.connection))
