"""Results: with no participant's own view yet, the spread section's sentence sits right under its
heading. A facilitator play-through saw a blank gap of several lines there at 1366 x 768: the
hidden table left the section the findings' spare height, and the sentence was centred in it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QColor

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.ui.results_spread import SpreadSection
from tests.ui.journey import page_tab


def _first_ink_row(section: SpreadSection) -> int:
    """The first pixel row of the section, from its top, drawn darker than its background."""
    image = section.grab().toImage()
    back = QColor(image.pixel(image.width() - 2, 1)).lightness()
    for y in range(image.height()):
        if any(abs(QColor(image.pixel(x, y)).lightness() - back) > 80 for x in range(0, image.width(), 2)):
            return y
    return image.height()


def test_no_views_yet_the_sentence_is_under_the_heading(qtbot, window, tmp_path: Path) -> None:
    path = tmp_path / "no-views.mutuality"
    with Engagement.create(path, EngagementInfo(title="Kestrel Vale partnership review",
                                                client_organisation="Kestrel Vale District Council",
                                                provider_organisation="Orrin Facilities Ltd",
                                                workshop_date=dt.date(2026, 11, 27))) as e:
        e.set_score(e.rounds()[0].id, "joint-objective-setting", "agreed", 4)
    for width in (1366, 1024):
        window.resize(width, 768)
        window.open_path(path)
        page_tab(qtbot, window, "Results")
        section = window.findChild(SpreadSection)
        qtbot.waitUntil(lambda s=section: s.isVisible() and s.summary.text().startswith("No participant"))
        qtbot.wait(50)
        assert not section.table.isVisible()
        line = section.fontMetrics().height()
        assert section.height() > 3 * line, "the section still has spare height to show"
        assert _first_ink_row(section) < line, f"a blank gap above the sentence at {width}"
