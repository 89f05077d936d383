"""Schema version 2 → 3: stable UUIDs on every row and the history table.

Each changed table is rebuilt (copy aside, drop, create, copy back) rather than altered, so the
stored definitions are exactly what a new file of version 3 gets (a test compares sqlite_master).
The definitions are frozen here as text: they are what version 3 is, whatever later versions do.
"""

from __future__ import annotations

import sqlite3
import uuid

# The ids given to rows that existed before format 3 are derived from the engagement's own UUID,
# the table and the row's integer id, so every copy of one engagement (a colleague's emailed copy,
# a read-only open, a second laptop) gives the same row the same id when it is upgraded.
MIGRATED_ROWS = uuid.UUID("6f1d3c52-5b0e-4a8e-9f3c-2d7a9b6e4c10")


def migrated_uuid(engagement_uuid: str, table: str, row_id: int) -> str:
    return str(uuid.uuid5(MIGRATED_ROWS, f"{engagement_uuid}/{table}/{row_id}"))


V3_TABLES: dict[str, str] = {
    "participant": (
        '\n'
        'CREATE TABLE participant (\n'
        '\tid INTEGER NOT NULL, \n'
        '\tuuid VARCHAR(36) NOT NULL, \n'
        '\tname VARCHAR(200) NOT NULL, \n'
        '\trole VARCHAR(200) NOT NULL, \n'
        '\tside VARCHAR(20) NOT NULL, \n'
        '\tposition INTEGER NOT NULL, \n'
        '\tPRIMARY KEY (id), \n'
        "\tCONSTRAINT ck_side CHECK (side IN ('client', 'provider', 'facilitator', 'observer')), \n"
        '\tUNIQUE (uuid)\n'
        ')\n'
        '\n'
    ),
    "round": (
        '\n'
        'CREATE TABLE round (\n'
        '\tid INTEGER NOT NULL, \n'
        '\tuuid VARCHAR(36) NOT NULL, \n'
        '\tlabel VARCHAR(100) NOT NULL, \n'
        '\tdate DATE, \n'
        '\tposition INTEGER NOT NULL, \n'
        '\tPRIMARY KEY (id), \n'
        '\tUNIQUE (uuid), \n'
        '\tUNIQUE (label)\n'
        ')\n'
        '\n'
    ),
    "score": (
        '\n'
        'CREATE TABLE score (\n'
        '\tid INTEGER NOT NULL, \n'
        '\tuuid VARCHAR(36) NOT NULL, \n'
        '\tround_id INTEGER NOT NULL, \n'
        '\tfactor_id VARCHAR(100) NOT NULL, \n'
        '\tperspective VARCHAR(10) NOT NULL, \n'
        '\tlevel INTEGER, \n'
        '\tnotes TEXT NOT NULL, \n'
        '\tconfidence VARCHAR(10), \n'
        '\tupdated_at DATETIME NOT NULL, \n'
        '\tPRIMARY KEY (id), \n'
        '\tCONSTRAINT uq_score UNIQUE (round_id, factor_id, perspective), \n'
        "\tCONSTRAINT ck_perspective CHECK (perspective IN ('client', 'provider', 'agreed')), \n"
        "\tCONSTRAINT ck_confidence CHECK (confidence IS NULL OR confidence IN ('high', 'medium', 'low')), \n"
        '\tCONSTRAINT ck_level CHECK (level IS NULL OR (level BETWEEN 0 AND 100)), \n'
        '\tUNIQUE (uuid), \n'
        '\tFOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE\n'
        ')\n'
        '\n'
    ),
    "participant_score": (
        '\n'
        'CREATE TABLE participant_score (\n'
        '\tid INTEGER NOT NULL, \n'
        '\tuuid VARCHAR(36) NOT NULL, \n'
        '\tround_id INTEGER NOT NULL, \n'
        '\tfactor_id VARCHAR(100) NOT NULL, \n'
        '\tparticipant_id INTEGER NOT NULL, \n'
        '\tlevel INTEGER, \n'
        '\tcomment TEXT NOT NULL, \n'
        '\tupdated_at DATETIME NOT NULL, \n'
        '\tPRIMARY KEY (id), \n'
        '\tCONSTRAINT uq_participant_score UNIQUE (round_id, factor_id, participant_id), \n'
        '\tCONSTRAINT ck_level CHECK (level IS NULL OR (level BETWEEN 0 AND 100)), \n'
        '\tUNIQUE (uuid), \n'
        '\tFOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, \n'
        '\tFOREIGN KEY(participant_id) REFERENCES participant (id) ON DELETE CASCADE\n'
        ')\n'
        '\n'
    ),
    "action": (
        '\n'
        'CREATE TABLE action (\n'
        '\tid INTEGER NOT NULL, \n'
        '\tuuid VARCHAR(36) NOT NULL, \n'
        '\tround_id INTEGER, \n'
        '\tfactor_id VARCHAR(100) NOT NULL, \n'
        '\ttext TEXT NOT NULL, \n'
        '\towner VARCHAR(200) NOT NULL, \n'
        '\tside VARCHAR(10) NOT NULL, \n'
        '\tdue_date DATE, \n'
        '\tstatus VARCHAR(20) NOT NULL, \n'
        '\tposition INTEGER NOT NULL, \n'
        '\tcreated_at DATETIME NOT NULL, \n'
        '\tupdated_at DATETIME NOT NULL, \n'
        '\tPRIMARY KEY (id), \n'
        "\tCONSTRAINT ck_side CHECK (side IN ('client', 'provider', 'joint')), \n"
        "\tCONSTRAINT ck_status CHECK (status IN ('open', 'in progress', 'done', 'dropped')), \n"
        '\tUNIQUE (uuid), \n'
        '\tFOREIGN KEY(round_id) REFERENCES round (id) ON DELETE SET NULL\n'
        ')\n'
        '\n'
    ),
    "branding": (
        '\n'
        'CREATE TABLE branding (\n'
        '\tid INTEGER NOT NULL, \n'
        '\tcontent TEXT NOT NULL, \n'
        '\tupdated_at DATETIME NOT NULL, \n'
        '\tPRIMARY KEY (id)\n'
        ')\n'
        '\n'
    ),
    "history": (
        '\n'
        'CREATE TABLE history (\n'
        '\tid INTEGER NOT NULL, \n'
        '\tuuid VARCHAR(36) NOT NULL, \n'
        '\tat DATETIME NOT NULL, \n'
        '\tauthor VARCHAR(200) NOT NULL, \n'
        '\treplica VARCHAR(36) NOT NULL, \n'
        '\top VARCHAR(40) NOT NULL, \n'
        '\ttarget TEXT NOT NULL, \n'
        '\t"before" TEXT NOT NULL, \n'
        '\t"after" TEXT NOT NULL, \n'
        '\tPRIMARY KEY (id), \n'
        '\tUNIQUE (uuid)\n'
        ')\n'
        '\n'
    ),
}

