"""The parts of a framework added in 2.0: rules, aggregation, guidance, crosswalks, next-level prompts.

A 1.x framework (and every engagement file scored against one) has none of these; they are
optional there and required from major version 2, so old snapshots keep loading unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from .errors import FrameworkError

REFERENCE_LISTS = ("iso44001_clauses", "iso44001_stages", "nao_areas")
GUIDE_SECTIONS = ("scoring_rules", "aggregation", "facilitator_guidance")


class Checker(Protocol):
    def fail(self, problem: str, where: str = "") -> FrameworkError: ...


@dataclass(frozen=True)
class Note:
    """One titled paragraph of framework-level guidance (a rule, a formula, a piece of advice)."""

    title: str
    text: str


@dataclass(frozen=True)
class Source:
    title: str
    use: str


@dataclass(frozen=True)
class ChangeEntry:
    version: str
    date: str
    summary: str
    changes: tuple[str, ...]
    reworded_factors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Crosswalk:
    """Where a factor sits in ISO 44001:2017 and in the NAO Good Practice Contract Management Framework."""

    iso44001_clauses: tuple[str, ...]
    iso44001_stages: tuple[str, ...]
    nao_areas: tuple[str, ...]
    titles: Mapping[str, str] = field(default_factory=dict)  # key -> title, from 'references'

    def named(self, kind: str) -> tuple[str, ...]:
        """The titles of one list, e.g. named('nao_areas') -> ('Risk (delivery)',)."""
        keys: tuple[str, ...] = getattr(self, kind)
        return tuple(self.titles.get(k, k) for k in keys)


@dataclass(frozen=True)
class FactorExtras:
    opening_question: str = ""
    next_level: Mapping[int, str] = field(default_factory=dict)
    level_evidence: tuple[tuple[int, str], ...] = ()
    crosswalk: Crosswalk | None = None


@dataclass(frozen=True)
class Guide:
    """Framework-level text: how to score, how scores add up, how to run the day, where it comes from."""

    scoring_rules: tuple[Note, ...]
    aggregation: tuple[Note, ...]
    facilitator_guidance: tuple[Note, ...]
    sources: tuple[Source, ...]
    change_log: tuple[ChangeEntry, ...]
    references: Mapping[str, Mapping[str, str]]

    def reference_name(self, kind: str, key: str) -> str:
        """Return the title of a crosswalk entry, e.g. ('nao_areas', 'risk') -> 'Risk'."""
        return self.references.get(kind, {}).get(key, key)

    def section(self, name: str) -> tuple[Note, ...]:
        notes: tuple[Note, ...] = getattr(self, name)
        return notes


def major_version(version: str) -> int:
    head = version.split(".", 1)[0]
    return int(head) if head.isdigit() else 0


def _text(check: Checker, obj: Mapping[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise check.fail(f"'{key}' is missing or empty", where)
    return value.strip()


def _list(check: Checker, value: Any, what: str, where: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise check.fail(f"'{what}' must be a non-empty list", where)
    return value


def _texts(check: Checker, value: Any, what: str, where: str) -> tuple[str, ...]:
    items = _list(check, value, what, where)
    if not all(isinstance(v, str) and v.strip() for v in items):
        raise check.fail(f"'{what}' must be a list of non-empty texts", where)
    return tuple(v.strip() for v in items)


def _notes(check: Checker, raw: Any, name: str) -> tuple[Note, ...]:
    items = _list(check, raw, name, "header")
    notes = []
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise check.fail(f"entry {i} of '{name}' is not an object", "header")
        where = f"'{name}' entry {i}"
        notes.append(Note(_text(check, item, "title", where), _text(check, item, "text", where)))
    return tuple(notes)


def _references(check: Checker, raw: Any) -> dict[str, dict[str, str]]:
    if not isinstance(raw, dict):
        raise check.fail("'references' must be an object", "header")
    out: dict[str, dict[str, str]] = {}
    for kind in REFERENCE_LISTS:
        table = raw.get(kind)
        if not isinstance(table, dict) or not table:
            raise check.fail(f"'references' has no '{kind}' list", "header")
        if not all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in table.items()):
            raise check.fail(f"'references.{kind}' must map each key to a title", "header")
        out[kind] = {k: v.strip() for k, v in table.items()}
    return out


def _change_log(check: Checker, raw: Any) -> tuple[ChangeEntry, ...]:
    entries = []
    for i, item in enumerate(_list(check, raw, "change_log", "header"), start=1):
        if not isinstance(item, dict):
            raise check.fail(f"change log entry {i} is not an object", "header")
        where = f"change log entry {i}"
        reworded = item.get("reworded_factors", [])
        if not isinstance(reworded, list) or not all(isinstance(r, str) for r in reworded):
            raise check.fail("'reworded_factors' must be a list of factor ids", where)
        entries.append(ChangeEntry(
            _text(check, item, "version", where), _text(check, item, "date", where),
            _text(check, item, "summary", where), _texts(check, item.get("changes"), "changes", where),
            tuple(reworded),
        ))
    return tuple(entries)


def parse_guide(check: Checker, raw: Mapping[str, Any], required: bool) -> Guide | None:
    """Read the framework-level 2.0 sections; None for a 1.x framework that has none of them."""
    keys = (*GUIDE_SECTIONS, "sources", "change_log", "references")
    if not required and not any(k in raw for k in keys):
        return None
    sources = []
    for i, item in enumerate(_list(check, raw.get("sources"), "sources", "header"), start=1):
        if not isinstance(item, dict):
            raise check.fail(f"source {i} is not an object", "header")
        sources.append(Source(_text(check, item, "title", f"source {i}"), _text(check, item, "use", f"source {i}")))
    return Guide(
        scoring_rules=_notes(check, raw.get("scoring_rules"), "scoring_rules"),
        aggregation=_notes(check, raw.get("aggregation"), "aggregation"),
        facilitator_guidance=_notes(check, raw.get("facilitator_guidance"), "facilitator_guidance"),
        sources=tuple(sources),
        change_log=_change_log(check, raw.get("change_log")),
        references=_references(check, raw.get("references")),
    )


def _crosswalk(check: Checker, raw: Any, guide: Guide | None, where: str) -> Crosswalk:
    if not isinstance(raw, dict):
        raise check.fail("'crosswalk' must be an object", where)
    lists = []
    titles: dict[str, str] = {}
    for kind in REFERENCE_LISTS:
        keys = _texts(check, raw.get(kind), f"crosswalk.{kind}", where)
        known = guide.references[kind] if guide else {}
        unknown = [k for k in keys if k not in known]
        if unknown:
            raise check.fail(f"crosswalk.{kind} names {', '.join(unknown)}, not in 'references'", where)
        lists.append(keys)
        titles.update((k, known[k]) for k in keys)
    clauses, stages, areas = lists
    return Crosswalk(clauses, stages, areas, titles=titles)


def parse_factor_extras(
    check: Checker, raw: Mapping[str, Any], levels: tuple[int, ...], guide: Guide | None,
    required: bool, where: str,
) -> FactorExtras:
    """Read a factor's opening question, next-level prompts, level-tied evidence and crosswalk."""
    keys = ("opening_question", "next_level", "level_evidence", "crosswalk")
    if not required and not any(k in raw for k in keys):
        return FactorExtras()
    question = _text(check, raw, "opening_question", where)
    if not question.endswith("?"):
        raise check.fail("'opening_question' must be a question", where)
    prompts_raw = raw.get("next_level")
    if not isinstance(prompts_raw, dict):
        raise check.fail("'next_level' is missing", where)
    prompts: dict[int, str] = {}
    for value in levels[:-1]:
        text = prompts_raw.get(str(value))
        if not isinstance(text, str) or not text.strip():
            raise check.fail(f"no 'next_level' prompt for level {value}", where)
        prompts[value] = text.strip()
    if set(prompts_raw) - {str(v) for v in levels[:-1]}:
        raise check.fail("'next_level' has prompts for levels with no level above them", where)
    evidence = []
    for i, item in enumerate(_list(check, raw.get("level_evidence"), "level_evidence", where), start=1):
        if not isinstance(item, dict) or item.get("level") not in levels[1:]:
            raise check.fail(f"level_evidence entry {i} needs a 'level' from {levels[1]} to {levels[-1]}", where)
        evidence.append((int(item["level"]), _text(check, item, "text", f"{where}, evidence {i}")))
    if len({lv for lv, _ in evidence}) < 3:
        raise check.fail("'level_evidence' must tie evidence to at least three different levels", where)
    return FactorExtras(question, prompts, tuple(sorted(evidence, key=lambda e: e[0])),
                        _crosswalk(check, raw.get("crosswalk"), guide, where))


