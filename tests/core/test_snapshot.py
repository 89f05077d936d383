"""One read of the engagement that every output shares: rounds, the previous round, findings."""

from __future__ import annotations

import pytest

from mutuality_desktop.core import scoring
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.errors import ValidationError
from mutuality_desktop.core.snapshot import take_snapshot


def test_snapshot_of_the_demo(demo_path):
    with Engagement.open(demo_path, readonly=True) as eng:
        snap = take_snapshot(eng)
        base, follow = eng.rounds()
        assert [r.round for r in snap.rounds] == [base, follow]
        assert snap.latest().round == follow
        assert snap.previous(follow.id).round == base and snap.previous(base.id) is None
        assert snap.round(follow.id).scores == eng.scores(follow.id)
        assert snap.round(base.id).participant_scores == tuple(eng.participant_scores(base.id))
        assert snap.actions == tuple(eng.actions()) and snap.info == eng.info()
        assert snap.round_label(follow.id) == follow.label and snap.round_label(None) == ""
        findings = snap.findings(follow.id)
        fw = eng.framework
        assert findings.gaps == scoring.perception_gaps(fw, eng.scores(follow.id))
        assert findings.priorities == scoring.priorities(fw, eng.scores(follow.id))
        moved = [c for c in findings.changes if c.delta]
        assert moved and moved[0].after == eng.scores(follow.id)[(moved[0].factor.id, "agreed")].level
        assert snap.findings(base.id).changes == []
        with pytest.raises(ValidationError, match="no longer exists"):
            snap.round(-1)
