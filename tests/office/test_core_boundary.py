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
