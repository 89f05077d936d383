"""A change core could not write (disk full, USB stick pulled) is shown, kept and retried."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mutuality_desktop.core.errors import SaveError

FAILURE = "The change was not saved: the disk is full. Nothing already saved is lost."


class FailingWrites:
    """Make the open engagement's operations of these kinds fail while `failing`, as a full disk
    would (Engagement.apply is the one write path)."""

    def __init__(self, monkeypatch, engagement, kinds: tuple[str, ...]) -> None:
        self.failing = True
        real = engagement.apply

        def apply(op):
            if self.failing and op.kind in kinds:
                raise SaveError(FAILURE)
            return real(op)

        monkeypatch.setattr(engagement, "apply", apply)


def test_a_failed_score_shows_the_banner_and_never_claims_saved(qtbot, window, blank_path, monkeypatch):
    window.open_path(blank_path)
    page = window.workshop
    disk = FailingWrites(monkeypatch, window.doc.engagement, ("set_score",))
    qtbot.keyClicks(page.guide, "3")
    assert window.save_banner.isVisible()
    assert window.save_banner.label.text().startswith(FAILURE)
    assert window.save_label.text() == "Not saved"
    assert "(not saved)" in window.windowTitle()
    assert "saved" not in window.file_label.text().lower()
    assert page.bar.buttons["client"].value_text() == "3  Established"  # kept on screen
    assert page.guide.chosen("client") is None  # ... but not shown as stored
    retry = window.save_banner.button("Retry")
    qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)  # still failing: still not saved
    assert window.save_label.text() == "Not saved"
    disk.failing = False
    qtbot.mouseClick(window.save_banner.button("Retry"), Qt.MouseButton.LeftButton)
    assert not window.save_banner.isVisible()
    assert window.save_label.text().endswith("All changes saved")
    assert page.guide.chosen("client") == 3
    eng = window.doc.engagement
    assert eng.scores(eng.rounds()[0].id)[(page.factor_id, "client")].level == 3


def test_failed_notes_stay_in_the_box_until_saved(qtbot, window, blank_path, monkeypatch):
    window.open_path(blank_path)
    page = window.workshop
    disk = FailingWrites(monkeypatch, window.doc.engagement, ("set_notes",))
    box = page.evidence.editors["agreed"]
    qtbot.mouseClick(box.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(box, "Signed charter seen")
    page.flush()
    assert window.save_label.text() == "Not saved"
    assert box.toPlainText() == "Signed charter seen"
    qtbot.keyClick(page.guide, Qt.Key.Key_PageDown)  # moving on does not lose the typing
    qtbot.keyClick(page.guide, Qt.Key.Key_PageUp)
    assert box.toPlainText() == "Signed charter seen"
    disk.failing = False
    qtbot.mouseClick(window.save_banner.button("Retry"), Qt.MouseButton.LeftButton)
    assert window.save_label.text().endswith("All changes saved")
    eng = window.doc.engagement
    assert eng.scores(eng.rounds()[0].id)[(page.factor_id, "agreed")].notes == "Signed charter seen"
