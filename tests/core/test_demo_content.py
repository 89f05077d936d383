"""Issue 21: the demo reads as a council director would expect: a unitary council (the highway and
waste authority in one), each participant's pre-work return recorded, some with their own words."""

from __future__ import annotations

from pathlib import Path

from mutuality_desktop.core.engagement import Engagement


def test_the_demo_is_a_unitary_council_with_pre_work_returns_and_comments(demo_master: Path) -> None:
    with Engagement.open(demo_master, readonly=True) as eng:
        info = eng.info()
        assert info.client_organisation == "Brackenford Council"
        # let in 2019, before the Procurement Act 2023 came into force: the 2015 regulations apply
        assert (info.procurement_regime, info.authority_type, info.contract_model) == (
            "pcr2015", "Unitary authority", "Outsourced service")
        baseline = eng.rounds()[0]
        returns = eng.participant_scores(baseline.id)
        people = {p.id: p for p in eng.participants()}
        sides = {people[r.participant_id].side for r in returns}
        assert sides == {"client", "provider"} and len(returns) == 8 * 40
        said = {(people[r.participant_id].name, r.factor_id): r.comment for r in returns if r.comment}
        assert said[("Amira Haddad", "joint-exit-strategy")].startswith("We have never been asked for staff information")
        follow = eng.rounds()[1]
        trust = eng.scores(follow.id)[("behaviours-and-trust-indicators", "agreed")]
        assert trust.level == 2 and "not to the 3 Tarnwell asked for" in trust.notes
