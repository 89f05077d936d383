"""A factor outside the round's scope, clicked in the list: ask, then add it to the round.

The room sometimes insists on discussing a factor the round left out. The navigator shows such
factors greyed; clicking one asks once, and on Yes the round's scope gains that one factor (its
dimension joins with the dimension's other factors left out), as one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from ...core import operations as ops

if TYPE_CHECKING:
    from .page import WorkshopPage


def add_operations(page: WorkshopPage, factor_id: str) -> list[ops.Operation]:
    """The operations that bring one factor into the walkthrough's round, and no other."""
    eng, rid = page.doc.engagement, page.round_id
    factor = page.framework.factor(factor_id)
    scope = eng.scope(rid)
    left_out = set(eng.excluded_factors(rid))
    operations: list[ops.Operation] = []
    uuid = eng.round_uuid(rid)
    if factor.dimension_id not in scope:
        operations.append(ops.SetScope(uuid, (*scope, factor.dimension_id)))
        left_out |= {f.id for f in page.framework.dimension(factor.dimension_id).factors}
    left_out.discard(factor_id)
    operations.append(ops.SetExcludedFactors(uuid, tuple(sorted(left_out))))
    return operations


def offer_to_add(page: WorkshopPage, factor_id: str) -> bool:
    """Ask whether to add a greyed factor to the round; add it and open it on Yes."""
    if page.doc.readonly:
        return False
    factor = page.framework.factor(factor_id)
    dimension = page.framework.dimension(factor.dimension_id)
    label = next((r.label for r in page.doc.engagement.rounds() if r.id == page.round_id), "this round")
    box = QMessageBox(QMessageBox.Icon.Question, "Add to this round?",
                      f"{dimension.name} {factor.number}. {factor.name} is not part of {label}.\n\n"
                      f"Add it to {label}, so the room can score it? Progress, Results and the report "
                      "will then count it. Undo takes it out again.",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, page)
    box.button(QMessageBox.StandardButton.Yes).setText(f"Add to {label}")
    box.button(QMessageBox.StandardButton.No).setText("Leave it out")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    if box.exec() != QMessageBox.StandardButton.Yes:
        return False
    if not page.doc.execute_all(f"Add {factor.name} to {label}", "scope", add_operations(page, factor_id)):
        return False
    page.go_to_factor(factor_id)
    return True
