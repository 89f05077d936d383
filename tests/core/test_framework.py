"""The bundled framework and the loader's refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mutuality_desktop.core.errors import FrameworkError
from mutuality_desktop.core.framework import default_framework, load_framework, parse_framework
from mutuality_desktop.core.resources import resource_path

MUTUALITY_FACTORS = [
    "Joint objective setting", "Joint governance structure", "Behaviours and trust indicators",
    "Joint executive leadership", "Operational leadership", "Joint management framework",
    "Joint communications strategy", "Joint knowledge management strategy",
    "Joint risk management strategy", "Joint issue resolution strategy",
    "Value creation and continuous improvement", "Utilisation of learning from experience",
    "Measurement of delivery and performance", "Joint exit strategy",
    "Relationship management strategy",
]
PLACEHOLDERS = ("tbd", "todo", "lorem", "placeholder", "xxx", "to be written")


def test_six_dimensions_in_framework_order_and_mutuality_first_in_workshop():
    fw = default_framework()
    assert [d.name for d in fw.dimensions] == [
        "Economy", "Efficiency", "Effectiveness", "Strategic Value", "Stakeholder Value", "Mutuality"
    ]
    assert fw.workshop_order()[0].name == "Mutuality"
    assert fw.id and fw.version


def test_mutuality_has_exactly_the_fifteen_named_factors_in_order():
    fw = default_framework()
    assert [f.name for f in fw.dimension("mutuality").factors] == MUTUALITY_FACTORS


def test_other_dimensions_have_four_to_six_factors():
    for dim in default_framework().dimensions:
        if dim.id != "mutuality":
            assert 4 <= len(dim.factors) <= 6, dim.name


def test_scale_has_named_levels_zero_to_five_and_separate_not_assessed():
    scale = default_framework().scale
    assert [lv.value for lv in scale.levels] == [0, 1, 2, 3, 4, 5]
    assert [lv.name for lv in scale.levels] == [
        "Absent", "Initial", "Developing", "Established", "Advanced", "Exemplary"
    ]
    assert scale.name_of(None) == "Not assessed"
    assert scale.name_of(0) == "Absent"


def test_every_factor_has_a_complete_distinct_scoring_guide():
    fw = default_framework()
    seen: set[str] = set()
    for f in fw.factors:
        assert len(f.description) > 150, f.id
        assert 3 <= len(f.questions) <= 5 and all(q.endswith("?") for q in f.questions), f.id
        assert len(f.evidence) >= 3, f.id
        texts = [f.descriptors[lv] for lv in range(6)]
        assert len(set(texts)) == 6, f.id
        for text in texts:
            assert len(text.split()) >= 20, (f.id, text)
            assert not any(p in text.lower() for p in PLACEHOLDERS), (f.id, text)
            assert text not in seen
            seen.add(text)


def _raw() -> dict:
    return json.loads(resource_path("frameworks", "vfm-mutuality.json").read_text(encoding="utf-8"))


def _write(tmp_path: Path, raw: dict) -> Path:
    path = tmp_path / "broken-framework.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


def test_missing_level_is_refused_naming_file_factor_and_level(tmp_path):
    raw = _raw()
    del raw["factors"][3]["levels"]["4"]
    fid = raw["factors"][3]["id"]
    with pytest.raises(FrameworkError) as err:
        load_framework(_write(tmp_path, raw))
    message = str(err.value)
    assert "broken-framework.json" in message and fid in message and "missing level 4" in message


def test_duplicate_factor_id_is_refused(tmp_path):
    raw = _raw()
    raw["factors"][1]["id"] = raw["factors"][0]["id"]
    with pytest.raises(FrameworkError, match=f"factor '{raw['factors'][0]['id']}'.*duplicate factor id"):
        load_framework(_write(tmp_path, raw))


def test_unknown_dimension_is_refused(tmp_path):
    raw = _raw()
    raw["factors"][5]["dimension"] = "happiness"
    with pytest.raises(FrameworkError, match="unknown dimension 'happiness'"):
        load_framework(_write(tmp_path, raw))


def test_shared_descriptor_is_refused(tmp_path):
    raw = _raw()
    raw["factors"][2]["levels"]["1"] = raw["factors"][0]["levels"]["1"]
    with pytest.raises(FrameworkError, match="repeats one already used"):
        load_framework(_write(tmp_path, raw))


def test_invalid_json_and_missing_file_are_explained(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(FrameworkError, match="bad.json.*not valid JSON"):
        load_framework(bad)
    with pytest.raises(FrameworkError, match="cannot be read"):
        load_framework(tmp_path / "absent.json")


def test_too_few_questions_is_refused():
    raw = _raw()
    raw["factors"][0]["questions"] = ["Only one?"]
    with pytest.raises(FrameworkError, match="'questions' has 1 entries"):
        parse_framework(json.dumps(raw), "x.json")
