"""Filtered counts (``/api/stats``) from in-memory columns of the event facets.

Counting over SQL means reading one row per matching event for each of the seven
counts; over a large slice (a type filter matches ~45% of a million events) that is
seconds. Instead ``Facets`` keeps one compact column per facet (event type, country,
claim status, first and last day, coordinates, document, actor and target ids, and the
lowercased actor/target names and texts the actor filter compares), dictionary-encoded
as numpy arrays aligned by SQLite rowid: about 70 bytes per event. A filter becomes a
boolean mask and every count a ``bincount`` over the masked codes.

Filters mean exactly what the SQL filters mean (``browse.event_conditions``): the free
text filter asks the full-text index for the matching rowids. The columns are loaded
once (a million events take a few seconds) and then extended with the rows added since,
whenever the database version changes; a removed row makes them reload. SQLite only:
elsewhere ``Browser`` counts in SQL.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Hashable, Iterable, Sequence

import numpy as np
from sqlalchemy import Connection

from . import search
from .queries import _actor_ids_named

if TYPE_CHECKING:
    from .browse import BrowseFilter

_BATCH = 100_000
NO_START = np.iinfo(np.int32).max  # a NULL date_start: never <= until, never a day
_NO_LAST = np.iinfo(np.int32).min  # NULL date_end and date_start: never >= since
_CODED = ("event_type", "country", "claim_status", "document_id", "actor_id", "target_id",
          "actor_name", "actor_text", "target_name", "target_text")
# Which vocabulary each coded column uses: ids and names are shared between actor and target.
_VOCAB = {"actor_id": "ids", "target_id": "ids", "actor_name": "names", "actor_text": "names",
          "target_name": "names", "target_text": "names"}
_LOAD_SQL = (
    "SELECT rowid, event_type, country, claim_status, document_id, actor_id, target_id, "
    "lower(actor_name), lower(actor_text), lower(target_name), lower(target_text), "
    "date_start, date_end, lat, lon FROM event_reports WHERE rowid > ? ORDER BY rowid"
)


class Vocab:
    """Values <-> integer codes, append-only (codes stay valid as values are added)."""

    def __init__(self) -> None:
        self.codes: dict[Hashable, int] = {}
        self.values: list[Any] = []

    def encode(self, column: Sequence[Any]) -> np.ndarray:
        for value in sorted(set(column).difference(self.codes), key=repr):  # new values, in a stable order
            self.codes[value] = len(self.values)
            self.values.append(value)
        return np.fromiter(map(self.codes.__getitem__, column), dtype=np.int32, count=len(column))

    def code(self, value: Any) -> int:
        """The code of ``value``; -1 (matches nothing) when it never occurs."""
        return self.codes.get(value, -1)


@dataclass(frozen=True)
class Columns:
    """One snapshot of the facet columns; ``rowid`` ascends."""

    vocab: dict[str, Vocab]  # the vocabularies the codes index (shared by later snapshots)
    rowid: np.ndarray
    coded: dict[str, np.ndarray]
    start: np.ndarray  # date_start as a day ordinal, NO_START when NULL
    last: np.ndarray  # coalesce(date_end, date_start) as a day ordinal, _NO_LAST when NULL
    lat: np.ndarray
    lon: np.ndarray

    def __len__(self) -> int:
        return len(self.rowid)


class Facets:
    """The facet columns of one SQLite database, kept in step with its version."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._version: Any = None
        self._columns: Columns | None = None
        self.vocab: dict[str, Vocab] = {}
        self._reset()

    def _reset(self) -> None:
        self.vocab = {name: Vocab() for name in ("event_type", "country", "claim_status", "document_id",
                                                 "ids", "names", "days")}

    def columns(self, conn: Connection, version: Any) -> Columns:
        """The columns as of ``version`` (loading or extending them first if needed)."""
        with self._lock:
            if self._columns is None or version != self._version:
                self._columns = self._refresh(conn, self._columns)
                self._version = version
            return self._columns

    def loaded(self, conn: Connection, version: Any) -> Columns | None:
        """The columns as of ``version`` if they are loaded and nobody is loading them now
        (extending them by the few rows stored since); else None, without waiting."""
        if self._columns is None or not self._lock.acquire(blocking=False):
            return None
        try:
            return self.columns(conn, version) if self._columns is not None else None
        finally:
            self._lock.release()

    def _refresh(self, conn: Connection, old: Columns | None) -> Columns:
        after = int(old.rowid[-1]) if old is not None and len(old) else 0
        new = self._load(conn, after)
        merged = new if old is None else _concat(old, new)
        total = conn.exec_driver_sql("SELECT count(*) FROM event_reports").scalar_one()
        if total != len(merged):  # rows were removed (or rewritten): start over
            self._reset()
            return self._load(conn, 0)
        return merged

    def _load(self, conn: Connection, after: int) -> Columns:
        cursor = conn.connection.dbapi_connection.cursor()  # plain tuples: a million rows load faster
        try:
            cursor.execute(_LOAD_SQL, (after,))
            parts = [self._encode(batch) for batch in iter(lambda: cursor.fetchmany(_BATCH), [])]
        finally:
            cursor.close()
        return _concat_all(parts) if parts else self._encode([])

    def _encode(self, rows: Sequence[Sequence[Any]]) -> Columns:
        cols = list(zip(*rows)) if rows else [()] * 15
        coded = {name: self.vocab[_VOCAB.get(name, name)].encode(cols[i + 1]) for i, name in enumerate(_CODED)}
        first, final = self.vocab["days"].encode(cols[11]), self.vocab["days"].encode(cols[12])
        as_start, as_last = self._day_ordinals()
        end = as_last[final]
        return Columns(
            vocab=self.vocab, rowid=np.array(cols[0], dtype=np.int64), coded=coded, start=as_start[first],
            last=np.where(end == _NO_LAST, as_last[first], end),
            lat=np.array(cols[13], dtype=np.float64), lon=np.array(cols[14], dtype=np.float64),
        )

    def _day_ordinals(self) -> tuple[np.ndarray, np.ndarray]:
        """Day code -> ordinal, with NULL as NO_START (first) and _NO_LAST (second)."""
        values = self.vocab["days"].values
        ordinals = [_ordinal(v) for v in values]
        as_start = np.array([NO_START if o is None else o for o in ordinals], dtype=np.int32)
        as_last = np.array([_NO_LAST if o is None else o for o in ordinals], dtype=np.int32)
        return as_start, as_last

    # -- filters and counts ----------------------------------------------------------

    def mask(self, conn: Connection, cols: Columns, filt: "BrowseFilter",
             matched: np.ndarray | None = None) -> np.ndarray | None:
        """Which rows match ``filt``; None when it has no criteria. ``matched`` holds the
        rowids matching its free text (``search.rowids``)."""
        terms: list[np.ndarray] = []
        for name, value in (("event_type", filt.event_type and filt.event_type.upper()),
                            ("country", filt.country and filt.country.upper()),
                            ("claim_status", filt.claim_status and filt.claim_status.lower())):
            if value:  # normalised as queries.conditions does
                terms.append(cols.coded[name] == cols.vocab[name].code(value))
        if filt.since:
            terms.append(cols.last >= filt.since.toordinal())
        if filt.until:
            terms.append(cols.start <= filt.until.toordinal())
        if filt.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = filt.bbox
            terms += [cols.lon >= min_lon, cols.lon <= max_lon, cols.lat >= min_lat, cols.lat <= max_lat]
        if filt.actor and filt.actor.strip():
            terms.append(self._actor_mask(conn, cols, filt.actor.strip().lower()))
        if filt.text and filt.text.strip():
            terms.append(_rowid_mask(cols, search.rowids(conn, filt.text) if matched is None else matched))
        if not terms:
            return None
        found = terms[0]
        for term in terms[1:]:
            found = found & term
        return found

    def _actor_mask(self, conn: Connection, cols: Columns, needle: str) -> np.ndarray:
        """``queries.actor_match``: the actor or target by id, name, text or known alias."""
        known = set(conn.execute(_actor_ids_named(needle)).scalars())
        ids = [code for code, value in enumerate(cols.vocab["ids"].values)
               if value is not None and (value in known or _sql_lower(value) == needle)]
        found = np.isin(cols.coded["actor_id"], ids) | np.isin(cols.coded["target_id"], ids)
        name = cols.vocab["names"].code(needle)
        for column in ("actor_name", "actor_text", "target_name", "target_text"):
            found |= cols.coded[column] == name
        return found

    def counts(self, cols: Columns, mask: np.ndarray | None) -> dict[str, Any]:
        """events, by_type, by_country, by_claim, by_day, and (with a mask) documents and
        actors: the distinct documents and actor/target ids of the matching rows."""
        rows = None if mask is None else np.flatnonzero(mask)
        pick = (lambda a: a) if rows is None else (lambda a: a.take(rows))
        kinds = pick(cols.coded["event_type"])
        found: dict[str, Any] = {
            "events": int(len(kinds)),
            "by_type": _by(cols.vocab["event_type"], kinds),
            "by_country": _by(cols.vocab["country"], pick(cols.coded["country"])),
            "by_claim": _by(cols.vocab["claim_status"], pick(cols.coded["claim_status"])),
            "by_day": _by_day(cols.vocab["event_type"], pick(cols.start), kinds),
        }
        if rows is not None:
            found["documents"] = _distinct(pick(cols.coded["document_id"]), len(cols.vocab["document_id"].values))
            named = np.concatenate([pick(cols.coded["actor_id"]), pick(cols.coded["target_id"])])
            found["actors"] = _distinct(named, len(cols.vocab["ids"].values), skip=cols.vocab["ids"].code(None))
        return found


