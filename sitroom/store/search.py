"""Free-text search over event reports: trigger, sentence, actor, target and place words.

On SQLite an FTS5 table ``event_search`` (one row per report, same rowid) is kept in
step by triggers on ``event_reports`` and filled for older rows by ``ensure``. Words
match as prefixes ("drone" finds "drones"), all words must occur, case and accents
ignored. Elsewhere (or without FTS5) the filter falls back to a case-insensitive
substring match on the same fields.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from sqlalchemy import (
    ColumnElement, Connection, Engine, Select, and_, func, literal_column, or_, select, table, true,
)

from .schema import event_reports

_WORD = re.compile(r"\w+", re.UNICODE)

_BODY = (
    "coalesce({r}.actor_text, '') || ' ' || coalesce({r}.actor_name, '') || ' ' || "
    "coalesce({r}.target_text, '') || ' ' || coalesce({r}.target_name, '') || ' ' || "
    "coalesce({r}.location_name, '') || ' ' || "
    "coalesce(json_extract({r}.record, '$.location.text'), '') || ' ' || "
    "coalesce(json_extract({r}.record, '$.trigger.text'), '') || ' ' || "
    "coalesce(json_extract({r}.record, '$.sentence.text'), '')"
)

_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS event_search USING fts5("
    "body, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS event_search_insert AFTER INSERT ON event_reports BEGIN "
    f"INSERT INTO event_search(rowid, body) VALUES (new.rowid, {_BODY.format(r='new')}); END",
    "CREATE TRIGGER IF NOT EXISTS event_search_delete AFTER DELETE ON event_reports BEGIN "
    "DELETE FROM event_search WHERE rowid = old.rowid; END",
    "CREATE TRIGGER IF NOT EXISTS event_search_update AFTER UPDATE ON event_reports BEGIN "
    "DELETE FROM event_search WHERE rowid = old.rowid; "
    f"INSERT INTO event_search(rowid, body) VALUES (new.rowid, {_BODY.format(r='new')}); END",
)

_BACKFILL = (
    f"INSERT INTO event_search(rowid, body) SELECT r.rowid, {_BODY.format(r='r')} "
    "FROM event_reports AS r WHERE r.rowid > coalesce((SELECT max(rowid) FROM event_search), 0)"
)


def available(engine: Engine) -> bool:
    """True when the database is SQLite with FTS5 compiled in."""
    if engine.dialect.name != "sqlite":
        return False
    with engine.connect() as conn:
        options = conn.exec_driver_sql("PRAGMA compile_options").scalars().all()
    return "ENABLE_FTS5" in options


def ensure(engine: Engine) -> None:
    """Create the search table and its triggers if missing, and index reports not yet in it."""
    if not available(engine):
        return
    with engine.begin() as conn:
        for statement in _DDL:
            conn.exec_driver_sql(statement)
        conn.exec_driver_sql(_BACKFILL)


def words(query: str) -> list[str]:
    """The words of a free-text query (letters and digits)."""
    return _WORD.findall(query.lower())


def rowids(conn: Connection, query: str) -> np.ndarray:
    """The rowids of all reports matching ``query`` (SQLite packs them into one string:
    far faster than a row each)."""
    packed = conn.execute(
        select(func.group_concat(literal_column("rowid")))
        .select_from(table("event_search"))
        .where(literal_column("event_search").op("MATCH")(_fts_query(query)))
    ).scalar()
    return np.fromstring(packed, dtype=np.int64, sep=",") if packed else np.empty(0, dtype=np.int64)


def matches(query: str, *, many: bool) -> ColumnElement[bool]:
    """Reports whose indexed words contain every word of ``query`` as a prefix.

    With ``many`` matches the rowid test is written ``+rowid`` so SQLite walks the
    newest-first index and stops after one page; with few it fetches the matches by rowid.
    """
    rowid = literal_column("+event_reports.rowid" if many else "event_reports.rowid")
    return rowid.in_(_matching(query))


def _fts_query(query: str) -> str:
    return " ".join(f'"{word}"*' for word in words(query)) or '""'


def _matching(query: str) -> Select[Any]:
    return (
        select(literal_column("rowid"))
        .select_from(table("event_search"))
        .where(literal_column("event_search").op("MATCH")(_fts_query(query)))
    )


def like(query: str) -> ColumnElement[bool]:
    """Portable fallback: every word occurs (as a substring) in one of the searched fields."""
    r = event_reports.c
    fields = (
        r.actor_text, r.actor_name, r.target_text, r.target_name, r.location_name,
        r.record["trigger"]["text"].as_string(), r.record["sentence"]["text"].as_string(),
    )
    found = [or_(*(func.lower(f).contains(word, autoescape=True) for f in fields)) for word in words(query)]
    return and_(*found) if found else true()
