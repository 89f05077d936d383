"""What a screen reader is told, read through Qt's own accessibility interfaces (as the bridge reads them)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollBar, QWidget

from mutuality_desktop.ui import accessibility

NAME, DESCRIPTION = QAccessible.Text.Name, QAccessible.Text.Description


def iface(obj):
    found = QAccessible.queryAccessibleInterface(obj)
    assert found is not None and found.isValid()
    return found


def children(parent):
    return [parent.child(i) for i in range(parent.childCount())]


def key(qtbot, k) -> None:
    qtbot.keyClick(QApplication.focusWidget(), k)


@pytest.fixture
def page(qtbot, window, demo_path):
    assert window.open_path(demo_path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    return page


def test_the_guide_is_a_list_of_six_levels_with_descriptors_and_who_chose_them(page, qtbot):
    guide = iface(page.guide)
    assert guide.role() == QAccessible.Role.List
    items = [c for c in children(guide) if c.role() == QAccessible.Role.ListItem]
    assert [c.text(NAME).split(",")[0] for c in items] == [
        f"{value} {name}" for value, name, _ in reversed(page.guide._levels)]
    descriptors = [descriptor for _, _, descriptor in reversed(page.guide._levels)]
    # the chosen level also says what it takes to reach the next (tests/ui/test_next_level_prompt.py)
    assert [c.text(DESCRIPTION).split(" To reach level")[0] for c in items] == descriptors and all(descriptors)
    for item, (value, _, _) in zip(items, reversed(page.guide._levels), strict=True):
        rect = item.rect()
        assert rect.height() > 10  # laid over its painted row, so a reader's focus box is right
        top = page.guide.mapToGlobal(page.guide.rect().topLeft()).y() + page.guide.row_span(value)[0]
        assert abs(rect.top() - top) <= 1
    key(qtbot, Qt.Key.Key_3)  # the client's view
    qtbot.waitUntil(lambda: page.guide.chosen("client") == 3)
    three = next(c for c in children(iface(page.guide)) if c.text(NAME).startswith("3 "))
    assert "chosen by Client" in three.text(NAME)
    assert three.state().selected and three.state().focused  # the client's level, being scored
    others = [c for c in children(iface(page.guide)) if c.text(NAME)[0] in "0125"]
    assert not any("Client" in c.text(NAME) for c in others)


def test_scoring_a_level_is_announced(page, qtbot, monkeypatch):
    sent = []
    monkeypatch.setattr(accessibility, "send", sent.append)
    key(qtbot, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: page.guide.chosen("client") == 4)
    said = [e.message() for e in sent if e.type() == QAccessible.Event.Announcement]
    assert said and said[-1] == f"Client view: 4 {page.guide._levels[4][1]}"
    key(qtbot, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.guide.chosen("client") is None)
    said = [e.message() for e in sent if e.type() == QAccessible.Event.Announcement]
    assert said[-1] == "Client view: not assessed"


def test_score_buttons_are_buttons_that_say_the_level_and_which_is_being_scored(page, qtbot):
    key(qtbot, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: page.guide.chosen("client") == 3)
    client = iface(page.bar.buttons["client"])
    assert client.role() == QAccessible.Role.Button
    assert not client.state().checkable and not client.state().checked
    level = page.guide._levels[3][1]
    assert client.text(NAME) == f"Client view: 3 {level}, scoring now"
    assert iface(page.bar.buttons["provider"]).text(NAME).startswith("Provider view: ")
    assert "scoring now" not in iface(page.bar.buttons["provider"]).text(NAME)
    key(qtbot, Qt.Key.Key_Tab)  # on to the provider
    assert iface(page.bar.buttons["provider"]).text(NAME).endswith(", scoring now")
    assert iface(page.bar.buttons["client"]).text(NAME) == f"Client view: 3 {level}"
    assert "scoring the provider view" in iface(page.guide).text(NAME)


def test_factor_list_items_say_their_state_and_agreed_level(page, qtbot):
    nav = page.navigator
    factor_id = page.navigator.current_factor()
    for k in (Qt.Key.Key_2, Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_2):  # client, agreed
        key(qtbot, k)
    qtbot.waitUntil(lambda: nav.state_of(factor_id)[1] == 2)
    item = nav._items[factor_id]
    index = nav.indexFromItem(item)
    cell = iface(nav)
    names = [c.text(NAME) for c in _all_items(cell)]
    assert f"{item.text(0)}: agreed, agreed level 2" in names
    assert index.data(Qt.ItemDataRole.AccessibleDescriptionRole) == "agreed, agreed level 2"
    untouched = [i for fid, i in nav._items.items() if nav.state_of(fid)[0] == "not started"]
    if untouched:
        assert untouched[0].data(0, Qt.ItemDataRole.AccessibleTextRole).endswith(": not started")


def _all_items(root, depth: int = 0):
    for child in children(root):
        yield child
        if depth < 3:
            yield from _all_items(child, depth + 1)


def _tab_stops(window) -> list:
    """Every widget a keyboard user should reach with Tab: shown, enabled, taking Tab focus."""
    stops = []
    for w in window.findChildren(QWidget):
        if not (w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if w.focusProxy() is not None or w.window() is not window:
            continue
        if isinstance(w, QScrollBar) or w.visibleRegion().isEmpty():
            continue  # scroll bars move by their area's keys; a widget scrolled away is reached
        stops.append(w)
    return stops


def _tab_round(qtbot, window, limit: int = 120) -> list:
    """Press Tab until focus is back where it started; return every widget focused on the way."""
    start = QApplication.focusWidget()
    assert start is not None
    seen = [start]
    for _ in range(limit):
        key(qtbot, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is start and len(seen) > 1 and seen[-1] is not start:
            return seen
        seen.append(now)
    raise AssertionError(f"Tab never came back round; last stops {seen[-4:]}")


def _label(w) -> str:
    return w.accessibleName() or (w.text() if isinstance(w, QAbstractButton) else "") or type(w).__name__


@pytest.mark.parametrize("page_name", ["Start", "Setup", "Walkthrough", "Results"])
def test_tab_reaches_every_control_of_every_page_and_comes_back_round(qtbot, window, demo_path, page_name):
    if page_name != "Start":
        assert window.open_path(demo_path)
        qtbot.waitUntil(lambda: window.workshop.guide.hasFocus())
        window.show_page(page_name)
        qtbot.wait(50)
    focus = QApplication.focusWidget()
    if focus not in _tab_stops(window):  # the page itself holds focus as it opens
        _tab_stops(window)[0].setFocus(Qt.FocusReason.TabFocusReason)
    seen = _tab_round(qtbot, window)
    missing = [_label(w) for w in _tab_stops(window) if w not in seen]
    assert missing == []
    assert all(w.isVisible() for w in seen)  # never a stop on something the user cannot see
    nameless = [type(w).__name__ for w in seen if not (
        w.accessibleName() or isinstance(w, QAbstractButton) and w.text())]
    assert nameless == []
    switcher = window.page_switch.buttons
    if page_name != "Start":
        assert all(b in seen for b in switcher.values())  # every page is reached by Tab too


@pytest.fixture
def restore_look():
    from mutuality_desktop.ui import theme

    yield
    theme.apply(QApplication.instance())


def test_high_contrast_and_large_text_from_the_view_menu(qtbot, window, restore_look):
    from mutuality_desktop.ui import theme
    from mutuality_desktop.ui.settings import Settings

    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    actions = {a.text(): a for a in view.actions()}
    normal = theme.font().pointSizeF()
    actions["&High contrast"].trigger()
    actions["&Large text"].trigger()
    assert QApplication.overrideCursor() is not None  # busy at once; restyled once the menu closed
    qtbot.waitUntil(lambda: QApplication.overrideCursor() is None)
    assert window.statusBar().currentMessage() == ""
    sheet = QApplication.instance().styleSheet()
    normal_palette = theme.NORMAL_PALETTE
    assert normal_palette["CONTROL_LINE"] not in sheet and normal_palette["MUTED"] not in sheet  # black
    assert theme.font().pointSizeF() == pytest.approx(normal * theme.LARGE_TEXT_SCALE)
    assert Settings().high_contrast() and Settings().large_text()  # kept for the next start
    actions["&Large text"].trigger()
    qtbot.waitUntil(lambda: QApplication.overrideCursor() is None)
    assert theme.font().pointSizeF() == pytest.approx(normal)
    assert not Settings().large_text()


def test_the_page_switcher_is_a_list_of_page_tabs_the_shown_one_selected(qtbot, window, demo_path):
    assert window.open_path(demo_path)
    window.show_page("Results")
    switcher = iface(window.page_switch)
    assert switcher.role() == QAccessible.Role.PageTabList
    tabs = {c.text(NAME): c for c in children(switcher)}
    assert set(tabs) == {"Setup page", "Walkthrough page", "Results page"}
    assert all(t.role() == QAccessible.Role.PageTab for t in tabs.values())
    assert [n for n, t in tabs.items() if t.state().selected] == ["Results page"]
    assert not any(t.state().checkable for t in tabs.values())
    assert window.page_switch.buttons["Setup"].focusPolicy() & Qt.FocusPolicy.TabFocus
    tabs["Setup page"].actionInterface().doAction(QAccessible.queryAccessibleInterface(
        window.page_switch.buttons["Setup"]).actionInterface().actionNames()[0])
    assert window.current_page() == "Setup"


def _colours(widget) -> set[str]:
    """Every colour painted in a widget (as #rrggbb), read from a grab of its pixels."""
    image = widget.grab().toImage()
    step = 1 if image.width() * image.height() < 400_000 else 2
    return {image.pixelColor(x, y).name() for y in range(0, image.height(), step)
            for x in range(0, image.width(), step)}


def _find(root, role, name: str, depth: int = 0):
    """Walk the accessibility tree from root, as a screen reader does, for a node of a role and name."""
    for child in children(root):
        if child.role() == role and child.text(NAME) == name:
            return child
        if depth < 8:
            found = _find(child, role, name, depth + 1)
            if found is not None:
                return found
    return None


def test_a_walk_of_the_window_finds_the_page_switcher_with_the_shown_page_selected(qtbot, window, demo_path,
                                                                                   monkeypatch):
    sent = []
    monkeypatch.setattr(accessibility, "send", lambda event: sent.append((event.type(), event.object())))
    assert window.open_path(demo_path)
    qtbot.waitUntil(lambda: window.workshop.guide.hasFocus())
    switcher = _find(iface(window), QAccessible.Role.PageTabList, "Pages")  # not by asking the widget
    assert switcher is not None
    tabs = {c.text(NAME): c for c in children(switcher)}
    assert [n for n, t in tabs.items() if t.state().selected] == ["Walkthrough page"]
    assert all(t.state().focusable for t in tabs.values())
    assert window.menuBar().isVisible()  # the menus are still there, beside it
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "Results"
    tabs = {c.text(NAME): c for c in children(_find(iface(window), QAccessible.Role.PageTabList, "Pages"))}
    assert [n for n, t in tabs.items() if t.state().selected] == ["Results page"]
    buttons = window.page_switch.buttons  # a screen reader hears the change ("selected")
    assert (QAccessible.Event.SelectionAdd, buttons["Results"]) in sent
    assert (QAccessible.Event.SelectionRemove, buttons["Walkthrough"]) in sent
    button = window.page_switch.buttons["Setup"]
    button.setFocus(Qt.FocusReason.TabFocusReason)
    key(qtbot, Qt.Key.Key_Space)  # a keyboard user opens a page from the switcher
    assert window.current_page() == "Setup"


def test_the_results_round_picker_is_labelled_round(qtbot, window, demo_path):
    assert window.open_path(demo_path)
    window.show_page("Results")
    qtbot.waitUntil(lambda: any(c.accessibleName() == "Round" and c.isVisible()
                                for c in window.results.findChildren(QWidget)))
    combo = next(c for c in window.results.findChildren(QWidget) if c.accessibleName() == "Round")
    labels = [rel[0] for rel in iface(combo).relations(QAccessible.RelationFlag.Label)]
    assert [lab.text(NAME) for lab in labels] == ["Round"]  # what Orca reads before the value


def test_charts_take_focus_with_a_ring_and_tab_leaves_them(qtbot, window, demo_path):
    from mutuality_desktop.ui import theme
    from mutuality_desktop.ui.chart_canvas import ChartCanvas

    assert window.open_path(demo_path)
    window.show_page("Results")
    qtbot.waitUntil(lambda: any(c.isVisible() for c in window.results.findChildren(ChartCanvas)))
    canvas = next(c for c in window.results.findChildren(ChartCanvas) if c.isVisible())
    assert canvas.accessibleName().startswith("Radar chart: ")
    assert iface(canvas).role() == QAccessible.Role.Chart
    assert any(ch.isdigit() for ch in canvas.accessibleDescription())  # it states the values
    canvas.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: canvas.hasFocus())
    ring = QColor(theme.ACCENT).name()
    qtbot.waitUntil(lambda: ring in _colours(canvas))
    key(qtbot, Qt.Key.Key_Tab)
    assert not canvas.hasFocus()  # no trap
    assert ring not in _colours(canvas)
    seen = _tab_round(qtbot, window)
    assert canvas in seen


