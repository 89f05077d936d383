"""The UI holds no storage code: no sqlite3, no raw connection, no store (issue 13)."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "mutuality_desktop" / "ui"


def _storage_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "sqlite3" for a in node.names):
            found.append(f"{path.name}:{node.lineno} import sqlite3")
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names = {a.name for a in node.names}
            if module == "sqlite3" or module.endswith("core.store") or (
                    module.endswith("core") and "store" in names):
                found.append(f"{path.name}:{node.lineno} from {module} import {sorted(names)}")
        elif isinstance(node, ast.Attribute) and node.attr in ("connection", "_conn"):
            found.append(f"{path.name}:{node.lineno} .{node.attr}")
    return found


def test_no_ui_module_touches_storage() -> None:
    uses = [use for path in sorted(UI.rglob("*.py")) for use in _storage_uses(path)]
    assert uses == []


def test_the_check_finds_storage_code(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import sqlite3\nfrom ..core import store\nx = engagement.connection\n")
    assert len(_storage_uses(sample)) == 3
