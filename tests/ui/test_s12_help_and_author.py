"""Play-through s12: the F1 list named neither Alt+G (Room does not agree) nor Alt+N (Not
applicable because), and the PDF report's Author was empty."""

from __future__ import annotations

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from .journey import focused
from .test_walkthrough_journey import open_walkthrough


def test_f1_names_alt_g_and_alt_n_and_they_do_what_it_says(qtbot, window, demo_path):
    page = open_walkthrough(qtbot, window, demo_path)
    qtbot.keyClick(focused(), Qt.Key.Key_F1)
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if w.isVisible() and w.windowTitle() == "Keyboard shortcuts")
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Alt+G" in text and "Alt+N" in text
    dialog.close()
    qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert focused() is page.evidence.not_applicable  # Alt+N: the reason box, as F1 says


def test_the_pdf_report_names_its_author(demo_outputs) -> None:  # type: ignore[no-untyped-def]
    from mutuality_desktop.core.engagement import Engagement

    with Engagement.open(demo_outputs.file) as eng:
        facilitator = eng.info().facilitator
    author = pypdf.PdfReader(str(demo_outputs.pdf)).metadata.author
    assert facilitator and author == facilitator  # the demo's branding names no consultancy


def test_alt_n_and_alt_g_from_the_actions_tab_bring_the_evidence_tab_forward(qtbot, window, demo_path):
    """Second play-through: Alt+N did nothing while the Actions tab was showing."""
    page = open_walkthrough(qtbot, window, demo_path)
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())  # Actions
    assert page.tabs.currentWidget() is page.actions_panel
    qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is page.evidence and focused() is page.evidence.not_applicable
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())  # About
    qtbot.keyClick(focused(), Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is page.evidence
    button = page.evidence.not_agreed_button
    assert focused() is button or not button.isEnabled()
    with_levels = stored_notes(demo_path, page.factor_id)
    qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # on Evidence: its own key
    assert focused() is page.evidence.not_applicable
    assert stored_notes(demo_path, page.factor_id) == with_levels  # nothing pressed or recorded by the way


def stored_notes(path, factor_id):  # type: ignore[no-untyped-def]
    from .journey import stored

    with stored(path) as eng:
        score = eng.scores(eng.rounds()[-1].id).get((factor_id, "agreed"))
        return None if score is None else (score.level, score.notes)