def test_high_contrast_reaches_the_painted_widgets_and_presentation_at_once(qtbot, window, demo_path,
                                                                            restore_look):
    from mutuality_desktop.ui import theme

    assert window.open_path(demo_path)
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    key(qtbot, Qt.Key.Key_F11)
    room = page.presentation
    qtbot.waitUntil(lambda: room is not None and room.isVisible())
    normal, high = theme.NORMAL_PALETTE, theme.HIGH_CONTRAST_PALETTE
    window.show_page("Results")  # its grey captions have colours of their own
    window.show_page("Walkthrough")
    sheets = {w: w.styleSheet() for w in QApplication.allWidgets() if w.styleSheet()}
    assert any(normal["MUTED"] in sheet or "#6b6b6b" in sheet for sheet in sheets.values())
    painted = {"guide": page.guide, "factor list": page.navigator.viewport(), "score bar": page.bar}
    before = {name: _colours(w) for name, w in painted.items()}
    assert normal["ACCENT"] in before["guide"] and normal["ACCENT"] in before["factor list"]
    assert normal["ACCENT_TINT"] in before["score bar"]
    assert normal["MUTED"] in room.caption.styleSheet()
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    next(a for a in view.actions() if a.text() == "&High contrast").trigger()
    qtbot.waitUntil(lambda: QApplication.overrideCursor() is None)
    after = {name: _colours(w) for name, w in painted.items()}
    for name in painted:
        assert not ({normal["ACCENT"], normal["ACCENT_TINT"]} & after[name]), name
    assert high["ACCENT"] in after["guide"] and high["ACCENT"] in after["factor list"]
    assert high["ACCENT_TINT"] in after["score bar"]
    assert normal["MUTED"] not in room.caption.styleSheet()
    from shiboken6 import isValid

    sheets = {w: sheet for w, sheet in sheets.items() if isValid(w)}  # the restyle waits for the event loop
    quiet = [w for w in sheets if normal["MUTED"] in w.styleSheet() or "#6b6b6b" in w.styleSheet()]
    assert quiet == []  # every caption with a colour of its own is black now
    assert normal["ACCENT"] not in room.score_labels["agreed"].text()
    assert high["ACCENT"] in room.score_labels["agreed"].text()
    next(a for a in view.actions() if a.text() == "&High contrast").trigger()  # and back
    qtbot.waitUntil(lambda: QApplication.overrideCursor() is None)
    assert {w: w.styleSheet() for w in sheets} == sheets
    assert normal["ACCENT"] in _colours(page.guide)
    room.close()


