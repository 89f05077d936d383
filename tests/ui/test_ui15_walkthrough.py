"""Play-through 8 (ui15), the walkthrough: the header names a factor by the list's and the report's
number, with its place in the round apart; the header stays still when a title wraps; a look change
keeps the factor open in sight and the scored level whole; the status bar says what was done last.
Real clicks and keys; what is stored is read back from the file."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.parking import parking_items
from mutuality_desktop.ui import theme
from mutuality_desktop.ui.workshop.navigator import COUNT_ROLE, OUT_ROLE

from .journey import click, press, stored
from .test_ui13_look_toggles import _toggle

KNOWLEDGE = "joint-knowledge-management-strategy"  # Mutuality 8, left out of the round
VALUE = "value-creation-and-continuous-improvement"  # Mutuality 11
LEARNING = "utilisation-of-learning-from-experience"  # Mutuality 12


def _leave_out(path, factor_id: str) -> None:
    with Engagement.open(path) as eng:
        rnd = eng.rounds()[-1]
        eng.apply(ops.SetExcludedFactors(rnd.uuid, (factor_id,)))


def _click_factor(qtbot, page, factor_id: str) -> None:
    nav = page.navigator
    item = nav._items[factor_id]
    nav.scrollToItem(item)
    rect = nav.visualItemRect(item)
    assert nav.viewport().rect().contains(rect.center())
    click(qtbot, nav.viewport(), rect.center())
    assert page.title.text() == page.framework.factor(factor_id).name


def test_the_header_and_the_room_name_a_factor_by_the_lists_number(qtbot, window, demo_path):
    _leave_out(demo_path, KNOWLEDGE)
    assert window.open_path(demo_path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    _click_factor(qtbot, page, VALUE)
    item = page.navigator._items[VALUE]
    assert item.text(0).startswith("11. ")  # the list's number, the report's too
    # play-through 8: "FACTOR 10 OF 14 IN THIS ROUND" for the list's "11."
    assert page.caption.text() == "MUTUALITY  ·  FACTOR 11  ·  10TH OF 14 IN THIS ROUND"
    assert "Factor 11 is the 10th of the 14 Mutuality factors in this round" in page.caption.accessibleDescription()
    _click_factor(qtbot, page, "joint-objective-setting")  # before the gap: the same number twice
    assert page.caption.text() == "MUTUALITY  ·  FACTOR 1  ·  1ST OF 14 IN THIS ROUND"
    _click_factor(qtbot, page, VALUE)
    press(qtbot, Qt.Key.Key_F11)  # the room's screen
    room = page.presentation
    qtbot.waitUntil(lambda: room is not None and room.isVisible())
    assert room.caption.text().replace("\u00a0", " ").startswith("MUTUALITY  ·  FACTOR 11  ·  10TH OF 14 IN THIS ROUND  ·  ")
    qtbot.keyClick(room, Qt.Key.Key_Escape)
    assert not room.isVisible()


def test_a_whole_dimension_keeps_the_short_caption(qtbot, window, demo_path):
    assert window.open_path(demo_path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    _click_factor(qtbot, page, VALUE)
    assert page.caption.text() == "MUTUALITY  ·  FACTOR 11 OF 15"


def test_the_guide_stays_still_when_a_title_wraps(qtbot, window, demo_path):
    """Play-through 8 (38.png, 39.png): a two-line title moved the cards and the guide down."""
    assert window.open_path(demo_path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    tops = {}
    for factor_id in ("joint-management-framework", VALUE):  # one line, then two at 1366
        _click_factor(qtbot, page, factor_id)
        qtbot.wait(30)
        tops[factor_id] = (page.guide_scroll.mapTo(page, QPoint(0, 0)).y(),
                           page.bar.mapTo(page, QPoint(0, 0)).y())
    assert page.title.heightForWidth(page.title.width()) > page.title.fontMetrics().lineSpacing() * 1.5
    assert tops["joint-management-framework"] == tops[VALUE]


def _fully_shown(scroll, top: int, height: int) -> bool:
    shown = scroll.verticalScrollBar().value()
    return shown <= top and top + height <= shown + scroll.viewport().height()


def test_large_text_keeps_the_factor_in_the_list_and_the_scored_level_whole(
        qtbot, window, demo_path, restore_look):
    window.resize(1024, 768)
    assert window.open_path(demo_path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    qtbot.wait(50)
    _click_factor(qtbot, page, LEARNING)
    click(qtbot, page.guide, page.guide.rect().center())
    press(qtbot, Qt.Key.Key_2)  # the client view: level 2, low in the guide
    with stored(demo_path) as eng:
        assert eng.scores(eng.rounds()[-1].id)[(LEARNING, "client")].level == 2
    for look in ("&Large text", "&High contrast", "&Large text", "&High contrast"):
        _toggle(window, qtbot, look)
        qtbot.wait(200)
        nav = page.navigator
        rect = nav.visualItemRect(nav._items[LEARNING])
        assert nav.viewport().rect().contains(rect), look  # the factor open, whole in the list
        top, height = page.guide.row_span(2)
        assert _fully_shown(page.guide_scroll, top, height), look  # level 2 and its chips whole
    assert QApplication.focusWidget() is not None


def _score_value_creation(qtbot, window, demo_path, key: Qt.Key):
    """Open the demo, click Value creation in the list and the guide, press a level: the page and
    the status bar, which names the score."""
    assert window.open_path(demo_path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    _click_factor(qtbot, page, VALUE)
    click(qtbot, page.guide, page.guide.rect().center())
    press(qtbot, key)
    bar = window.statusBar()
    assert bar.currentMessage().startswith("Scored the client view of Value creation")
    return page, bar


def test_parking_a_point_replaces_the_scored_message(qtbot, window, demo_path):
    """Play-through 8 (36.png): after parking, the status bar still said "Scored the agreed view…"."""
    page, bar = _score_value_creation(qtbot, window, demo_path, Qt.Key.Key_5)
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Ask finance for the savings log")
    panel = page.parking.panel
    qtbot.waitUntil(lambda: panel.save_button.isEnabled())
    click(qtbot, panel.save_button)
    with stored(demo_path) as eng:
        assert any(p.text == "Ask finance for the savings log" for p in parking_items(eng))
    assert bar.currentMessage() == "Parked a point: Ask finance for the savings log"


def test_the_scored_message_goes_when_results_is_shown(qtbot, window, demo_path):
    """Play-through 9 (36.png): after scoring, Results still said "Scored the agreed view of …"."""
    from .journey import page_tab

    page, bar = _score_value_creation(qtbot, window, demo_path, Qt.Key.Key_4)
    page_tab(qtbot, window, "Results")
    assert window.current_page() == "Results" and not bar.currentMessage().startswith("Scored")
    with stored(demo_path) as eng:  # the score itself stays, of course
        assert eng.scores(page.round_id)[(VALUE, "client")].level == 4


def _key_lines(label) -> list[str]:
    """The key's lines as the label wraps them at its width."""
    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.contentsRect().width())
        lines.append(label.text()[line.textStart():line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return lines


def test_at_1024_with_large_text_names_is_whole_and_the_key_keeps_its_symbols(
        qtbot, window, demo_path, restore_look):
    """Play-through 8 (92.png, 94.png, 87.png): "Na…ff" beside the Split flag; "○" alone at a line's end."""
    window.resize(1024, 768)
    assert window.open_path(demo_path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    _toggle(window, qtbot, "&Large text")
    qtbot.wait(200)
    for factor_id in ("operational-leadership", "joint-objective-setting", VALUE):
        _click_factor(qtbot, page, factor_id)
        qtbot.wait(50)
        panel = page.spread
        if not panel.isVisible():
            continue
        button = panel.names
        bold = QFont(button.font())
        bold.setBold(True)
        for text in ("Names off", "Names on"):  # the button's words whole, pressed or not
            assert button.contentsRect().width() >= QFontMetrics(bold).horizontalAdvance(text), text
        click(qtbot, button)
        assert button.text() == "Names on" and panel.strip.show_names
        click(qtbot, button)
        assert button.text() == "Names off"
        # nothing of the panel is outside the side column
        assert panel.mapTo(page, QPoint(panel.width(), 0)).x() <= page.width()
        for widget in (panel.strip, panel.names, *([panel.flag] if panel.flag.isVisible() else [])):
            assert panel.rect().contains(widget.geometry()), widget
        if panel.flag.isVisible():
            assert not panel.flag.geometry().intersects(panel.names.geometry())
            assert not panel.flag.geometry().intersects(panel.strip.geometry())
        for line in _key_lines(panel.summary):
            assert not line.endswith(("\u25cf", "\u25cb")) and line not in ("\u25cf", "\u25cb"), line


def test_dimension_headings_are_whole_at_1024_with_large_text(qtbot, window, demo_path, restore_look):
    """Play-through 8 (55.png): "STAKEHOLDER V…" as a heading; the name is whole, the count under it."""
    with Engagement.open(demo_path) as eng:  # a round of two dimensions: the rest "not in round"
        eng.apply(ops.SetScope(eng.rounds()[-1].uuid, ("mutuality", "economy")))
    window.resize(1024, 768)
    assert window.open_path(demo_path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    _toggle(window, qtbot, "&Large text")
    qtbot.wait(200)
    nav = page.navigator
    bold = QFontMetrics(theme.font(theme.BASE_POINT_SIZE - 1, bold=True))
    room = nav.viewport().width() - 20
    seen = 0
    for dim in page.framework.workshop_order():
        item = next(nav.topLevelItem(i) for i in range(nav.topLevelItemCount())
                    if nav.topLevelItem(i).text(0) == dim.name)
        name = dim.name.upper()
        nav.scrollToItem(item)
        rect = nav.visualItemRect(item)
        count = str(item.data(0, COUNT_ROLE) or "")
        small = QFontMetrics(theme.font(theme.BASE_POINT_SIZE - 2.5)) if item.data(0, OUT_ROLE) else bold
        wrapped = bold.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap, name).height()
        if bold.horizontalAdvance(name) + 8 + small.horizontalAdvance(count) > room:
            seen += 1
            # the name whole on its lines, the count on a line of its own below
            assert rect.height() >= wrapped + bold.height() + 22, name
    assert seen  # at 1024 with Large text, some heading needs more than one line


def test_with_large_text_at_1366_the_header_keeps_the_guide_its_height(qtbot, window, demo_path, restore_look):
    """Play-through 8 at 1366 with Large text: beside the cards "Value creation and continuous
    improvement" took three lines and the caption two; the cards go under the title instead."""
    assert window.open_path(demo_path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    _toggle(window, qtbot, "&Large text")
    qtbot.wait(200)
    tops = set()
    for factor_id in ("joint-management-framework", VALUE, LEARNING):
        _click_factor(qtbot, page, factor_id)
        qtbot.wait(30)
        lines = page.title.heightForWidth(page.title.width()) / page.title.fontMetrics().lineSpacing()
        assert lines < 2.5, factor_id  # two lines at most
        assert page.caption.height() < 1.5 * page.caption.fontMetrics().lineSpacing() + 4  # one line
        tops.add(page.guide_scroll.mapTo(page, QPoint(0, 0)).y())
    assert len(tops) == 1  # the guide starts at one place whatever the name
    assert page.guide_scroll.height() >= 0.6 * page.height()
