"""Play-through 7 (ui13): with Large text on, High contrast on and then off left the Results coverage
line, the "Own views" legend and the notes' captions in small type. Every order of the two View
toggles must end in the look that setting them fresh gives."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from mutuality_desktop.ui import theme

from .journey import page_tab


def _toggle(window, qtbot, text: str) -> None:
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    action = next(a for a in view.actions() if a.text() == text)
    before = (theme.text_scale(), bool(theme.high_contrast))
    action.trigger()
    qtbot.waitUntil(lambda: (theme.text_scale(), bool(theme.high_contrast)) != before)
    qtbot.wait(50)


def _sizes(window, qtbot) -> dict[str, float]:
    """Every named or worded widget's point size on every page."""
    sizes: dict[str, float] = {}
    for page in ("Setup", "Walkthrough", "Results"):
        page_tab(qtbot, window, page)
        qtbot.wait(50)
    for i, widget in enumerate(window.findChildren(QWidget)):
        if widget.objectName() == "factorDetails":  # re-fonts itself with its padding (workshop/page.py)
            continue
        text = getattr(widget, "text", None)
        label = text() if callable(text) and isinstance(text(), str) else ""
        key = f"{i}:{type(widget).__name__}:{widget.objectName() or widget.accessibleName() or label[:40]}"
        sizes[key] = round(widget.font().pointSizeF(), 2)
    return sizes


def _diff(a: dict[str, float], b: dict[str, float]) -> list[str]:
    return [f"{k}: {a[k]} then {b[k]}" for k in a if k in b and b[k] != a[k]][:15]


def test_contrast_and_large_text_in_any_order_give_one_look(qtbot, window, demo_path, restore_look):
    window.resize(1024, 740)
    assert window.open_path(demo_path)
    qtbot.wait(100)
    _toggle(window, qtbot, "&Large text")
    large = _sizes(window, qtbot)
    _toggle(window, qtbot, "&Large text")
    plain = _sizes(window, qtbot)
    _toggle(window, qtbot, "&Large text")
    assert not _diff(large, _sizes(window, qtbot))
    assert large != plain  # Large text changes the type
    _toggle(window, qtbot, "&High contrast")
    both = _sizes(window, qtbot)
    assert not _diff(large, both), _diff(large, both)  # contrast leaves the type as it is
    _toggle(window, qtbot, "&High contrast")
    again = _sizes(window, qtbot)
    assert not _diff(large, again), _diff(large, again)
    _toggle(window, qtbot, "&Large text")  # back to plain, through the other order
    assert not _diff(plain, _sizes(window, qtbot))
    _toggle(window, qtbot, "&High contrast")
    _toggle(window, qtbot, "&Large text")
    assert not _diff(large, _sizes(window, qtbot))
    _toggle(window, qtbot, "&High contrast")
    assert not _diff(large, _sizes(window, qtbot))
    _toggle(window, qtbot, "&Large text")
    assert not _diff(plain, _sizes(window, qtbot))
