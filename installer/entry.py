"""Frozen-bundle entry point (PyInstaller): the same main() as `python -m mutuality_desktop`."""

import os
import sys
from pathlib import Path


def keep_the_font_list() -> None:
    """Keep matplotlib's list of fonts between starts, in the user's cache folder.

    PyInstaller's run-time hook points matplotlib at a new temporary folder at every start, so each
    start of the installed app scanned every installed font again before its first chart (about a
    second here, several on a laptop with many fonts). If the folder cannot be made, the temporary
    one stays.
    """
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        folder = base / "Mutuality Desktop" / "Cache" / "matplotlib"
    elif sys.platform == "darwin":
        folder = Path.home() / "Library" / "Caches" / "Mutuality Desktop" / "matplotlib"
    else:
        base = os.environ.get("XDG_CACHE_HOME") or ""
        folder = (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "mutuality-desktop" / "matplotlib"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    os.environ["MPLCONFIGDIR"] = str(folder)


if __name__ == "__main__":
    keep_the_font_list()

    from mutuality_desktop.app import main

    sys.exit(main())