# Columns carried over from version 2 (all but the new uuid); None = a table new in version 3.
CARRIED: dict[str, tuple[str, ...] | None] = {
    "participant": ("id", "name", "role", "side", "position"),
    "round": ("id", "label", "date", "position"),
    "score": ("id", "round_id", "factor_id", "perspective", "level", "notes", "confidence",
              "updated_at"),
    "participant_score": ("id", "round_id", "factor_id", "participant_id", "level", "comment",
                          "updated_at"),
    "action": ("id", "round_id", "factor_id", "text", "owner", "side", "due_date", "status",
               "position", "created_at", "updated_at"),
    "branding": ("id", "content", "updated_at"),  # version 1→2 wrote it in another spelling
    "history": None,
}
NEW_UUID = {"participant", "round", "score", "participant_score", "action"}


def migrate_2_to_3(conn: sqlite3.Connection) -> None:
    """Rebuild the tables in the version 3 layout; run inside the caller's transaction.

    The caller turns foreign keys off first (a dropped parent would otherwise cascade).
    """
    row = conn.execute("SELECT uuid FROM engagement WHERE id = 1").fetchone()
    engagement_uuid = str(row[0]) if row is not None else ""
    for table, columns in CARRIED.items():
        if columns is None:
            conn.execute(V3_TABLES[table])
            continue
        cols = ", ".join(f'"{c}"' for c in columns)
        conn.execute(f'CREATE TEMP TABLE "_v2_{table}" AS SELECT {cols} FROM "{table}"')
        conn.execute(f'DROP TABLE "{table}"')
        conn.execute(V3_TABLES[table])
        if table in NEW_UUID:
            rows = conn.execute(f'SELECT {cols} FROM temp."_v2_{table}"').fetchall()
            marks = ", ".join("?" * (len(columns) + 1))
            conn.executemany(f'INSERT INTO "{table}" ({cols}, uuid) VALUES ({marks})',
                             [(*r, migrated_uuid(engagement_uuid, table, r[0])) for r in rows])
        else:
            conn.execute(f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM temp."_v2_{table}"')
        conn.execute(f'DROP TABLE temp."_v2_{table}"')
