"""The engagement's context through the headless commands: apply, json and new --from-json."""

from __future__ import annotations

import json
from pathlib import Path

from mutuality_desktop.core.engagement import Engagement

from .test_cli import cli

CONTEXT = {"procurement_regime": "pa2023", "authority_type": "Unitary authority",
           "contract_model": "Outsourced service"}


def test_context_goes_in_with_apply_out_with_json_and_back_with_new(tmp_path: Path, demo_path: Path) -> None:
    demo = demo_path
    changes = tmp_path / "changes.json"
    changes.write_text(json.dumps([{"op": "update_info", "changes": CONTEXT}]), encoding="utf-8")
    applied = cli("apply", str(demo), str(changes), "--author", "Andrea Price")
    assert applied.returncode == 0, applied.stderr
    out = tmp_path / "demo.json"
    assert cli("json", str(demo), "-o", str(out)).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {k: data["engagement"][k] for k in CONTEXT} == CONTEXT
    copy = tmp_path / "copy.mutuality"
    made = cli("new", "--from-json", str(out), "-o", str(copy))
    assert made.returncode == 0, made.stderr
    with Engagement.open(copy, readonly=True) as eng:
        info = eng.info()
    assert {k: getattr(info, k) for k in CONTEXT} == CONTEXT
