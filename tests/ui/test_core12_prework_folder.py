"""Pre-work → Import returns… opens in the folder the forms were written to (play-through 6,
item 8), this session and the next."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from .journey import menu_item
from .test_prework_menu import _fill


def test_import_returns_opens_where_the_forms_were_written(qtbot, window, demo_path, tmp_path, monkeypatch):
    window.open_path(demo_path)
    folder = tmp_path / "Pre-work out" / "Follow-up forms"
    folder.mkdir(parents=True)
    asked_forms: list[str] = []

    def pick_folder(*args, **_kw):
        asked_forms.append(str(args[2]))
        return str(folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", pick_folder)
    menu_item(qtbot, window, "&Pre-work", "&Create forms…")
    assert asked_forms == [str(demo_path.parent)]  # the first time: beside the engagement
    form = sorted(folder.glob("*.xlsx"))[0]
    _fill(form, folder / "returned.xlsx", "5 Exemplary", "Shared plan.")
    opened_in: list[str] = []

    def pick_returns(*args, **_kw):
        opened_in.append(str(args[2]))
        return [], ""  # the facilitator looks, then cancels

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", pick_returns)
    menu_item(qtbot, window, "&Pre-work", "&Import returns…")
    assert opened_in == [str(folder)]

    window.close_document()  # another day: the engagement opened again
    window.open_path(demo_path)
    menu_item(qtbot, window, "&Pre-work", "&Import returns…")
    menu_item(qtbot, window, "&Pre-work", "&Create forms…")
    assert opened_in == [str(folder), str(folder)] and asked_forms[-1] == str(folder)
