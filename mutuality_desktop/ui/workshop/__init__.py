"""The walkthrough screen, the one the facilitator lives in for the whole workshop."""

from .page import WorkshopPage

__all__ = ["WorkshopPage"]
