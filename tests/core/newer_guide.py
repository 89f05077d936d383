"""A synthetic newer version of the bundled scoring guide, for the tests of moving an engagement to
it (issue 21): one minor version up, it rewords two factors, adds one and drops one. The bundled guide itself
is never edited by these tests."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from mutuality_desktop.core.framework import Framework, default_framework, parse_framework

OLD = default_framework().version  # the guide this app ships (the engagements in the tests start on it)
_major, _minor, *_ = OLD.split(".")
VERSION = f"{_major}.{int(_minor) + 1}.0"  # the synthetic newer guide
NEW = VERSION
REWORDED = ("joint-objective-setting", "behaviours-and-trust-indicators")
REMOVED = "inflation-and-indexation-control"
ADDED = "whole-life-cost-review"
ADDED_NAME = "Whole-life cost review"


def newer_guide_text() -> str:
    raw = json.loads(default_framework().source_text)
    raw["version"] = VERSION
    for factor in raw["factors"]:
        if factor["id"] in REWORDED:
            factor["description"] += f" Version {VERSION} asks for the evidence in the room."
    template = next(f for f in raw["factors"] if f["id"] == REMOVED)
    added = copy.deepcopy(template)
    added["id"], added["name"] = ADDED, ADDED_NAME
    added["description"] = ("This factor asks whether both sides look at what the service costs over "
                            "the whole life of the contract, not just this year's price.")
    raw["factors"] = [f for f in raw["factors"] if f["id"] != REMOVED]
    raw["factors"].append(added)
    return json.dumps(raw, ensure_ascii=False, indent=1)


def newer_guide() -> Framework:
    return parse_framework(newer_guide_text(), "the test's newer guide")


def write_newer_guide(folder: Path) -> Path:
    path = folder / f"vfm-mutuality-{VERSION}.json"
    path.write_text(newer_guide_text(), encoding="utf-8")
    return path
