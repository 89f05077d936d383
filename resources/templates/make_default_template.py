"""Regenerate resources/templates/house-template.docx, the neutral house template shipped with
the app (run: .venv/bin/python resources/templates/make_default_template.py).

The .docx is built by code, never edited by hand, so every style in it is reviewable here and in
mutuality_desktop/core/office/house_template.py (build_default_template).
"""

from pathlib import Path

from mutuality_desktop.core.office.house_template import build_default_template

if __name__ == "__main__":
    out = Path(__file__).resolve().parent / "house-template.docx"
    build_default_template(out)
    print(f"Wrote {out}")
