"""The assessment framework: dimensions, factors and the scoring guide, loaded from data."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .errors import FrameworkError
from .framework_guide import FactorExtras, Guide, major_version, parse_factor_extras, parse_guide
from .resources import resource_path

DEFAULT_FRAMEWORK_FILE = "vfm-mutuality.json"
MUTUALITY = "mutuality"


@dataclass(frozen=True)
class Level:
    value: int
    name: str
    summary: str


@dataclass(frozen=True)
class Scale:
    levels: tuple[Level, ...]
    not_assessed_label: str

    @property
    def minimum(self) -> int:
        return self.levels[0].value

    @property
    def maximum(self) -> int:
        return self.levels[-1].value

    def level(self, value: int) -> Level:
        for level in self.levels:
            if level.value == value:
                return level
        raise KeyError(value)

    def name_of(self, value: int | None) -> str:
        return self.not_assessed_label if value is None else self.level(value).name

    def __contains__(self, value: object) -> bool:
        return any(level.value == value for level in self.levels)


@dataclass(frozen=True)
class Factor:
    id: str
    dimension_id: str
    name: str
    description: str
    questions: tuple[str, ...]
    evidence: tuple[str, ...]
    descriptors: Mapping[int, str]
    number: int = 0  # 1-based position within its dimension
    extras: FactorExtras = field(default_factory=FactorExtras, compare=False)

    def descriptor(self, level: int) -> str:
        return self.descriptors[level]

    @property
    def opening_question(self) -> str:
        """The question the facilitator opens the factor with ('' in a 1.x framework)."""
        return self.extras.opening_question

    def next_level_prompt(self, level: int) -> str:
        """What the room would have to show to reach the level above ('' at the top or in 1.x)."""
        return self.extras.next_level.get(level, "")

    def evidence_for(self, level: int) -> tuple[str, ...]:
        """The evidence examples tied to a level (none in a 1.x framework)."""
        return tuple(text for lv, text in self.extras.level_evidence if lv == level)


@dataclass(frozen=True)
class Dimension:
    id: str
    name: str
    description: str
    factors: tuple[Factor, ...] = field(default_factory=tuple)
    factor_count_note: str = ""  # why the dimension has as many factors as it has (2.0 on)


@dataclass(frozen=True)
class Framework:
    id: str
    version: str
    title: str
    scale: Scale
    dimensions: tuple[Dimension, ...]
    source_text: str = field(repr=False, compare=False, default="")
    guide: Guide | None = field(repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        index = {f.id: f for d in self.dimensions for f in d.factors}
        object.__setattr__(self, "_factor_index", index)

    @property
    def factors(self) -> tuple[Factor, ...]:
        return tuple(f for d in self.dimensions for f in d.factors)

    def factor(self, factor_id: str) -> Factor:
        index: dict[str, Factor] = self._factor_index  # type: ignore[attr-defined]
        return index[factor_id]

    def has_factor(self, factor_id: str) -> bool:
        return factor_id in self._factor_index  # type: ignore[attr-defined]

    def dimension(self, dimension_id: str) -> Dimension:
        for dim in self.dimensions:
            if dim.id == dimension_id:
                return dim
        raise KeyError(dimension_id)

    def workshop_order(self) -> tuple[Dimension, ...]:
        """Return the dimensions with Mutuality first, the order the room works through."""
        first = [d for d in self.dimensions if d.id == MUTUALITY]
        return tuple(first + [d for d in self.dimensions if d.id != MUTUALITY])

    def __iter__(self) -> Iterator[Dimension]:
        return iter(self.dimensions)


class _Checker:
    """Collect the context (file, factor) for error messages while validating."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, problem: str, where: str = "") -> FrameworkError:
        place = f", {where}" if where else ""
        return FrameworkError(f"Framework file {self.source}{place}: {problem}.")

    def text(self, obj: Mapping[str, Any], key: str, where: str, allow_empty: bool = False) -> str:
        value = obj.get(key)
        if not isinstance(value, str) or (not allow_empty and not value.strip()):
            raise self.fail(f"'{key}' is missing or empty", where)
        return value.strip()

    def texts(self, obj: Mapping[str, Any], key: str, where: str, lo: int, hi: int) -> tuple[str, ...]:
        value = obj.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(f"'{key}' must be a list of non-empty texts", where)
        if not lo <= len(value) <= hi:
            raise self.fail(f"'{key}' has {len(value)} entries, expected {lo} to {hi}", where)
        return tuple(v.strip() for v in value)


