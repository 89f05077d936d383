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
