"""One-line summaries of engagement files, for `check` and the start page."""

from __future__ import annotations

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


def summarise(path: Path) -> str:
    """Check a file fully and describe it in one line; raise a typed error otherwise."""
    path = Path(path)
    if is_sealed(path):
        raise PassphraseError(f"{path.name} is passphrase-protected; open it in the app to check it.")
    header = store.inspect(path)
    with Engagement.open(path, readonly=True) as eng:
        verified = verify_checksum(eng.connection, path.name)
        info = eng.info()
        rounds = eng.rounds()
        parts = [f"OK {path.name}: {info.title} ({info.client_organisation} / {info.provider_organisation})"]
        parts.append(_count(len(eng.participants()), "participant"))
        from .framework_move import round_guides
        from .scope import effective_scope, stored_scope

        guides = round_guides(eng)  # each round counted on the guide it was scored on (format 6)
        for rnd in rounds:  # counted over the round's scope
            scores = eng.scores(rnd.id)
            fw = guides.get(rnd.id, eng.framework)
            scope = eng.scope(rnd.id) if fw is eng.framework else effective_scope(
                fw, stored_scope(eng.connection, rnd.id), scores)
            counts = [c for _, c in scope_completeness(fw, scores, scope, eng.excluded_factors(rnd.id))]
            total = sum(c.total for c in counts)
            # not applicable and left out said apart, as the window's counts say them
            na = sum(1 for d in scope for f in fw.dimension(d).factors if f.id in marks(scores))
            gone = sum(len(fw.dimension(d).factors) for d in scope) - total - na
            disputed = sum(c.not_agreed for c in counts)
            on = f" on guide {fw.version}" if fw is not eng.framework else ""
            parts.append(f"{rnd.label} {sum(c.agreed for c in counts)}/{total} "
                         f"agreed{f', {disputed} not agreed by the room' if disputed else ''}{on} "
                         f"({len(scope)} of {len(fw.dimensions)} dimensions"
                         f"{f', {gone} factor' + ('s' if gone != 1 else '') + ' left out' if gone else ''}"
                         f"{f', {na} not applicable' if na else ''})")
        parts.append(_count(len(eng.actions()), "action"))
        parts.append(f"framework {eng.framework.id} {eng.framework.version}, file format {header.user_version}")
        if verified:
            parts.append("export checksum verified")
    return "; ".join(parts)
