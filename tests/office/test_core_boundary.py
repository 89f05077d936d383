"""The office writers are core: no Qt, no pyplot, and no network, even while writing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_writing_every_output_loads_neither_qt_nor_pyplot(demo_file: Path, tmp_path: Path) -> None:
    code = (
        "import sys, socket\n"
        "from pathlib import Path\n"
        "def refuse(*a, **k):\n"
        "    raise AssertionError('network use')\n"
        "socket.socket.connect = refuse\n"
        "from mutuality_desktop.core.office.deck import write_pptx_file\n"
        "from mutuality_desktop.core.office.word import write_docx_file\n"
        "from mutuality_desktop.core.office.workbook import write_xlsx_file\n"
        f"src, out = Path({str(demo_file)!r}), Path({str(tmp_path)!r})\n"
        "write_docx_file(src, out / 'a.docx'); write_xlsx_file(src, out / 'a.xlsx')\n"
        "write_pptx_file(src, out / 'a.pptx')\n"
        "print('matplotlib.pyplot' in sys.modules, any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]
    assert {p.name for p in tmp_path.iterdir()} == {"a.docx", "a.xlsx", "a.pptx"}


def test_a_framework_without_mutuality_still_gives_every_output(tmp_path: Path) -> None:
    """A file's own framework may lack the Mutuality dimension: the mutuality charts are left out."""
    import datetime as dt
    import json

    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.core.framework import parse_framework
    from mutuality_desktop.core.model import EngagementInfo
    from mutuality_desktop.core.office.deck import write_pptx_file
    from mutuality_desktop.core.office.word import write_docx_file
    from mutuality_desktop.core.office.workbook import write_xlsx_file
    from mutuality_desktop.core.resources import resource_path

    raw = json.loads(resource_path("frameworks", "vfm-mutuality.json").read_text(encoding="utf-8"))
    raw["dimensions"] = [d for d in raw["dimensions"] if d["id"] != "mutuality"]
    raw["factors"] = [f for f in raw["factors"] if f["dimension"] != "mutuality"]
    framework = parse_framework(json.dumps(raw))
    path = tmp_path / "no-mutuality.mutuality"
    with Engagement.create(path, EngagementInfo("Five dimensions", "Client", "Provider"), framework) as eng:
        first = eng.rounds()[0].id
        second = eng.add_round("Follow-up", dt.date(2026, 9, 1)).id
        for rid, level in ((first, 2), (second, 3)):
            for factor in framework.factors[:4]:
                eng.set_score(rid, factor.id, "agreed", level)
    for write, name in ((write_docx_file, "a.docx"), (write_xlsx_file, "a.xlsx"), (write_pptx_file, "a.pptx")):
        write(path, tmp_path / name)
        assert (tmp_path / name).stat().st_size > 5_000
