"""File names made from user text (titles, round labels), safe on Windows, macOS and Linux."""

from __future__ import annotations

import re

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_stem(text: str, limit: int = 120, joiner: str = " ") -> str:
    """The text with characters no file system accepts replaced, runs of space made one, and
    no leading or trailing dots or spaces (Windows drops them); "" when nothing is left."""
    stem = " ".join(_UNSAFE.sub(joiner, text).split()).strip(" .-")
    return stem[:limit].rstrip(" .-")
