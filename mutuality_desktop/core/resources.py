"""Locate the bundled resources in every mode: checkout, installed wheel, frozen bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """Return the folder holding frameworks/, branding/, icons/ and demo/."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    package_dir = Path(__file__).resolve().parent.parent
    checkout = package_dir.parent / "resources"
    if (checkout / "frameworks").is_dir():
        return checkout
    return package_dir / "resources"


def resource_path(*parts: str) -> Path:
    """Return the path of one bundled resource file."""
    return resources_dir().joinpath(*parts)
