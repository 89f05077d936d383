"""Build the frozen bundle and use it headless, as a consultant's double-click would.

Runs in CI; skip it locally with SKIP_INSTALLER=1 (the build takes about a minute). The build is
incremental: PyInstaller reuses its last analysis when no module, library, data file or spec
setting changed since (build.py --incremental), and redoes it all on any change.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "mutuality-desktop"
EXE = BUNDLE / ("mutuality-desktop.exe" if os.name == "nt" else "mutuality-desktop")

pytestmark = [
    pytest.mark.installer,
    pytest.mark.skipif(os.environ.get("SKIP_INSTALLER") == "1", reason="SKIP_INSTALLER=1"),
]


@pytest.fixture(scope="module")
def frozen() -> Path:
    result = subprocess.run([sys.executable, str(ROOT / "installer" / "build.py"), "--incremental"],
                            capture_output=True, text=True, timeout=1800, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert EXE.exists()
    return EXE


def run(exe: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **env})


def own_folders(tmp_path: Path) -> dict[str, str]:
    """The frozen app's user folders inside the test's own folder, never the real user's."""
    return dict(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
                XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache"))


def run_together(exe: Path, commands: dict[str, tuple[tuple[str, ...], dict[str, str]]]
                 ) -> dict[str, subprocess.CompletedProcess[str]]:
    """Several frozen processes at once (each reads the demo, none writes what another reads):
    the bundle's start-up and imports are paid on every core instead of one after another."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        futures = {name: pool.submit(run, exe, *args, **env) for name, (args, env) in commands.items()}
        return {name: future.result() for name, future in futures.items()}


def test_frozen_bundle_runs_every_headless_command_and_the_gui_self_test(frozen, tmp_path):
    version = run(frozen, "--version")
    assert version.returncode == 0 and "Mutuality Desktop" in version.stdout
    folders = own_folders(tmp_path)
    demo = tmp_path / "demo.mutuality"
    assert run(frozen, "demo", "-o", str(demo), **folders).returncode == 0
    # the Word report's charts make matplotlib's font list, kept for the next start
    word = run(frozen, "report", str(demo), "-o", str(tmp_path / "demo.docx"), **folders)
    assert word.returncode == 0 and word.stderr == "", word.stderr
    assert list((tmp_path / "cache" / "mutuality-desktop" / "matplotlib").glob("fontlist-*.json"))
    pdf = tmp_path / "demo.pdf"
    done = run_together(frozen, {
        "check": (("check", str(demo)), folders),
        "report": (("report", str(demo), "-o", str(pdf)), folders),
        **{name: ((command, str(demo), "-o", str(tmp_path / name)), folders)
           for command, name in (("xlsx", "demo.xlsx"), ("pptx", "demo.pptx"))},
        "gui": (("--self-test",), dict(folders, QT_QPA_PLATFORM="offscreen")),
    })
    check = done["check"]
    assert check.returncode == 0 and check.stdout.startswith("OK demo.mutuality"), check.stderr
    report = done["report"]
    assert report.returncode == 0, report.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 50_000
    for name in ("demo.xlsx", "demo.pptx"):
        made = done[name]
        assert made.returncode == 0 and made.stderr == "", made.stderr
    import zipfile

    for name in ("demo.docx", "demo.pptx"):  # the shipped SVG logo, drawn as a picture
        with zipfile.ZipFile(tmp_path / name) as z:
            assert any("/media/" in n and n.endswith(".png") for n in z.namelist())
    gui = done["gui"]
    assert gui.returncode == 0, gui.stdout + gui.stderr
    assert "self-test passed" in gui.stdout + gui.stderr


def test_bundle_leaves_out_what_it_does_not_need(frozen):
    names = {p.name for p in BUNDLE.rglob("*")}
    assert not any(n.startswith(("libQt6Quick", "libQt6Qml", "libQt6Pdf", "_tkinter")) for n in names)
    assert not any("pytest" in n for n in names)
    assert not any(n.startswith(("libgtk-3", "libcairo.", "libpango-")) for n in names)
    # drawn by the CPU, no network: no OpenGL, EGL or Vulkan hand-over plugins, no Qt Network
    assert not any(n.startswith(("libQt6OpenGL", "libQt6Network", "libqxcb-glx", "libqxcb-egl",
                                 "libdmabuf-server", "libvulkan-server")) for n in names)
    assert not any(n.startswith("_psutil") for n in names)
    assert [p for p in BUNDLE.rglob("*") if p.is_symlink() and not p.exists()] == []  # no dangling link
    licences = {part for p in BUNDLE.rglob("LICENSE*") for part in p.parts if part.endswith(".dist-info")}
    assert any(n.startswith("numpy-") for n in licences)  # BSD: the licence ships with the binary
    size = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink())
    assert size <= 250_000_000  # issue 18: the Office libraries keep the bundle within 250 MB
    assert (BUNDLE / "_internal" / "resources" / "frameworks" / "vfm-mutuality.json").exists()
