"""Frozen-bundle entry point (PyInstaller): the same main() as `python -m mutuality_desktop`."""

import sys

from mutuality_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
