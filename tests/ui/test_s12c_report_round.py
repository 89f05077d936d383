"""Third play-through (s12): with a round just added (nothing agreed), Ctrl+E offered that empty
round for the report. It offers the latest round with agreed levels; the empty one stays a choice."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.ui.report_options import ReportOptionsDialog

from .journey import when_shown
from .test_walkthrough_journey import CTRL, key, open_walkthrough


def test_ctrl_e_offers_the_latest_round_with_agreed_levels_not_an_empty_new_one(qtbot, window, demo_path):
    with Engagement.open(demo_path) as eng:
        eng.add_round("Year-end review", None)
    page = open_walkthrough(qtbot, window, demo_path)
    assert page.round_combo.currentText().startswith("Year-end review")  # the round open is the new one
    seen: dict[str, object] = {}

    def options(dialog: ReportOptionsDialog) -> None:
        combo = dialog.round_combo
        seen["offered"] = combo.currentText()
        seen["choices"] = [combo.itemText(i) for i in range(combo.count())]
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_shown(ReportOptionsDialog, options)
    key(qtbot, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: "offered" in seen)
    assert str(seen["offered"]).startswith("Follow-up")
    assert any(str(c).startswith("Year-end review") for c in seen["choices"])  # still there to choose
