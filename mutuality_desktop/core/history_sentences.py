"""The history as sentences a consultant reads aloud: "Sian Evans set the agreed level for Joint
objective setting (Baseline) from 2 to 3 on 8 Oct, 14:02" (", on this copy" or ", on another copy"
once the file holds changes from another copy)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .engagement import Engagement
from .history import REPLICA_KEY, Entry, is_left_out, merge_decisions
from .historytext import Describer, merge_summary, short, text_change
from .prework.forms import DONT_KNOW

_SET = {"set_score": "level", "set_notes": "evidence notes", "set_confidence": "evidence confidence"}
_ROWS = {"participant": "participant", "round": "round", "action": "action"}


class Sentences(Describer):
    """Describes each entry as one sentence, naming rows as the engagement knows them now."""

    def __init__(self, eng: Engagement, factor: str | None = None) -> None:
        super().__init__(eng)
        self.factor = factor  # a factor's history names only the merge decisions on that factor
        row = eng.connection.execute("SELECT value FROM file_meta WHERE key = ?",
                                     (REPLICA_KEY,)).fetchone()
        self.replica = "" if row is None else str(row[0])
        # which copy made a change is said once changes from another copy are in the file: on a
        # file only ever edited here, ", on this copy" ended every line and said nothing (s12)
        other = eng.connection.execute("SELECT 1 FROM history WHERE replica != ? LIMIT 1",
                                       (self.replica,)).fetchone()
        self.copies = bool(self.replica) and other is not None

    def _factor_round(self, t: dict[str, Any]) -> str:
        fid = str(t.get("factor", ""))
        factor = self.framework.factor(fid).name if self.framework.has_factor(fid) else fid
        rnd = self.rounds.get(t.get("round", ""), "a round since removed")
        return f"{factor} ({rnd})" if "round" in t else factor

    def body(self, entry: Entry) -> str:
        """What was done, without who and when: 'set the agreed level for … from 2 to 3'."""
        t, op, before, after = entry.target, entry.op, entry.before, entry.after
        if op in _SET:
            what = f"the {t.get('perspective', '')} {_SET[op]} for {self._factor_round(t)}"
            if op != "set_notes" and after is None:
                return f"cleared {what}"
            if op == "set_notes":
                if is_left_out(after) or is_left_out(before):  # an exported copy left it out
                    return f"edited {what} (earlier wording not in this copy)"
                if not after:
                    return f"cleared {what}"
                before = entry.before if isinstance(entry.before, str) else ""
                return f"edited {what}: {text_change(before, str(after))}"
            return f"set {what} from {_value(before)} to {_value(after)}" if before is not None \
                else f"set {what} to {_value(after)}"
        if op == "set_participant_score":
            person = self.people.get(t.get("participant", ""), "a participant since removed")
            if t.get("removed") is True:  # an undo of the import that made the row
                return f"took back {person}'s return for {self._factor_round(t)}"
            level = after.get("level") if isinstance(after, dict) else None
            # a return without a level is the form's "Don't know", as the participant chose it
            said = DONT_KNOW if level is None else f"level {level} {self.framework.scale.name_of(level)}".rstrip()
            return f"recorded {person}'s return for {self._factor_round(t)}: {said}"
        if op == "set_not_applicable":  # issue 21
            if after is None:
                return f"made {self._factor_round(t)} applicable again"
            return f"marked {self._factor_round(t)} not applicable: {_value(after)}"
        if op == "move_to_framework":  # issue 21, format 6
            return (f"moved the engagement from guide {_version(before)} to {_version(after)}")
        if op == "update_info":
            return f"changed the engagement details: {self.what(entry)}"
        if op == "set_branding":
            return "changed the report branding" if after else "removed the report branding"
        if op == "merge":
            return f"merged {merge_summary(after)}{self._decisions(after)}"
        if op in ("set_scope", "set_excluded_factors"):
            return self._scope(entry)
        if op.endswith("_parking") or op == "set_agenda":
            from .parking_history import parking_sentence

            return parking_sentence(self, entry)
        verb, _, kind = op.partition("_")
        if kind in _ROWS and verb in ("add", "update", "remove"):
            return self._row(entry, verb, kind)
        return op.replace("_", " ")

    def _decisions(self, after: Any) -> str:
        """Which value each decided conflict kept ("the agreed level for Joint objective setting
        (Baseline): kept the other copy's 3 Established, not this copy's 1 Initial"): every
        decision on the factor shown, or, for the whole engagement, up to three."""
        decided = merge_decisions(after, self.factor)
        if not decided or (self.factor is None and len(decided) > 3):
            return ""
        return "".join(f"; {self._decision(d)}" for d in decided)

    def _decision(self, d: dict[str, Any]) -> str:
        key = [str(k) for k in d.get("key", [])]
        field = key[-1]
        if key[0] == "score" and len(key) == 5:
            word = _SET.get(f"set_{field}", field) if field != "level" else "level"
            what = f"the {key[3]} {word} for {self._factor_round({'factor': key[2], 'round': key[1]})}"
        else:
            what = f"a participant's {field} for {self._factor_round({'factor': key[2]})}"

        def value(v: Any) -> str:
            if field == "level" and isinstance(v, int) and not isinstance(v, bool):
                return f"{v} {self.framework.scale.name_of(v)}".strip()
            return "not assessed" if v is None and field == "level" else short(v, 60)

        ours, theirs, kept = value(d.get("ours")), value(d.get("theirs")), value(d.get("value"))
        chosen = d.get("chosen")
        if chosen == "theirs":
            return f"{what}: kept the other copy's {kept}, not this copy's {ours}"
        if chosen == "ours":
            return f"{what}: kept this copy's {kept}, not the other copy's {theirs}"
        return f"{what}: set to {kept} in the merge, in place of this copy's {ours} and the other copy's {theirs}"

    def _scope(self, entry: Entry) -> str:
        """'left Joint exit strategy out of Baseline', 'set the dimensions of Baseline to …'."""
        rnd = self.rounds.get(str(entry.target.get("round", "")), "a round since removed")
        before = {str(x) for x in entry.before} if isinstance(entry.before, list) else set()
        after = [str(x) for x in entry.after] if isinstance(entry.after, list) else []
        if entry.op == "set_scope":
            names = {d.id: d.name for d in self.framework.dimensions}
            chosen = ", ".join(names.get(d, d) for d in after)
            return f"set the dimensions of {rnd} to {chosen}" if chosen else \
                f"returned {rnd} to the default dimensions"

        def named(ids: list[str]) -> str:
            return ", ".join(self.framework.factor(f).name if self.framework.has_factor(f) else f
                             for f in ids)

        out = [f for f in after if f not in before]
        back = sorted(before - set(after))
        parts = ([f"left {named(out)} out of {rnd}"] if out else []) + (
            [f"brought {named(back)} back into {rnd}"] if back else [])
        return "; ".join(parts) or f"left the factors of {rnd} as they were"

    def _row(self, entry: Entry, verb: str, kind: str) -> str:
        uuid = str(entry.target.get(kind, ""))
        values = entry.after if verb != "remove" else entry.before
        values = values if isinstance(values, dict) else {}
        known = {"participant": self.people, "round": self.rounds, "action": self.actions}[kind]
        name = values.get("name") or values.get("label") or values.get("text") or known.get(uuid)
        label = f"{kind} {short(str(name), 120)}" if name else f"a {kind}"
        if verb == "add":
            return f"added {label}"
        if verb == "remove":
            return f"removed {label}"
        now = short(str(known.get(uuid, "")), 120) if known.get(uuid) else f"a {kind} since removed"
        return f"edited {kind} {now}: {self.what(entry)}"

    def copy(self, entry: Entry) -> str:
        """", on this copy" or ", on another copy" once the file holds another copy's changes, else ""."""
        if not self.copies:
            return ""
        return ", on this copy" if entry.replica == self.replica else ", on another copy"

    def sentence(self, entry: Entry) -> str:
        return f"{entry.author or 'Someone'} {self.body(entry)} on {when(entry.at)}{self.copy(entry)}"


def _version(value: Any) -> str:
    return str(value.get("version", "?")) if isinstance(value, dict) else "?"


def _value(value: Any) -> str:
    return "not assessed" if value is None else str(value)


def when(at: dt.datetime) -> str:
    local = at.replace(tzinfo=dt.UTC).astimezone()
    return f"{local.day} {local:%b %Y}, {local:%H:%M}"


def history_table(eng: Engagement, factor: str | None = None) -> list[tuple[str, str, str, str]]:
    """(when, who, what was done and on which copy, the whole sentence) per change, oldest first."""
    sentences = Sentences(eng, factor)
    return [(when(e.at), e.author or "unknown", f"{sentences.body(e)}{sentences.copy(e)}",
             sentences.sentence(e)) for e in eng.history(factor=factor)]


def history_sentences(eng: Engagement, factor: str | None = None) -> list[str]:
    """One sentence per recorded change, oldest first; times in local time."""
    sentences = Sentences(eng, factor)
    return [sentences.sentence(entry) for entry in eng.history(factor=factor)]