def _parse_scale(check: _Checker, raw: Any) -> Scale:
    if not isinstance(raw, dict) or not isinstance(raw.get("levels"), list):
        raise check.fail("'scale' with a list of 'levels' is missing")
    levels = []
    for i, item in enumerate(raw["levels"]):
        if not isinstance(item, dict) or not isinstance(item.get("value"), int):
            raise check.fail(f"scale level {i + 1} has no integer 'value'")
        where = f"scale level {item['value']}"
        levels.append(Level(item["value"], check.text(item, "name", where), check.text(item, "summary", where)))
    values = [lv.value for lv in levels]
    if len(values) < 2 or values != list(range(values[0], values[0] + len(values))):
        raise check.fail(f"scale levels must be consecutive integers, found {values}")
    label = raw.get("not_assessed_label", "Not assessed")
    if not isinstance(label, str) or not label.strip():
        raise check.fail("'not_assessed_label' must be a text")
    return Scale(tuple(levels), label.strip())


def _parse_factor(
    check: _Checker, raw: Any, scale: Scale, dims: Mapping[str, Any], n: int, guide: Guide | None, v2: bool,
    numbers: dict[str, int],
) -> Factor:
    if not isinstance(raw, dict):
        raise check.fail(f"factor {n} is not an object")
    fid = raw.get("id")
    if not isinstance(fid, str) or not fid.strip():
        raise check.fail(f"factor {n} has no 'id'")
    where = f"factor '{fid}'"
    dim_id = raw.get("dimension")
    if not isinstance(dim_id, str) or dim_id not in dims:
        raise check.fail(f"unknown dimension '{dim_id}'", where)
    raw_levels = raw.get("levels")
    if not isinstance(raw_levels, dict):
        raise check.fail("'levels' is missing", where)
    descriptors: dict[int, str] = {}
    for level in scale.levels:
        text = raw_levels.get(str(level.value))
        if not isinstance(text, str) or not text.strip():
            raise check.fail(f"missing level {level.value} ({level.name})", where)
        descriptors[level.value] = text.strip()
    extra = set(raw_levels) - {str(lv.value) for lv in scale.levels}
    if extra:
        raise check.fail(f"level(s) {', '.join(sorted(extra))} are not on the scale", where)
    values = tuple(lv.value for lv in scale.levels)
    extras = parse_factor_extras(check, raw, values, guide, v2, where)
    if "evidence" not in raw and extras.level_evidence:
        evidence = tuple(text for _, text in extras.level_evidence)
    else:
        evidence = check.texts(raw, "evidence", where, 1, 8)
    name = check.text(raw, "name", where)
    description = check.text(raw, "description", where)
    questions = check.texts(raw, "questions", where, 3, 5)
    numbers[dim_id] = numbers.get(dim_id, 0) + 1  # 1-based position within its dimension
    return Factor(
        id=fid,
        dimension_id=dim_id,
        name=name,
        description=description,
        questions=questions,
        evidence=evidence,
        descriptors=descriptors,
        number=numbers[dim_id],
        extras=extras,
    )


MAX_JSON_DEPTH = 32  # a guide is 5 deep; nothing the app writes or reads comes near
TOO_DEEP = "the scoring guide is nested far deeper than any the app writes"


def json_depth(value: Any) -> int:
    """The deepest nesting of lists and objects in parsed JSON (0 for a plain value).

    Measured on what the JSON reader built (which refuses the pathological depths itself), not
    on the text: no pass over the text's 200 KB, and brackets inside strings are text.
    """
    best, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        best = max(best, depth)
        for child in children:
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
    return best


_PARSED: dict[str, Framework] = {}  # the last few texts parsed: an open checks, then loads, the same


def parse_framework(text: str, source: str = "<framework>") -> Framework:
    """Parse and validate framework JSON; raise FrameworkError naming the file, factor and problem.

    A text parsed successfully before gives the same (immutable) Framework again without parsing:
    opening a file checks its scoring guide and then loads it, and a window reopens files. The
    bundled guide's exact text gets the objects parsed and checked when the app was built
    (core/framework_bundled.py); any other text is parsed and checked in full.
    """
    known = _PARSED.get(text)
    if known is not None:
        return known
    from .framework_bundled import bundled_parse

    # The bundled guide's own text: its objects as built and checked with the app (no parse).
    framework = bundled_parse(text) or _parse_framework(text, source)
    if len(_PARSED) >= 4:
        _PARSED.pop(next(iter(_PARSED)))
    _PARSED[text] = framework
    return framework


