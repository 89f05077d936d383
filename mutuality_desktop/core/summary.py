"""One-line summaries of engagement files, for `check` and the start page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import store
from .applicability import marks
from .engagement import Engagement
from .errors import PassphraseError
from .exchange import is_sealed, verify_checksum
from .scope import scope_completeness


def _count(n: int, word: str) -> str:
    """'1 action', '2 actions', '0 actions'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class RoundTally:
    """A round's count, over its own scope, as the walkthrough's progress line and Results count it."""

    label: str
    agreed: int
    total: int  # the factors counted: in the round's dimensions, not left out, not marked not applicable
    not_agreed: int
    guide: str  # the earlier guide's version the round was scored on, or "" for the engagement's own
    dimensions: int
    all_dimensions: int
    left_out: int
    not_applicable: int


def round_tallies(eng: Engagement) -> list[RoundTally]:
    """Each round's count within its scope (the start page, `check`): '4 of 18 agreed', never the
    whole guide's factors."""
    from .framework_move import round_guides
    from .scope import effective_scope, stored_scope

    guides = round_guides(eng)  # each round counted on the guide it was scored on (format 6)
    out = []
    for rnd in eng.rounds():
        scores = eng.scores(rnd.id)
        fw = guides.get(rnd.id, eng.framework)
        scope = eng.scope(rnd.id) if fw is eng.framework else effective_scope(
            fw, stored_scope(eng.connection, rnd.id), scores)
        counts = [c for _, c in scope_completeness(fw, scores, scope, eng.excluded_factors(rnd.id))]
        total = sum(c.total for c in counts)
        # not applicable and left out said apart, as the window's counts say them
        na = sum(1 for d in scope for f in fw.dimension(d).factors if f.id in marks(scores))
        gone = sum(len(fw.dimension(d).factors) for d in scope) - total - na
        out.append(RoundTally(rnd.label, sum(c.agreed for c in counts), total,
                              sum(c.not_agreed for c in counts),
                              fw.version if fw is not eng.framework else "", len(scope),
                              len(fw.dimensions), gone, na))
    return out


def summarise(path: Path) -> str:
    """Check a file fully and describe it in one line; raise a typed error otherwise."""
    path = Path(path)
    if is_sealed(path):
        raise PassphraseError(f"{path.name} is passphrase-protected; open it in the app to check it.")
    header = store.inspect(path)
    with Engagement.open(path, readonly=True) as eng:
        verified = verify_checksum(eng.connection, path.name)
        info = eng.info()
        parts = [f"OK {path.name}: {info.title} ({info.client_organisation} / {info.provider_organisation})"]
        parts.append(_count(len(eng.participants()), "participant"))
        for t in round_tallies(eng):  # counted over the round's scope
            on = f" on guide {t.guide}" if t.guide else ""
            parts.append(f"{t.label} {t.agreed}/{t.total} "
                         f"agreed{f', {t.not_agreed} not agreed by the room' if t.not_agreed else ''}{on} "
                         f"({t.dimensions} of {t.all_dimensions} dimensions"
                         f"{f', {t.left_out} factor' + ('s' if t.left_out != 1 else '') + ' left out' if t.left_out else ''}"
                         f"{f', {t.not_applicable} not applicable' if t.not_applicable else ''})")
        parts.append(_count(len(eng.actions()), "action"))
        parts.append(f"framework {eng.framework.id} {eng.framework.version}, file format {header.user_version}")
        if verified:
            parts.append("export checksum verified")
    return "; ".join(parts)
