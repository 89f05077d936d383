"""The walkthrough's dot strip: each side's own levels, anonymous until Names is pressed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from mutuality_desktop.core.operations import SetParticipantScore


def _hover(qtbot, strip, rect) -> str:
    pos = rect.center().toPoint()
    qtbot.mouseMove(strip, pos)
    event = QHelpEvent(QEvent.Type.ToolTip, pos, strip.mapToGlobal(pos))
    QApplication.sendEvent(strip, event)
    return QToolTip.text() if QToolTip.isVisible() else strip.tooltip_at(rect.center())


def test_the_strip_shows_each_persons_level_and_names_only_on_request(qtbot, window, demo_path):
    window.open_path(demo_path)
    page = window.workshop
    panel = page.spread
    qtbot.waitUntil(panel.isVisible)
    eng = window.doc.engagement
    scores = [s for s in eng.participant_scores(page.round_id) if s.factor_id == page.factor_id]
    sides = {p.id: p.side for p in eng.participants()}
    expected = sum(1 for s in scores if s.level is not None and sides[s.participant_id] in ("client", "provider"))
    dots = panel.strip.dots()
    assert len(dots) == expected > 0
    rect, side, level, names = dots[0]
    tip = _hover(qtbot, panel.strip, rect)
    assert tip.startswith(f"{side.capitalize()} side at {level} ")
    assert not any(name in tip for name in names)
    assert tip.endswith((f"{len(names)} person", f"{len(names)} people"))

    qtbot.mouseClick(panel.names, Qt.MouseButton.LeftButton, pos=panel.names.rect().center())
    assert panel.names.isChecked()
    tip = _hover(qtbot, panel.strip, rect)
    assert all(name in tip for name in names)


def test_the_strip_follows_an_imported_view(qtbot, window, demo_path):
    window.open_path(demo_path)
    page = window.workshop
    eng = window.doc.engagement
    person = next(p for p in eng.participants() if p.side == "provider")
    rnd = next(r for r in eng.rounds() if r.id == page.round_id)
    before = page.spread.strip.spread.provider.views
    assert window.doc.execute_all("Import pre-work returns", "score",
                                  [SetParticipantScore(rnd.uuid, page.factor_id, person.uuid, 0, "")])
    after = page.spread.strip.spread.provider.views
    assert (person.name, 0) in after and after != before
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.spread.strip.spread.provider.views == before


def test_presentation_mode_shows_the_spread_without_names(qtbot, window, demo_path):
    window.open_path(demo_path)
    page = window.workshop
    page.toggle_presentation()
    room = page.presentation
    qtbot.waitUntil(lambda: room is not None and room.isVisible())
    strip = room.spread
    assert strip.isVisible() and not strip.show_names
    assert [(s, lv, n) for _, s, lv, n in strip.dots()] == \
        [(s, lv, n) for _, s, lv, n in page.spread.strip.dots()]
    names = {n for _, _, _, group in strip.dots() for n in group}
    for rect, *_ in strip.dots():
        assert not any(name in strip.tooltip_at(rect.center()) for name in names)
    qtbot.mouseClick(page.spread.names, Qt.MouseButton.LeftButton, pos=page.spread.names.rect().center())
    assert page.spread.strip.show_names and not strip.show_names  # Names is for the laptop only
    room.close()


def test_at_1024_the_key_is_whole_and_the_split_badge_sits_beside_the_strip(qtbot, window, demo_path):
    from .journey import click

    window.resize(1024, 768)
    window.open_path(demo_path)
    page = window.workshop
    nav = page.navigator
    item = nav._items["operational-leadership"]  # split in the demo's follow-up
    nav.scrollToItem(item)
    click(qtbot, nav.viewport(), nav.visualItemRect(item).center())
    panel = page.spread
    qtbot.waitUntil(lambda: panel.isVisible() and panel.flag.isVisible())
    text = panel.summary.text().replace("\u00a0", " ")  # no-break spaces hold a symbol to its words
    assert "\u25cf Client" in text and "\u25cb Provider" in text, "the key: filled dot client, ring provider"
    summary = panel.summary
    assert summary.height() >= summary.heightForWidth(summary.width()), "the key is never cut off"
    flag = panel.flag.geometry()
    assert not flag.intersects(summary.geometry()) and not flag.intersects(panel.strip.geometry())
    assert not flag.intersects(panel.names.geometry())
