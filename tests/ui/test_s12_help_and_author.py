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
