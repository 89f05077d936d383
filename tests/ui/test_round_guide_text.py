"""After a move to a newer scoring guide, a round scored on the earlier guide shows that guide's
wording in the walkthrough (play-through s6: it showed the newer wording), the banner says which
text is shown, and Help → About names both versions. Rounds are chosen with real clicks and keys."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.framework import default_framework
from mutuality_desktop.core.model import EngagementInfo
from mutuality_desktop.core.operations import AddRound, MoveToFramework

from .test_walkthrough_journey import click_factor

sys.path.insert(0, str(Path(__file__).parents[1] / "core"))
from newer_guide import NEW, OLD, REWORDED, newer_guide_text  # noqa: E402

FACTOR = REWORDED[0]  # Joint objective setting
NEW_WORDS = " From this version, both boards sign the objectives."


def _newer_with_new_level_words() -> str:
    raw = json.loads(newer_guide_text())
    factor = next(f for f in raw["factors"] if f["id"] == FACTOR)
    factor["levels"]["3"] += NEW_WORDS
    return json.dumps(raw, ensure_ascii=False)


def _moved(path: Path) -> None:
    with Engagement.create(path, EngagementInfo("Review", "Westbury Council", "Kerbside Ltd")) as eng:
        eng.set_score(eng.rounds()[0].id, FACTOR, "agreed", 3)
        eng.apply(MoveToFramework(_newer_with_new_level_words()))
        eng.apply(AddRound("Follow-up"))


def _level_three(page) -> str:
    return next(text for value, _name, text in page.guide._levels if value == 3)


def _choose_round(qtbot, page, label: str) -> None:
    combo = page.round_combo
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(combo.view().isVisible)
    target = next(i for i in range(combo.count()) if combo.itemText(i).startswith(label))
    step = Qt.Key.Key_Up if target < combo.currentIndex() else Qt.Key.Key_Down
    for _ in range(abs(target - combo.currentIndex())):
        qtbot.keyClick(QApplication.focusWidget(), step)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not combo.view().isVisible())
    assert combo.currentText().startswith(label)


def test_each_round_shows_its_own_guides_wording(qtbot, window, tmp_path):
    path = tmp_path / "moved.mutuality"
    _moved(path)
    old_words = default_framework().factor(FACTOR).descriptor(3)
    assert window.open_path(path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    assert page.framework.version == NEW
    click_factor(qtbot, page, 1)  # Joint objective setting
    assert page.title.text() == "Joint objective setting"
    _choose_round(qtbot, page, "Follow-up")  # on the guide in use
    assert _level_three(page) == old_words + NEW_WORDS
    assert window.banner.text() == ""
    _choose_round(qtbot, page, "Baseline")  # scored on the earlier guide: its own words
    assert _level_three(page) == old_words
    assert window.banner.text() == (
        f"Baseline was scored on guide {OLD}, and the walkthrough shows that guide\u2019s wording for it. "
        f"The guide in use is version {NEW}, worded differently for 2 factors. Its scores are kept as "
        "the room gave them.")
    click_factor(qtbot, page, 2)  # moving on in the list keeps the round's own wording
    click_factor(qtbot, page, 1)
    assert _level_three(page) == old_words

    from mutuality_desktop.ui.menus import about_text

    about = about_text(window.doc.engagement)
    assert f"This engagement: guide {NEW} (Baseline was scored on {OLD})." in about
