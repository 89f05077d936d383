"""The engagement's context in Setup, by mouse and keys: each choice reaches the file at once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .journey import click, focused, page_tab, press, select_all_and_type, stored, type_keys


def test_regime_authority_type_and_contract_model_are_chosen_or_typed_and_stored(
        qtbot, window, blank_path):
    window.open_path(blank_path)
    page_tab(qtbot, window, "Setup")
    form = window.setup_page.form
    regime, authority, model = (form.editor(n) for n in ("procurement_regime", "authority_type",
                                                         "contract_model"))
    assert regime.currentText() == "Not recorded"
    click(qtbot, regime)  # opens the list
    popup = regime.view()
    qtbot.waitUntil(popup.isVisible)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible())
    with stored(blank_path) as eng:
        assert eng.info().procurement_regime == "pa2023"

    click(qtbot, authority.lineEdit())  # not in the list: typed, as for "Other"
    type_keys(qtbot, "Fire and rescue authority")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is not authority.lineEdit()
    with stored(blank_path) as eng:
        assert eng.info().authority_type == "Fire and rescue authority"

    click(qtbot, model.lineEdit())  # from the list, by typing its start and completing
    select_all_and_type(qtbot, "Joint v")
    press(qtbot, Qt.Key.Key_Return)
    with stored(blank_path) as eng:
        info = eng.info()
    assert (info.procurement_regime, info.authority_type, info.contract_model) == (
        "pa2023", "Fire and rescue authority", "Joint venture")

    assert window.doc.undo()  # Edit > Undo: the contract model goes back to none

    def model_in_file() -> str:
        with stored(blank_path) as eng:
            return eng.info().contract_model

    qtbot.waitUntil(lambda: model_in_file() == "")
    assert model.currentText() == ""


def test_the_act_for_a_contract_let_before_it_came_into_force_is_questioned_not_refused(
        qtbot, window, blank_path):
    window.open_path(blank_path)
    page_tab(qtbot, window, "Setup")
    form = window.setup_page.form
    start, regime = form.editor("contract_start"), form.editor("procurement_regime")
    click(qtbot, start.focusProxy() or start)
    type_keys(qtbot, "1/4/2019")
    press(qtbot, Qt.Key.Key_Tab)
    click(qtbot, regime)
    popup = regime.view()
    qtbot.waitUntil(popup.isVisible)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible())
    with stored(blank_path) as eng:
        assert eng.info().procurement_regime == "pa2023"  # saved as chosen
    assert form.regime_doubt.isVisible()
    assert "1 April 2019, is before the Act came into force" in form.regime_doubt.text()
    click(qtbot, regime)
    qtbot.waitUntil(popup.isVisible)
    press(qtbot, Qt.Key.Key_Up)  # the 2015 Regulations: nothing to question
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert not form.regime_doubt.isVisible()
    with stored(blank_path) as eng:
        assert eng.info().procurement_regime == "pcr2015"
