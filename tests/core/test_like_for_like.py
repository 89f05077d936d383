"""Issue 21: a factor marked not applicable in either round is left out of a comparison on both
sides, and the comparison's basis says how many factors were compared and why some were not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.report import collect_report_data
from mutuality_desktop.core.report import rows as R
from mutuality_desktop.core.report.basis import comparison_basis, like_for_like_sentence
from mutuality_desktop.core.report.wording import comparison_lead, movement

INFO = EngagementInfo(title="Waste partnership review", client_organisation="Northmoor Borough Council",
                      provider_organisation="Castleway Services Ltd", workshop_date=dt.date(2026, 3, 12))
BEFORE = [2, 3, 1, 2, 3, 2, 2, 1, 3, 2, 2, 3, 1, 2, 2]
EXIT = "joint-exit-strategy"  # 14th mutuality factor; baseline 2
KNOWLEDGE = "joint-knowledge-management-strategy"  # 8th; baseline 1


@pytest.fixture(scope="module")
def two_rounds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every mutuality factor agreed in both rounds, one level up in the follow-up; exit strategy
    marked not applicable in the follow-up after it was scored (its level 5 must not count), and
    knowledge management marked not applicable in the baseline and not scored in the follow-up."""
    path = tmp_path_factory.mktemp("lfl") / "two.mutuality"
    with Engagement.create(path, INFO) as e:
        base = e.rounds()[0]
        factors = e.framework.dimension("mutuality").factors
        follow = e.add_round("Follow-up", dt.date(2026, 10, 8))
        for f, level in zip(factors, BEFORE, strict=True):
            if f.id != KNOWLEDGE:
                e.set_score(base.id, f.id, "agreed", level)
                e.set_score(follow.id, f.id, "agreed", 5 if f.id == EXIT else level + 1)
        e.apply(ops.SetNotApplicable(base.uuid, KNOWLEDGE, "No shared systems in the first year"))
        e.apply(ops.SetNotApplicable(follow.uuid, EXIT, "Contract extended to 2034; exit reviewed then"))
    yield path


def test_the_basis_leaves_out_factors_not_applicable_in_either_round(two_rounds: Path) -> None:
    with Engagement.open(two_rounds, readonly=True) as e:
        data = collect_report_data(e)
    assert data.previous is not None
    basis = comparison_basis(data.framework, data.previous.scores, data.scores, "mutuality",
                             "Baseline", "Follow-up")
    assert basis.compared == 13
    assert basis.not_applicable == (("Joint knowledge management strategy", "Baseline"),
                                    ("Joint exit strategy", "Follow-up"))
    assert basis.before_agreed == 14 and basis.after_agreed == 13  # the marked ones do not count
    assert not basis.complete
    sentence = like_for_like_sentence(data.framework, data.previous.scores, data.scores, "Baseline",
                                      "Follow-up")
    assert sentence == ("Follow-up is compared with Baseline like for like, on the 13 factors agreed in "
                        "both rounds. 2 factors are left out on both sides: Joint knowledge management "
                        "strategy (marked not applicable in Baseline) and Joint exit strategy (marked not "
                        "applicable in Follow-up).")


def test_the_index_and_the_moves_are_worked_out_without_them(two_rounds: Path) -> None:
    with Engagement.open(two_rounds, readonly=True) as e:
        data = collect_report_data(e)
    _, rows = R.comparison_rows(data)
    index = rows[-1]
    kept = [lv for i, lv in enumerate(BEFORE) if i not in (7, 13)]  # knowledge (8th) and exit (14th) out
    before = 100 * sum(kept) / len(kept) / 5
    after = 100 * sum(x + 1 for x in kept) / len(kept) / 5
    # play-through 12b: counted as the summary counts, over the factors applicable in both rounds
    assert index[1:4] == ["13 of 13 applicable", f"{before:.0f}", f"{after:.0f}"]
    assert "Joint exit strategy" not in [m.name for m in R.moved_factors(data)], \
        "a level set before the mark is no change between rounds"
    said = " ".join(movement(data))
    assert f"rose from {before:.0f} to {after:.0f}, like for like, on the 13 mutuality factors" in said
    assert "Joint exit strategy (marked not applicable in Follow-up)" in said
    assert ("Changes in dimension means are worked out like for like, on the 13 factors agreed in both rounds. "
            "2 factors are left out on both sides:") in said
    lead = comparison_lead(data)
    assert "13 in all (14 were agreed in Baseline, 13 in Follow-up)" in lead
    assert "2 factors are left out on both sides" in lead


def test_with_no_mark_the_basis_says_nothing_more(tmp_path: Path) -> None:
    path = tmp_path / "plain.mutuality"
    with Engagement.create(path, INFO) as e:
        base = e.rounds()[0].id
        follow = e.add_round("Follow-up").id
        for f in e.framework.dimension("mutuality").factors[:4]:
            e.set_score(base, f.id, "agreed", 2)
            e.set_score(follow, f.id, "agreed", 3)
        e.set_score(base, e.framework.dimension("mutuality").factors[4].id, "agreed", 2)
        data = collect_report_data(e)
    assert data.previous is not None
    assert like_for_like_sentence(data.framework, data.previous.scores, data.scores, "Baseline",
                                  "Follow-up") == (
        "Follow-up is compared with Baseline like for like, on the 4 factors agreed in both rounds. "
        "11 factors are left out on both sides: Operational leadership, agreed in only one of the two rounds "
        "and 10 agreed in neither round.")  # play-through 12b: those agreed in neither are left out too
