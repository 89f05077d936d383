"""The one place domain errors and unexpected failures become messages for the user."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.errors import MutualityError


def explain(exc: BaseException) -> str:
    """Return the sentence to show for an error: ours as written, others generically."""
    if isinstance(exc, MutualityError):
        return exc.message
    return f"Something went wrong: {type(exc).__name__}: {exc}"


def show_error(parent: QWidget | None, title: str, exc: BaseException, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, explain(exc), QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()
