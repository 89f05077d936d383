"""Participants' email addresses and the report's names choice: the rules and the reads.

No SQLAlchemy here: the file checks and the window read these on open.
"""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engagement import Engagement

REPORT_NAMES_KEY = "report_names"  # file_meta: "shown" names people in the report; absent = anonymous
EMAIL = re.compile(r"[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;.]+")
MAX_EMAIL_CHARS = 254


def participant_emails(eng: Engagement) -> dict[int, str]:
    """Each participant's email address by participant id (those who have one)."""
    try:
        rows = eng.connection.execute("SELECT participant_id, email FROM participant_contact")
        return {int(pid): str(email) for pid, email in rows}
    except sqlite3.OperationalError:  # a file from before format 4, read as it is
        return {}


def report_names_shown(eng: Engagement) -> bool:
    """Whether the report names who gave which own view (by default it does not)."""
    row = eng.connection.execute("SELECT value FROM file_meta WHERE key = ?",
                                 (REPORT_NAMES_KEY,)).fetchone()
    return row is not None and row[0] == "shown"
