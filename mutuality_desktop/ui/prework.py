"""Pre-work menu: create the participants' forms, import their returns as one undoable step."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..core.errors import MutualityError
from ..core.prework.contacts import participant_emails, report_names_shown
from .commands import SetReportNames
from .messages import explain

if TYPE_CHECKING:
    from ..core.prework.returns import ImportPlan
    from .main_window import MainWindow

IMPORT_STEP = "Import pre-work returns"
# what the import (and its undo and redo) says changed: the walkthrough then shows the open
# factor's own views and pre-work comments at once (play-through 12: the comments waited for the
# factor to be opened again, because a "score" change leaves the Evidence tab as it was)
PREWORK = "prework"
__all__ = ["create_forms", "import_returns", "report_names_shown", "set_report_names"]


def set_report_names(w: MainWindow, shown: bool) -> None:
    """Pre-work → Names in the report: an undoable choice stored in the engagement file."""
    if w.doc is not None and w.doc.execute(SetReportNames(bool(shown))):
        w.statusBar().showMessage(
            "The report will name who gave which own view." if shown else
            "The report shows each side's own views without names.", 10000)


def _round_label(w: MainWindow) -> str | None:
    if w.doc is None or w.workshop is None:
        return None
    for rnd in w.doc.engagement.rounds():
        if rnd.id == w.workshop.round_id:
            return str(rnd.label)
    return None


def _forms_folder(w: MainWindow) -> Path:
    """Where this engagement's forms were last written (the returns come back there), else the
    engagement's own folder (play-through 6: Import returns… opened in Documents/Mutuality)."""
    assert w.doc is not None
    eng = w.doc.engagement
    return w.settings.prework_folder(eng.info().uuid) or Path(eng.path).parent


def create_forms(w: MainWindow, folder: Path | None = None) -> Path | None:
    """Ask for a folder (unless given), write one form per client and provider participant."""
    if w.doc is None:
        return None
    w.doc.flush()
    label = _round_label(w)
    if folder is None:
        chosen = QFileDialog.getExistingDirectory(
            w, f"Folder for the pre-work forms ({label or 'latest round'})", str(_forms_folder(w)))
        if not chosen:
            return None
        folder = Path(chosen)
    from ..core.prework.forms import write_forms

    try:
        written = write_forms(w.doc.engagement, folder, label)
    except (MutualityError, OSError) as exc:
        w.show_problem(f"The pre-work forms could not be written: {explain(exc)}")
        return None
    w.settings.set_prework_folder(w.doc.engagement.info().uuid, folder)
    count = len(written)
    emails = participant_emails(w.doc.engagement)
    missing = [f.participant.name for f in written if f.participant.id not in emails]
    to = (f" Addresses are in Setup for {count - len(missing)} of them"
          + (f" (not for {', '.join(missing)})." if missing else ".")) if emails else ""
    w.banner.show_message(
        f"Wrote {count} pre-work form{'s' if count != 1 else ''} for {label} to {folder} "
        "(one per client and provider participant, named for them). Email each person their own "
        f"form; tell them to click Enable Editing if Excel opens it in Protected View.{to}", "info")
    return folder


def import_returns(w: MainWindow, paths: Sequence[Path] | None = None) -> QMessageBox | None:
    """Ask for the returned forms (unless given), show what they hold, import on confirmation."""
    if w.doc is None:
        return None
    if w.doc.readonly:
        w.show_problem(f"Returns cannot be imported: {w.doc.path.name} is open read-only because "
                       f"{w.doc.read_only_reason()}.")
        return None
    w.doc.flush()
    if paths is None:
        names, _ = QFileDialog.getOpenFileNames(
            w, "Import pre-work returns", str(_forms_folder(w)),
            "Returned forms (*.xlsx)")
        if not names:
            return None
        paths = [Path(n) for n in names]
    from ..core.prework.returns import plan_import

    try:
        plan = plan_import(w.doc.engagement, list(paths))
    except (MutualityError, OSError) as exc:
        w.show_problem(f"Nothing was imported. {explain(exc)}")
        return None
    return confirm_import(w, plan)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _returns_said(plan: ImportPlan) -> tuple[str, str]:
    """'from 4 returns', and what the other returns held: a blank return is counted as blank
    (play-through 8: "68 answers from 5 returns" when one of the five was blank)."""
    given = [any(a.given for a in ret.answers) for ret in plan.returns]
    answering = [ret for ret, g, new in zip(plan.returns, given, plan.new_per_return, strict=True) if g and new]
    blank = [ret.participant.name for ret, g in zip(plan.returns, given, strict=True) if not g]
    old = [ret.participant.name for ret, g, new in zip(plan.returns, given, plan.new_per_return, strict=True)
           if g and not new]
    rest = []
    if blank:
        rest.append(f"{_plural(len(blank), 'return')} {'was' if len(blank) == 1 else 'were'} blank, "
                    f"with no answers ({', '.join(blank)})")
    if old:
        rest.append(f"{_plural(len(old), 'return')} held nothing new ({', '.join(old)})")
    return f"from {_plural(len(answering), 'return')}", "; ".join(rest)


def confirm_import(w: MainWindow, plan: ImportPlan) -> QMessageBox:
    """A window-modal question listing each return; Import applies the plan as one step."""
    count = len(plan.operations)
    items = "".join(f"<li>{escape(line, quote=False)}</li>" for line in plan.lines())
    box = QMessageBox(w)
    box.setObjectName("prework_import")
    box.setWindowTitle(IMPORT_STEP)
    box.setIcon(QMessageBox.Icon.Question)
    if count:
        source, rest = _returns_said(plan)
        box.setText(f"Import {_plural(count, 'answer')} {source}?" + (f" ({rest[0].upper()}{rest[1:]}.)"
                                                                     if rest else ""))
        box.setInformativeText(f"<ul>{items}</ul>Edit → Undo takes the whole import back.")
        box.setStandardButtons(QMessageBox.StandardButton.Cancel)
        go = box.addButton("Import", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(go)
    else:
        box.setText("These returns hold nothing new: every answer in them is already in the file.")
        box.setInformativeText(f"<ul>{items}</ul>")
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        go = None

    def done() -> None:
        if (go is not None and box.clickedButton() is go and w.doc is not None
                and w.doc.execute_all(IMPORT_STEP, PREWORK, plan.operations)):
            source, rest = _returns_said(plan)
            said = f"Imported {_plural(count, 'answer')} {source}" + (f"; {rest}" if rest else "") + "."
            w.statusBar().showMessage(said, 10000)
            # the banner, where the person looks, says what the import did: it still said
            # "Wrote 5 pre-work forms…" from before (play-through 8)
            w.banner.show_message(f"{said} Each person's own view is in the walkthrough, in the "
                                  "strip above the notes; Edit → Undo takes the whole import back.", "info")
            shown = w.banner.label.text()
            doc = w.doc

            def undone(verb: str, text: str, _key: object) -> None:
                if verb == "Undid" and text == IMPORT_STEP:
                    doc.stepped.disconnect(undone)
                    if w.banner.text() == shown:
                        w.banner.clear()  # the import taken back: its message goes with it

            doc.stepped.connect(undone)
        box.deleteLater()

    box.finished.connect(done)
    box.open()
    return box
