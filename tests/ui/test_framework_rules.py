"""Help → Scoring rules and the About tab show the 2.0 data, and an old engagement its own text."""

from __future__ import annotations

from pathlib import Path

from mutuality_desktop.core.framework import default_framework, load_framework
from mutuality_desktop.ui.framework_rules import ScoringRulesDialog, rules_html
from mutuality_desktop.ui.workshop.about import FactorAbout, factor_html

OLD = Path(__file__).parents[1] / "core" / "data" / "vfm-mutuality-1.0.1.json"


def test_rules_show_the_scale_rules_aggregation_guidance_sources_and_change_log():
    fw = default_framework()
    html = rules_html(fw)
    assert fw.guide is not None
    for note in (*fw.guide.scoring_rules, *fw.guide.aggregation, *fw.guide.facilitator_guidance):
        assert note.title.replace("'", "&#x27;") in html
    for heading in ("The scale", "How to score", "How scores add up", "Running the day", "Sources",
                    "Change log", "Why each dimension has the factors it has"):
        assert heading in html
    assert "version 2.1.0" in html and "Exemplary" in html


def test_rules_for_a_1_0_1_engagement_show_its_own_scale_and_say_it_has_no_written_rules():
    old = load_framework(OLD)
    html = rules_html(old)
    assert "version 1.0.1" in html and "used by others as a model" in html
    assert "has no written scoring rules" in html and "Partial fit" not in html


def test_rules_text_is_escaped(qtbot):
    fw = default_framework()
    assert fw.guide is not None
    html = rules_html(fw)
    assert "<b>Read the levels upwards" in html and "'show me'" not in html  # quotes escaped
    dialog = ScoringRulesDialog(fw)
    qtbot.addWidget(dialog)
    assert "Partial fit" in dialog.text.toPlainText()
    assert not dialog.isModal()


def test_about_shows_opening_question_evidence_by_level_next_level_prompts_and_crosswalk(qtbot):
    factor = default_framework().factor("joint-exit-strategy")
    about = FactorAbout()
    qtbot.addWidget(about)
    about.show_factor(factor)
    text = about.toPlainText()
    assert factor.opening_question in text
    assert "TO REACH THE NEXT LEVEL" in text and factor.next_level_prompt(2) in text
    assert "From 4 to 5" in text and "From 5 to 6" not in text
    assert "Level 3 · Each side's role if the contract ends suddenly, provider failure included" in text
    assert "Stage 8, Exit strategy" in text and "Market management (strategy)" in text


def test_about_for_a_1_0_1_factor_shows_only_what_1_0_1_had():
    factor = load_framework(OLD).factor("joint-exit-strategy")
    html = factor_html(factor)
    assert "OPEN WITH" not in html and "TO REACH THE NEXT LEVEL" not in html
    assert "WHERE THIS FACTOR SITS" not in html
    assert all(e.replace("'", "&#x27;") in html for e in factor.evidence)


def test_help_scoring_rules_with_nothing_open_shows_the_bundled_framework(window, qtbot):
    from mutuality_desktop.ui.framework_rules import show_scoring_rules

    dialog = show_scoring_rules(window)
    qtbot.waitExposed(dialog)
    assert "framework 2.1.0" in dialog.windowTitle()
    assert "Minimum coverage" in dialog.text.toPlainText()
    dialog.close()


def test_help_scoring_rules_for_a_1_0_1_engagement_shows_its_own_framework(window, qtbot, tmp_path):
    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.ui.framework_rules import show_scoring_rules

    from ..core.conftest import INFO

    path = tmp_path / "old.mutuality"
    Engagement.create(path, INFO, framework=load_framework(OLD)).close()
    window.open_path(path)
    qtbot.waitUntil(lambda: window.doc is not None)
    dialog = show_scoring_rules(window)
    assert "framework 1.0.1" in dialog.windowTitle()
    assert "has no written scoring rules" in dialog.text.toPlainText()
    window.workshop.go_to_factor("joint-exit-strategy")
    about = window.workshop.about.toPlainText()
    assert "TO REACH THE NEXT LEVEL" not in about and "OPEN WITH" not in about
    assert load_framework(OLD).factor("joint-exit-strategy").evidence[0] in about
    assert "Exit is planned from the start" in window.workshop.factor().descriptors[5]
    dialog.close()