def test_large_text_applies_at_once_on_every_page(qtbot, window, demo_path, restore_look):
    from mutuality_desktop.ui import theme
    from mutuality_desktop.ui.chart_canvas import ChartCanvas

    assert window.open_path(demo_path)
    window.show_page("Results")
    qtbot.waitUntil(lambda: any(c.isVisible() for c in window.results.findChildren(ChartCanvas)))
    canvas = next(c for c in window.results.findChildren(ChartCanvas) if c.isVisible())
    chart_scale = canvas.chart.style.font_scale
    window.show_page("Walkthrough")
    page = window.workshop
    qtbot.waitUntil(lambda: page.guide.hasFocus())
    nav = page.navigator
    item = nav._items[nav.current_factor()]
    row_before = nav.visualItemRect(item).height()
    status_before = window.file_label.font().pointSizeF()
    caption_before = page.caption.font().pointSizeF()
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    next(a for a in view.actions() if a.text() == "&Large text").trigger()
    qtbot.waitUntil(lambda: nav.visualItemRect(item).height() > row_before)  # the painted list too
    scale = theme.LARGE_TEXT_SCALE
    assert window.file_label.font().pointSizeF() == pytest.approx(status_before * scale)
    assert page.caption.font().pointSizeF() == pytest.approx(caption_before * scale)
    assert canvas.chart.style.font_scale == pytest.approx(chart_scale * scale)  # the charts' type too
    next(a for a in view.actions() if a.text() == "&Large text").trigger()
    qtbot.waitUntil(lambda: nav.visualItemRect(item).height() == row_before)
    assert page.caption.font().pointSizeF() == pytest.approx(caption_before)
