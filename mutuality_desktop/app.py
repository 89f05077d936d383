"""Entry point: headless subcommands go to the CLI, anything else starts the GUI."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from . import __version__

SUBCOMMANDS = {"demo", "check", "report", "export", "csv", "xlsx", "pptx"}  # cli.COMMANDS (a test keeps them equal)


def has_display() -> bool:
    """Return whether Qt can show a window here (or has been told to run offscreen)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("--version", "-V"):
        print(f"Mutuality Desktop {__version__}")
        return 0
    if args and (args[0] in SUBCOMMANDS or args[0] in ("-h", "--help")):
        from .cli import run

        return run(args)
    if not has_display():
        print(
            "No display found: the Mutuality Desktop window needs one. Headless commands work "
            "anywhere: mutuality-desktop demo -o FILE | check FILE | report FILE -o OUT.pdf | "
            "export FILE -o OUT | csv FILE -o OUT.csv (see --help).",
            file=sys.stderr,
        )
        return 2
    from .ui.application import run_gui

    return run_gui(args)