def _by(vocab: Vocab, codes: np.ndarray) -> dict[str, int]:
    """{value: n} without NULL, largest first then by value (as ``queries.count_by``)."""
    values = vocab.values
    counts = np.bincount(codes, minlength=len(values))
    pairs = [(values[c], int(counts[c])) for c in np.flatnonzero(counts) if values[c] is not None]
    return dict(sorted(pairs, key=lambda p: (-p[1], p[0])))


_EPOCH = date(1970, 1, 1).toordinal()


def _by_day(types: Vocab, start: np.ndarray, kinds: np.ndarray) -> list[dict[str, Any]]:
    """[{date, type, count}] by date_start then type name, undated events left out."""
    dated = start != NO_START
    start, kinds = start[dated], kinds[dated]
    if not len(start):
        return []
    names = types.values[: int(kinds.max()) + 1]
    order = sorted(range(len(names)), key=lambda code: str(names[code]))
    rank = np.empty(len(names), dtype=np.int64)
    rank[order] = np.arange(len(names))
    first, width = int(start.min()), len(names)
    span = (int(start.max()) - first + 1) * width
    keys = (start - first).astype(np.int64) * width + rank[kinds]
    if span <= 1 << 24:
        counts = np.bincount(keys, minlength=span)
        keys = np.flatnonzero(counts)
        counts = counts[keys]
    else:
        keys, counts = np.unique(keys, return_counts=True)
    days = np.datetime_as_string((keys // width + first - _EPOCH).astype("datetime64[D]")).tolist()
    kind_names = [names[order[r]] for r in (keys % width).tolist()]
    return [{"date": d, "type": k, "count": n} for d, k, n in zip(days, kind_names, counts.tolist())]


def newest(cols: Columns, rows: np.ndarray, want: int) -> np.ndarray:
    """Rowids of the dated ``rows`` (a mask) that can be among the ``want`` newest: those on
    or after the day of the ``want``-th newest (ties included; SQL orders them by id)."""
    found = np.flatnonzero(rows)
    if len(found) > want:
        starts = cols.start[found]
        threshold = np.partition(starts, len(found) - want)[len(found) - want]
        found = found[starts >= threshold]
    return cols.rowid[found]


def _ordinal(value: Any) -> int | None:
    if value is None:
        return None
    return (value if isinstance(value, date) else date.fromisoformat(str(value)[:10])).toordinal()


def _sql_lower(text: str) -> str:
    """SQLite's lower(): ASCII letters only."""
    return "".join(c.lower() if c.isascii() else c for c in text)


def _rowid_mask(cols: Columns, rowids: np.ndarray) -> np.ndarray:
    """True at the rows whose rowid is in ``rowids``."""
    found = np.zeros(len(cols), dtype=bool)
    if not len(rowids) or not len(cols):
        return found
    first = int(cols.rowid[0])
    if int(cols.rowid[-1]) - first + 1 == len(cols):  # no gaps: a rowid's row is rowid - first
        at = rowids - first
        found[at[(at >= 0) & (at < len(cols))]] = True
        return found
    at = np.searchsorted(cols.rowid, rowids)
    inside = at < len(cols)
    at, rowids = at[inside], rowids[inside]
    found[at[cols.rowid[at] == rowids]] = True
    return found


def _distinct(codes: np.ndarray, size: int, skip: int = -1) -> int:
    seen = np.zeros(max(size, 1), dtype=bool)
    seen[codes] = True
    if skip >= 0:
        seen[skip] = False
    return int(seen.sum())


def _concat(old: Columns, new: Columns) -> Columns:
    return _concat_all([old, new])


def _concat_all(parts: Iterable[Columns]) -> Columns:
    parts = list(parts)
    join = np.concatenate
    return Columns(
        vocab=parts[-1].vocab, rowid=join([p.rowid for p in parts]),
        coded={name: join([p.coded[name] for p in parts]) for name in _CODED},
        start=join([p.start for p in parts]), last=join([p.last for p in parts]),
        lat=join([p.lat for p in parts]), lon=join([p.lon for p in parts]),
    )

