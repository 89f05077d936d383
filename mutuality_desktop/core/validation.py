"""Checks on text a user types, shared by every operation."""

from __future__ import annotations

import unicodedata

from .errors import ValidationError


def clean_text(value: object, what: str, max_chars: int = 300, multiline: bool = False) -> str:
    """Return the text normalised (NFC, no control characters); refuse non-text or oversize."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be text.")
    text = unicodedata.normalize("NFC", value)
    keep = "\n\t" if multiline else ""
    text = "".join(ch for ch in text if ch in keep or unicodedata.category(ch) != "Cc")
    if not multiline:
        text = text.strip()
    if len(text) > max_chars:
        raise ValidationError(f"{what} is too long ({len(text):,} characters; the limit is {max_chars:,}).")
    return text


def require_text(value: object, what: str, max_chars: int = 300) -> str:
    text = clean_text(value, what, max_chars)
    if not text:
        raise ValidationError(f"{what} cannot be empty.")
    return text


def printable(text: str) -> str:
    """Text from a file made safe for one terminal line: no control or format characters.

    Line and paragraph breaks, tabs and carriage returns become spaces (one line stays one
    line); escape sequences, bidirectional overrides and other invisible controls are dropped,
    so a file cannot colour, move or rewrite what the terminal shows.
    """
    out: list[str] = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch in "\t\n\r\v\f\x85\u2028\u2029":
            out.append(" ")
        elif category in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            continue
        else:
            out.append(ch)
    return "".join(out)
