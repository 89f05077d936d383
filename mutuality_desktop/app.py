"""Entry point: headless subcommands go to the CLI, anything else starts the GUI."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__

# cli.COMMANDS (a test keeps them equal)
SUBCOMMANDS = {"demo", "check", "report", "export", "csv", "json", "new", "apply", "history", "xlsx", "pptx",
               "merge", "prework", "scope", "triage", "parking", "agenda",
               "not-applicable", "framework"}
GUI_OPTIONS = {"--demo", "--self-test"}
# Qt's own command-line options (QApplication/QGuiApplication), the ones that take a value first.
QT_OPTIONS_WITH_VALUE = {"-platform", "-platformpluginpath", "-platformtheme", "-plugin", "-style",
                         "-stylesheet", "-session", "-qwindowgeometry", "-qwindowicon",
                         "-qwindowtitle", "-display", "-geometry", "-qmljsdebugger"}
QT_FLAGS = {"-reverse", "-widgetcount", "-nograb", "-dograb", "-sync"}
USAGE = ("usage: mutuality-desktop [FILE | --demo]  or  mutuality-desktop "
         "{" + ",".join(sorted(SUBCOMMANDS)) + "} ...  (see mutuality-desktop --help)")


def has_display() -> bool:
    """Return whether Qt can show a window here (or has been told to run offscreen)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def refusal(args: Sequence[str]) -> str | None:
    """Say why these arguments cannot start the window (an unknown command or option), or None."""
    files: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in GUI_OPTIONS or arg in QT_FLAGS or arg.startswith("-psn_"):
            pass  # (-psn_…: the process serial number older macOS Finder passes)
        elif arg in QT_OPTIONS_WITH_VALUE:
            i += 1
            if i >= len(args):
                return f"the option {arg} needs a value"
        elif arg.startswith("-") and arg != "-":
            return f"unknown option {arg}"
        else:
            files.append(arg)
        i += 1
    if len(files) > 1:
        return f"only one file can be opened at a time (got {len(files)})"
    if files:
        name = files[0]
        looks_like_file = (Path(name).exists() or Path(name).suffix != ""
                           or os.sep in name or "/" in name)
        if not looks_like_file:
            return f"'{name}' is not a command and not a file"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("--version", "-V"):
        print(f"Mutuality Desktop {__version__}")
        return 0
    if args and (args[0] in SUBCOMMANDS or args[0] in ("-h", "--help")):
        from .cli import run

        return run(args)
    problem = refusal(args)
    if problem is not None:
        print(f"{USAGE}\nmutuality-desktop: error: {problem}", file=sys.stderr)
        return 2
    if not has_display():
        print(
            "No display found: the Mutuality Desktop window needs one. Headless commands work "
            "anywhere: mutuality-desktop demo -o FILE | check FILE | report FILE -o OUT.pdf | "
            "export FILE -o OUT | csv FILE -o OUT.csv | json FILE | apply FILE OPS.json | "
            "history FILE | merge OURS THEIRS -o OUT | prework forms FILE -o DIR | scope FILE | "
            "triage FILE (see --help).",
            file=sys.stderr,
        )
        return 2
    from .ui.application import run_gui

    return run_gui(args)
