"""The new engagement / setup screen."""

from .page import SetupPage

__all__ = ["SetupPage"]
