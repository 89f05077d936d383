"""What a screen reader is told, read through Qt's own accessibility interfaces (as the bridge reads them)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
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
    sheet = QApplication.instance().styleSheet()
    assert theme.CONTROL_LINE not in sheet and theme.MUTED not in sheet  # edges and captions black
    assert theme.font().pointSizeF() == pytest.approx(normal * theme.LARGE_TEXT_SCALE)
    assert Settings().high_contrast() and Settings().large_text()  # kept for the next start
    actions["&Large text"].trigger()
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
