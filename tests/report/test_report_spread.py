"""The report prints each side's range of own views beside the levels, without names."""

from __future__ import annotations

from pathlib import Path

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.report import build_html_file
from mutuality_desktop.core.report.data import collect_report_data
from mutuality_desktop.core.report.spread_rows import spread_notes
from mutuality_desktop.core.spread import factor_spreads


def test_spread_notes_beside_each_factor_and_no_names(tmp_path: Path, demo_path: Path) -> None:
    path = demo_path
    with Engagement.open(path, readonly=True) as eng:
        baseline = eng.rounds()[0]
        data = collect_report_data(eng, baseline.id)
        people = eng.participants()
        spreads = factor_spreads(people, eng.participant_scores(baseline.id),
                                 [f.id for f in eng.framework.factors])
    factor = data.framework.factors[0]
    for f in data.framework.dimension("mutuality").factors:
        s = spreads[f.id]
        notes = spread_notes(data, f)
        lo, hi = s.client.lowest, s.client.highest
        span = f"{lo}" if lo == hi else f"{lo}\u2013{hi}"
        assert notes[0].startswith(f"Client's own views: {span} (")
        assert any(n.startswith("Split: ") for n in notes) == s.polarised
    out = tmp_path / "r.html"
    build_html_file(path, out, round_label=baseline.label)
    html = out.read_text(encoding="utf-8")
    assert "own views: " in html
    assert factor.name in html
    shown = [p.name for p in people if p.side in ("client", "provider")]
    every_note = " ".join(n for f in data.framework.factors for n in spread_notes(data, f))
    assert every_note and not any(name in every_note for name in shown)


def test_names_appear_only_when_the_engagement_chose_them(tmp_path: Path, demo_path: Path) -> None:
    from mutuality_desktop.core.operations import SetReportNames

    path = demo_path
    out = tmp_path / "anonymous.html"
    build_html_file(path, out, round_label="Baseline")
    assert "Own views: " not in out.read_text(encoding="utf-8")
    with Engagement.open(path) as eng:
        eng.apply(SetReportNames(True))
        first = eng.framework.dimension("mutuality").factors[0]
        data = collect_report_data(eng, eng.rounds()[0].id)
    out = tmp_path / "named.html"
    build_html_file(path, out, round_label="Baseline")
    html = out.read_text(encoding="utf-8")
    from mutuality_desktop.core.report.spread_rows import named_views

    line = named_views(data, first)
    assert line.startswith("Own views: client ") and "; provider " in line
    assert "Own views: client " in html
