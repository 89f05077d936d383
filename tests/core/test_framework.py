"""The bundled framework and the loader's refusals."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import FrameworkError
from mutuality_desktop.core.framework import (
    default_framework,
    framework_difference,
    load_framework,
    parse_framework,
)
from mutuality_desktop.core.resources import resource_path

from .conftest import INFO

OLD_FRAMEWORK = Path(__file__).parent / "data" / "vfm-mutuality-1.0.1.json"
FRAMEWORK_2_0 = Path(__file__).parent / "data" / "vfm-mutuality-2.0.0.json"  # as released, before the two readings

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


def test_other_dimensions_have_five_factors_each_and_say_why():
    fw = default_framework()
    for dim in fw.dimensions:
        if dim.id != "mutuality":
            assert len(dim.factors) == 5, dim.name
        assert len(dim.factor_count_note) > 60, dim.name
    assert len(fw.factors) == 40


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


# --- 2.0: the new per-factor and framework-level data -------------------------------------------

JOINT_WORDS = re.compile(
    r"\b(both sides|both organisations|jointly|joint|together|shared|the two sides)\b", re.IGNORECASE
)
COPIED_BY_OTHERS = re.compile(
    r"\b(copied|adopted|cited?|peers?|sector bodies|template|other (public )?bodies)\b", re.IGNORECASE
)


def test_the_shipped_framework_is_2_1_with_rules_aggregation_guidance_sources_and_change_log():
    fw = default_framework()
    assert fw.version == "2.1.0" and fw.guide is not None
    guide = fw.guide
    titles = {n.title for n in guide.scoring_rules}
    assert {"Partial fit", "Minimum evidence", "Confidence: High, Medium, Low"} <= titles
    assert any("Not assessed" in n.title for n in guide.scoring_rules)
    assert {n.title for n in guide.aggregation} >= {
        "Dimension score", "Minimum coverage", "Mutuality index", "Perception-gap index"
    }
    assert {n.title for n in guide.facilitator_guidance} >= {
        "Pre-scoring", "Triage", "Timings for the day", "Ground rules", "The observer's role"
    }
    assert any("44001" in s.title for s in guide.sources)
    assert any("Good practice contract management framework" in s.title for s in guide.sources)
    assert guide.change_log[0].version == fw.version
    assert len(guide.references["iso44001_stages"]) == 8


def test_every_factor_has_an_opening_question_next_level_prompts_level_evidence_and_crosswalk():
    fw = default_framework()
    assert fw.guide is not None
    for f in fw.factors:
        assert f.opening_question.endswith("?"), f.id
        assert all(len(f.next_level_prompt(lv).split()) >= 6 for lv in range(5)), f.id
        assert f.next_level_prompt(5) == ""
        assert len({lv for lv in range(1, 6) if f.evidence_for(lv)}) >= 4, f.id
        assert f.evidence_for(3), f"{f.id}: no evidence an auditor could ask for at Level 3"
        cw = f.extras.crosswalk
        assert cw is not None and cw.iso44001_clauses and cw.iso44001_stages and cw.nao_areas, f.id
        assert fw.guide.reference_name("nao_areas", cw.nao_areas[0]) != cw.nao_areas[0]


def test_value_for_money_dimensions_are_scored_on_their_own_evidence_without_a_joint_gate():
    for f in default_framework().factors:
        if f.dimension_id == "mutuality":
            continue
        for level, text in f.descriptors.items():
            assert not JOINT_WORDS.search(text), (f.id, level, JOINT_WORDS.findall(text))


def test_level_five_is_what_the_partnership_sustains_not_who_copies_it():
    for f in default_framework().factors:
        top = f.descriptors[5]
        assert not COPIED_BY_OTHERS.search(top), (f.id, COPIED_BY_OTHERS.findall(top))
        assert re.search(r"\b(through|held|kept|continued|survived|carried)\b", top), f.id


def test_one_voice_the_authority_and_the_provider():
    for f in default_framework().factors:
        assert re.match(r"This factor (asks|looks at)", f.description), f.id
        for text in (f.description, *f.descriptors.values(), *f.questions, f.opening_question):
            assert not re.search(r"\bclient\b(?! capability)", text.replace("intelligent client", "")), (
                f.id, text)


def test_named_findings_are_fixed():
    fw = default_framework()
    gov = fw.factor("joint-governance-structure")
    assert "section 101" in gov.description and "scheme of delegation" in gov.descriptors[3]
    exit_ = fw.factor("joint-exit-strategy")
    assert "planned from the start" not in exit_.descriptors[5]
    assert "owned by both sides" in exit_.descriptors[3]
    rms = fw.factor("relationship-management-strategy")
    assert "Nobody" in rms.descriptors[0] and "One side" in rms.descriptors[1]
    issues = fw.factor("joint-issue-resolution-strategy")
    assert "remedies are applied as the contract provides" in issues.descriptors[3]
    assert "not used for years" not in issues.descriptors[5]


def test_every_1_0_1_factor_id_survives_and_the_change_log_names_the_reworded_ones():
    old = load_framework(OLD_FRAMEWORK)
    new = default_framework()
    assert [f.id for f in old.factors] == [f.id for f in new.factors]
    diff = framework_difference(old, new)
    assert (diff.old_version, diff.new_version) == ("1.0.1", "2.1.0")
    assert not diff.added and not diff.removed
    assert new.guide is not None
    since_1_0_1 = [e for e in new.guide.change_log if e.version in ("2.0.0", "2.1.0")]
    assert set().union(*(e.reworded_factors for e in since_1_0_1)) == set(diff.reworded)
    assert framework_difference(new, new).same_text


def test_the_2_1_change_log_names_exactly_the_factors_reworded_since_2_0():
    released, new = load_framework(FRAMEWORK_2_0), default_framework()
    assert released.version == "2.0.0" and new.guide is not None
    diff = framework_difference(released, new)
    entry = new.guide.change_log[0]
    assert entry.version == "2.1.0" and not diff.added and not diff.removed
    assert set(entry.reworded_factors) == set(diff.reworded)
    assert "joint-communications-strategy" in diff.reworded and "net-zero-and-environment" not in diff.reworded


def test_a_1_0_1_snapshot_loads_without_the_new_fields_and_keeps_its_text():
    old = load_framework(OLD_FRAMEWORK)
    raw = json.loads(OLD_FRAMEWORK.read_text(encoding="utf-8"))
    assert old.version == "1.0.1" and old.guide is None
    f = old.factor("joint-governance-structure")
    raw_f = next(r for r in raw["factors"] if r["id"] == f.id)
    assert f.descriptors[5] == raw_f["levels"]["5"] and "delegated authority" in f.descriptors[5]
    assert f.opening_question == "" and f.next_level_prompt(2) == "" and f.evidence_for(3) == ()
    assert f.evidence == tuple(raw_f["evidence"])


def test_an_engagement_file_made_with_1_0_1_opens_and_shows_its_own_1_0_1_text(tmp_path):
    old = load_framework(OLD_FRAMEWORK)
    path = tmp_path / "made-with-1.0.1.mutuality"
    with Engagement.create(path, INFO, framework=old) as eng:
        eng.set_score(eng.rounds()[0].id, "joint-exit-strategy", "agreed", 3)
    with Engagement.open(path) as eng:
        assert eng.framework.version == "1.0.1" and eng.framework.guide is None
        shown = eng.framework.factor("joint-exit-strategy").descriptors[5]
        assert shown == old.factor("joint-exit-strategy").descriptors[5]
        assert shown != default_framework().factor("joint-exit-strategy").descriptors[5]
        assert eng.framework.factor("price-benchmarking").name == "Price benchmarking"


def _raw2() -> dict:
    return _raw()


@pytest.mark.parametrize("field", ["opening_question", "next_level", "level_evidence", "crosswalk"])
def test_a_2_0_factor_missing_a_new_field_is_refused(field):
    raw = _raw2()
    del raw["factors"][4][field]
    with pytest.raises(FrameworkError, match=f"factor '{raw['factors'][4]['id']}'"):
        parse_framework(json.dumps(raw), "x.json")


def test_a_2_0_framework_without_its_rules_is_refused():
    raw = _raw2()
    del raw["scoring_rules"]
    with pytest.raises(FrameworkError, match="'scoring_rules' must be a non-empty list"):
        parse_framework(json.dumps(raw), "x.json")


def test_a_crosswalk_naming_an_unknown_area_is_refused():
    raw = _raw2()
    raw["factors"][0]["crosswalk"]["nao_areas"] = ["vibes"]
    with pytest.raises(FrameworkError, match="crosswalk.nao_areas names vibes"):
        parse_framework(json.dumps(raw), "x.json")


def test_a_next_level_prompt_for_the_top_level_is_refused():
    raw = _raw2()
    raw["factors"][0]["next_level"]["5"] = "There is no level above five to reach."
    with pytest.raises(FrameworkError, match="no level above"):
        parse_framework(json.dumps(raw), "x.json")


def test_evidence_tied_to_a_level_off_the_scale_is_refused():
    raw = _raw2()
    raw["factors"][0]["level_evidence"][0]["level"] = 9
    with pytest.raises(FrameworkError, match="needs a 'level' from 1 to 5"):
        parse_framework(json.dumps(raw), "x.json")


def test_an_opening_question_that_is_not_a_question_is_refused():
    raw = _raw2()
    raw["factors"][0]["opening_question"] = "Tell me about it."
    with pytest.raises(FrameworkError, match="must be a question"):
        parse_framework(json.dumps(raw), "x.json")


def test_a_1_x_framework_may_carry_the_new_fields_partly_and_they_are_still_checked():
    raw = _raw2()
    raw["version"] = "1.9.0"
    for f in raw["factors"][1:]:
        for key in ("opening_question", "next_level", "level_evidence", "crosswalk"):
            del f[key]
        f["evidence"] = ["A document the room can ask for"]
    fw = parse_framework(json.dumps(raw), "x.json")
    assert fw.factors[0].opening_question and not fw.factors[1].opening_question
    raw["factors"][0]["opening_question"] = "Not a question."
    with pytest.raises(FrameworkError, match="must be a question"):
        parse_framework(json.dumps(raw), "x.json")


def test_reliance_on_particular_people_is_level_one_in_the_scale_and_never_level_zero():
    fw = default_framework()
    assert "particular people" in fw.scale.level(1).summary
    assert "people" not in fw.scale.level(0).summary
    for f in fw.factors:
        assert not re.search(r"individual|few people|personal|goodwill", f.descriptors[0], re.I), f.id


# --- 2.1: the council director's and the provider managing director's readings ------------------

def _rule(fw, title: str) -> str:
    assert fw.guide is not None
    return next(n.text for n in (*fw.guide.scoring_rules, *fw.guide.aggregation,
                                 *fw.guide.facilitator_guidance) if n.title == title)


def test_a_disputed_factor_is_not_agreed_rather_than_given_the_facilitator_s_level():
    fw = default_framework()
    rule = _rule(fw, "When the room cannot agree")
    assert "the agreed level is left empty and the factor is Not agreed" in rule
    assert "begin 'Not agreed'" in rule and "both sides' levels" in rule
    assert "facilitator records the level" not in rule
    assert "Not agreed" in _rule(fw, "Dimension score")
    assert "Not agreed" in _rule(fw, "Level 0, Not assessed and Not applicable")


def test_the_main_condition_is_the_first_sentence_and_the_best_fit_rule_reads_main_conditions():
    fw = default_framework()
    assert "true as a whole" not in _rule(fw, "Read the levels upwards and take the best fit")
    partial = _rule(fw, "Partial fit")
    assert partial.startswith("The main condition is the descriptor's first sentence")
    assert "at most two supporting details" not in partial


def test_evidence_has_one_home_gain_share_sudden_end_plan_supply_market_and_handovers():
    fw = default_framework()

    def homes(pattern: str) -> set[str]:
        rx = re.compile(pattern, re.IGNORECASE)
        return {f.id for f in fw.factors
                if any(rx.search(t) for t in (*f.descriptors.values(),
                                              *(e for lv in range(6) for e in f.evidence_for(lv))))}

    assert homes(r"gain-share|savings-share") == {"payment-mechanism-design"}
    assert homes(r"supply market") == {"service-resilience-and-continuity"}
    assert homes(r"contract ends suddenly|sudden end") == {"joint-exit-strategy"}
    assert "service-resilience-and-continuity" not in homes(r"provider.failure")
    assert homes(r"handover (brief|record|checklist)|handovers for key") == {
        "joint-executive-leadership", "relationship-management-strategy", "joint-knowledge-management-strategy"}
    rule = _rule(fw, "One piece of evidence, one factor")
    assert "Payment mechanism design" in rule and "Joint exit strategy" in rule


def test_the_generic_scale_does_not_cap_a_value_for_money_factor_reached_by_one_side_alone():
    fw = default_framework()
    one = fw.scale.level(1).summary
    assert "In Mutuality, one side acting alone is also Level 1" in one
    assert "one side acting alone, and" not in one
    five = fw.scale.level(5).summary
    assert "full rehearsal" in five and "without anyone outside" not in five
    assert "In every factor a full rehearsal of one counts" in _rule(fw, "Minimum evidence")
    assert "promised" not in _rule(fw, "Minimum evidence")


def test_the_twenty_weakest_passages_of_2_0_are_gone():
    released, fw = load_framework(FRAMEWORK_2_0), default_framework()
    gone = {
        ("joint-governance-structure", None): "without the matter being reopened",
        ("joint-communications-strategy", 3): "no statement about the service goes out without",
        ("inflation-and-indexation-control", 4): "the indexation terms have been amended",
        ("avoidance-of-duplicated-effort", 3): "Each overlapping task has been given to one side",
        ("value-creation-and-continuous-improvement", 3): "has been used at least once",
        ("utilisation-of-learning-from-experience", 5): "when a failure recurred",
        ("joint-governance-structure", 1): "the authority runs them and the provider attends",
        ("service-quality", None): "unresolved material breach",
        ("joint-risk-management-strategy", 3): "held by the party best placed",
        ("pricing-and-commercial-terms", 3): "margin and overhead rates are stated",
        ("joint-exit-strategy", 3): "a plan for sudden provider failure",
    }
    for (fid, level), text in gone.items():
        before = released.factor(fid)
        after = fw.factor(fid)
        was = before.description if level is None else before.descriptors[level]
        now = after.description if level is None else after.descriptors[level]
        assert text in was and text not in now, (fid, level, text)
    assert "internal audit" not in _rule(fw, "The observer's role")
    assert "both sides accepted in advance" in _rule(fw, "The observer's role")
    assert "Share the triage" not in _rule(fw, "Triage")
    assert "A move of any size" in _rule(fw, "Comparing rounds")