def _parse_framework(text: str, source: str) -> Framework:
    check = _Checker(source)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise check.fail(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    except RecursionError:  # the reader stops a few hundred levels down: never deeper
        raise check.fail(TOO_DEEP) from None
    if json_depth(raw) > MAX_JSON_DEPTH:
        raise check.fail(TOO_DEEP)
    if not isinstance(raw, dict):
        raise check.fail("the top level must be an object")
    fw_id = check.text(raw, "id", "header")
    version = check.text(raw, "version", "header")
    scale = _parse_scale(check, raw.get("scale"))
    v2 = major_version(version) >= 2
    guide = parse_guide(check, raw, required=v2)
    raw_dims = raw.get("dimensions")
    if not isinstance(raw_dims, list) or not raw_dims:
        raise check.fail("'dimensions' must be a non-empty list")
    dims: dict[str, dict[str, Any]] = {}
    for i, d in enumerate(raw_dims):
        if not isinstance(d, dict) or not isinstance(d.get("id"), str):
            raise check.fail(f"dimension {i + 1} has no 'id'")
        if d["id"] in dims:
            raise check.fail(f"duplicate dimension id '{d['id']}'")
        dims[d["id"]] = d
    raw_factors = raw.get("factors")
    if not isinstance(raw_factors, list) or not raw_factors:
        raise check.fail("'factors' must be a non-empty list")
    by_dim: dict[str, list[Factor]] = {d: [] for d in dims}
    seen_ids: set[str] = set()
    seen_descriptors: dict[str, str] = {}
    numbers: dict[str, int] = {}
    for n, rf in enumerate(raw_factors, start=1):
        factor = _parse_factor(check, rf, scale, dims, n, guide, v2, numbers)
        if factor.id in seen_ids:
            raise check.fail("duplicate factor id", f"factor '{factor.id}'")
        seen_ids.add(factor.id)
        for value, desc in factor.descriptors.items():
            key = " ".join(desc.lower().split())
            if key in seen_descriptors:
                raise check.fail(
                    f"level {value} descriptor repeats one already used by {seen_descriptors[key]}",
                    f"factor '{factor.id}'",
                )
            seen_descriptors[key] = f"factor '{factor.id}'"
        by_dim[factor.dimension_id].append(factor)
    dimensions = []
    for dim_id, d in dims.items():
        where = f"dimension '{dim_id}'"
        if not by_dim[dim_id]:
            raise check.fail("has no factors", where)
        note = check.text(d, "factor_count_note", where) if v2 else ""
        dimensions.append(Dimension(
            dim_id, check.text(d, "name", where), check.text(d, "description", where), tuple(by_dim[dim_id]), note,
        ))
    title = raw.get("title") if isinstance(raw.get("title"), str) else fw_id
    return Framework(fw_id, version, str(title), scale, tuple(dimensions), source_text=text, guide=guide)


def sha256_hex(text: str) -> str:
    """The SHA-256 of text's UTF-8 bytes, in hex (a guide's checksum in the file)."""
    import hashlib  # here, not at start-up: importing it loads OpenSSL (a few ms)

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_framework(path: Path) -> Framework:
    """Read and validate a framework file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkError(f"Framework file {path} cannot be read: {exc}.") from exc
    return parse_framework(text, str(path))


@cache
def default_framework() -> Framework:
    """Return the framework bundled with this version of the app."""
    return load_framework(resource_path("frameworks", DEFAULT_FRAMEWORK_FILE))


def factor_names(factors: Sequence[Factor]) -> list[str]:
    return [f.name for f in factors]


@dataclass(frozen=True)
class FrameworkDifference:
    """What a reader comparing rounds scored on two framework versions needs to be told."""

    old_version: str
    new_version: str
    reworded: tuple[str, ...]  # factor ids in both whose name, description or descriptors changed
    added: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def same_text(self) -> bool:
        return not (self.reworded or self.added or self.removed)


def framework_difference(old: Framework, new: Framework) -> FrameworkDifference:
    """Compare two frameworks factor by factor, by identifier, as round comparison does."""
    old_ids = {f.id for f in old.factors}
    reworded = tuple(
        f.id for f in new.factors if f.id in old_ids and _wording(old.factor(f.id)) != _wording(f)
    )
    added = tuple(f.id for f in new.factors if f.id not in old_ids)
    removed = tuple(f.id for f in old.factors if not new.has_factor(f.id))
    return FrameworkDifference(old.version, new.version, reworded, added, removed)


def _wording(factor: Factor) -> tuple[str, str, tuple[str, ...]]:
    return factor.name, factor.description, tuple(factor.descriptors[k] for k in sorted(factor.descriptors))