# --- which version of the guide the rounds were scored on (issue 21) ------------------------------
#
# An engagement file keeps the guide it is scored on, taken when it was created. A newer guide shipped
# with the app is never applied to an existing file by itself; the consultant may move the engagement
# to it between rounds (core/framework_move.py, format 6), and the rounds scored before keep the
# guide they were scored on. These sentences say which guide each compared round used, from the data.

if TYPE_CHECKING:
    from .framework import Framework


def rounds_version_sentence(framework: Framework, earlier: tuple[str, Framework] | None = None,
                            later: tuple[str, Framework] | None = None) -> str:
    """The comparison's basis as to wording. Rounds scored on one guide say so; given each round's
    (label, guide) and the guides differ (the engagement was moved between them, format 6), it
    says which version each used, names the factors worded differently and those left out."""
    if earlier is not None and later is not None and earlier[1].source_text != later[1].source_text:
        from .framework_move import comparison_sentence

        return comparison_sentence(earlier[0], earlier[1], later[0], later[1])
    used = later[1] if later is not None else framework
    return (f"Both rounds were scored against version {used.version} of the scoring guide, "
            "kept in the engagement file, so no factor's wording differs between them.")


def newer_guide_note(engagement: Framework, shipped: Framework) -> str:
    """For the consultant: the app's own guide differs from the one this engagement keeps ('' if not).

    Names every factor whose wording differs, and what that means for a later round.
    """
    if engagement.id != shipped.id or engagement.source_text == shipped.source_text:
        return ""
    from .framework import framework_difference

    diff = framework_difference(engagement, shipped)
    if diff.same_text and engagement.version == shipped.version:
        return ""
    names = [engagement.factor(fid).name for fid in diff.reworded]
    parts = [f"This engagement is scored on version {engagement.version} of the scoring guide, kept in "
             f"its file. This app's guide is version {shipped.version}"]
    if names:
        parts.append(f", which words {len(names)} factor{'s' if len(names) != 1 else ''} differently: "
                     f"{', '.join(names)}")
    if diff.added:
        parts.append(f"; it adds {len(diff.added)} factor{'s' if len(diff.added) != 1 else ''}")
    if diff.removed:
        parts.append(f"; it drops {len(diff.removed)} factor{'s' if len(diff.removed) != 1 else ''}")
    return ("".join(parts) + ". To score the next round on the newer guide, move the engagement to it: "
            "the rounds scored so far keep the wording they were scored on, and a comparison with them "
            "names the factors worded differently.")
