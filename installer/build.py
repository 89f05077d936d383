"""Build the frozen app into dist/: icons from the SVG master, then PyInstaller.

Usage: python installer/build.py [--onefile] [--incremental]
--incremental keeps PyInstaller's work folder (build/pyinstaller): when no module, library, data
file or spec setting changed since the last build there, the analysis of every module is reused
instead of redone (about 40 of the build's 45 processor-seconds); any change redoes it all. The
tests build this way; `make installer` always builds from clean.
On Windows, afterwards compile installer/windows/mutuality-desktop.iss with Inno Setup;
on macOS the spec makes dist/Mutuality Desktop.app (document type from installer/macos/Info.plist).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "mutuality.svg"
ICONS = ROOT / "build" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render_icons() -> list[Path]:
    """Render PNG sizes with Qt's SVG renderer, then ICO and ICNS with Pillow (again only if the
    SVG master is newer than what was rendered)."""
    pngs = [ICONS / f"mutuality-desktop-{size}.png" for size in SIZES]
    made = [*pngs, ICONS / "mutuality-desktop.ico", ICONS / "mutuality-desktop.icns"]
    if all(p.exists() and p.stat().st_mtime >= SVG.stat().st_mtime for p in made):
        return pngs
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    ICONS.mkdir(parents=True, exist_ok=True)
    renderer = QSvgRenderer(str(SVG))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"mutuality-desktop-{size}.png"))
    big = Image.open(ICONS / "mutuality-desktop-256.png")
    big.save(ICONS / "mutuality-desktop.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    Image.open(ICONS / "mutuality-desktop-512.png").save(ICONS / "mutuality-desktop.icns")
    return pngs


def strip_debug_symbols(folder: Path) -> None:
    """Strip debug symbols from ELF files, except auditwheel's vendored *.libs (strip breaks them)."""
    if not sys.platform.startswith("linux") or shutil.which("strip") is None:
        return
    for path in folder.rglob("*.so*"):
        if path.is_symlink() or not path.is_file() or any(p.endswith(".libs") for p in path.parts):
            continue
        with path.open("rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
        subprocess.run(["strip", "--strip-debug", str(path)], check=False, capture_output=True)


def build(onefile: bool, incremental: bool = False) -> Path:
    render_icons()
    env = dict(os.environ, MUTUALITY_ONEFILE="1" if onefile else "0")
    clean = [] if incremental else ["--clean"]
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", *clean, "--log-level", os.environ.get("PYI_LOG_LEVEL", "WARN"),
         "--distpath", str(ROOT / "dist"), "--workpath", str(ROOT / "build" / "pyinstaller"),
         str(ROOT / "installer" / "mutuality_desktop.spec")],
        check=True, env=env, cwd=ROOT,
    )
    target = ROOT / "dist" / "mutuality-desktop"
    if target.is_dir():
        strip_debug_symbols(target)
    files = [p for p in target.rglob("*") if p.is_file() and not p.is_symlink()] if target.is_dir() \
        else [target]
    size = sum(p.stat().st_size for p in files)
    print(f"Built {target} ({size / 1e6:.0f} MB)")
    return target


if __name__ == "__main__":
    build("--onefile" in sys.argv, incremental="--incremental" in sys.argv)
