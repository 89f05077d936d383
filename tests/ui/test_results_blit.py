"""The results canvas redraws only the data over a cached background, and shows the same picture."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.ui.results import ResultsPage


@pytest.fixture
def eng(tmp_path: Path):
    e = Engagement.create(tmp_path / "e.mutuality", EngagementInfo("T", "Client", "Provider"))
    yield e
    e.close()


def _buffer(canvas) -> np.ndarray:
    return np.asarray(canvas.buffer_rgba()).astype(int)


def test_a_score_redraws_over_the_cached_background_and_matches_a_full_draw(qtbot, eng):
    page = ResultsPage()
    qtbot.addWidget(page)
    page.set_engagement(eng)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    rid = eng.rounds()[0].id
    # one dimension's factors: a score in another dimension brings it into the round's default
    # scope, which rightly changes the background (its axis stops reading "not in this round")
    ids = [f.id for f in eng.framework.dimensions[0].factors]
    eng.set_score(rid, ids[0], "agreed", 3)  # the first score adds legend entries: new background
    page.refresh()
    canvas = page.dimension_pane.canvas
    canvas.draw()
    before = canvas.full_draws
    for k, fid in enumerate(ids[1:6]):
        eng.set_score(rid, fid, "agreed", k % 6)
        page.refresh()
        canvas.draw()
        blitted = _buffer(canvas)
        FigureCanvasAgg.draw(canvas)  # the whole figure, as saving it would
        assert np.abs(blitted - _buffer(canvas)).max() <= 2
    assert canvas.full_draws == before  # only the data was drawn after each score


def test_a_hidden_chart_is_drawn_when_shown(qtbot, eng):
    page = ResultsPage()
    qtbot.addWidget(page)
    page.set_engagement(eng)
    page.show()
    qtbot.waitExposed(page)
    factor_canvas = page.factor_pane.canvas
    eng.set_score(eng.rounds()[0].id, eng.framework.factors[0].id, "agreed", 4)
    page.refresh()
    assert page.factor_pane.stale  # not on screen: not drawn
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not page.factor_pane.stale)
    qtbot.waitUntil(lambda: factor_canvas.full_draws > 0)
