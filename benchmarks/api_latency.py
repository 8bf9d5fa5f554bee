"""Latency of the HTTP API over 1,000,000 synthetic events in SQLite.

    .venv/bin/python benchmarks/api_latency.py                  # build /tmp/sitroom-bench-1m.db, measure
    .venv/bin/python benchmarks/api_latency.py --events 200000 --db /tmp/small.db
    .venv/bin/python benchmarks/api_latency.py --url http://127.0.0.1:8000   # a started `sitroom serve`

Step 1 writes synthetic event rows (records shaped like real ones: actors from the
shipped knowledge base, places in the region, three years of dates, 5% undated) straight
into a new SQLite file with one bulk insert, then opens it the way the API does (browse
indexes and the full-text index are built then). Step 2 sends filtered ``/api/events``
pages (type, country, date range, bbox, actor, free text, a mix, deep cursor pages) and
``/api/stats`` requests through the app in-process (FastAPI TestClient, full ASGI stack)
or to a running server, and prints p50/p95 per mix against the targets (50 ms for a
page, 200 ms for stats). In-process, the answers and free-text matches the server keeps
are dropped before every stats request and every "first use" one, so those mixes
measure the uncached work; the app's facet columns (loaded once at startup) are kept.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

import httpx

from sitroom.knowledge.actors import ActorKB
from sitroom.records import CLAIM_STATUSES
from sitroom.settings import Options
from sitroom.store import Store
from sitroom.store.browse import Browser
from sitroom.store.schema import documents, event_reports

TARGET_MS = 50.0  # a filtered page of events
STATS_TARGET_MS = 200.0  # filtered counts for the timeline (/api/stats)
FIRST_DAY = date(2022, 1, 1)
DAYS = 3 * 365
EVENTS_PER_DOCUMENT = 5

# (name, lat, lon, ISO3): places the synthetic events happen at (coordinates jittered).
PLACES = [
    ("Sanaa", 15.35, 44.21, "YEM"), ("Hodeidah", 14.80, 42.95, "YEM"), ("Marib", 15.46, 45.32, "YEM"),
    ("Aden", 12.78, 45.04, "YEM"), ("Baghdad", 33.31, 44.36, "IRQ"), ("Erbil", 36.19, 44.01, "IRQ"),
    ("Ain al-Asad", 33.80, 42.44, "IRQ"), ("Kirkuk", 35.47, 44.39, "IRQ"), ("Mosul", 36.34, 43.13, "IRQ"),
    ("Damascus", 33.51, 36.29, "SYR"), ("Deir ez-Zor", 35.34, 40.14, "SYR"), ("al-Tanf", 33.50, 38.66, "SYR"),
    ("Aleppo", 36.20, 37.13, "SYR"), ("Idlib", 35.93, 36.63, "SYR"), ("Beirut", 33.89, 35.50, "LBN"),
    ("Nabatieh", 33.38, 35.48, "LBN"), ("Tyre", 33.27, 35.20, "LBN"), ("Baalbek", 34.01, 36.21, "LBN"),
    ("Eilat", 29.56, 34.95, "ISR"), ("Metula", 33.28, 35.58, "ISR"), ("Haifa", 32.79, 34.99, "ISR"),
    ("Gaza City", 31.50, 34.47, "PSE"), ("Rafah", 31.30, 34.25, "PSE"), ("Tehran", 35.69, 51.39, "IRN"),
    ("Isfahan", 32.65, 51.67, "IRN"), ("Tower 22", 33.32, 38.69, "JOR"), ("Amman", 31.95, 35.93, "JOR"),
]
TYPES = [("ASSAULT", 45), ("THREATEN", 8), ("ACCUSE", 8), ("CONSULT", 6), ("COERCE", 5), ("MOBILIZE", 4),
         ("PROTEST", 4), ("SANCTION", 3), ("AGREE", 3), ("REJECT", 3), ("REQUEST", 3), ("SUPPORT", 2),
         ("COOPERATE", 2), ("AID", 2), ("RETREAT", 1), ("CONCEDE", 1)]
MODES = ["drone", "aerial", "heavy-weapons", "firearms", "explosives", None]
WEAPONS = ["drone", "ballistic missile", "rocket", "cruise missile", "artillery", "mortar", "roadside bomb"]
VERBS = {"ASSAULT": "struck", "THREATEN": "threatened", "ACCUSE": "accused", "CONSULT": "met"}
SAYERS = ["a military spokesman said", "local officials said", "the group said in a statement",
          "a monitoring group reported", "state media reported", "residents told reporters"]
SEARCH_WORDS = ["drone", "missile", "Hodeidah", "convoy", "statement", "Baghdad", "artillery", "Nabatieh"]


# -- generation ------------------------------------------------------------------------


@dataclass(frozen=True)
class World:
    actors: list[tuple[str, str, str, str | None]]  # id, name, kind, country


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _span(sentence: str, offset: int, word: str) -> dict[str, Any]:
    at = sentence.find(word)
    return {"start": offset + at, "end": offset + at + len(word), "text": word}


def _record(rng: random.Random, world: World, event_id: str, doc: dict[str, Any],
            offset: int) -> tuple[dict[str, Any], str]:
    """One synthetic record (contract field names) and its sentence."""
    kind = _weighted(rng, TYPES)
    actor, target = rng.sample(world.actors, 2)
    name, lat, lon, country = rng.choice(PLACES)
    lat, lon = lat + rng.uniform(-0.3, 0.3), lon + rng.uniform(-0.3, 0.3)
    weapon = rng.choice(WEAPONS)
    day = None if rng.random() < 0.05 else FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    verb = VERBS.get(kind, "acted against")
    sentence = (f"{actor[1]} {verb} {target[1]} with a {weapon} near {name} on "
                f"{day.strftime('%A') if day else 'that day'}, {rng.choice(SAYERS)}. ")
    status = rng.choice(CLAIM_STATUSES)
    fatalities = rng.choice([None, None, 0, 1, 2, 3, 5, [3, 5]])
    record = {
        "id": event_id, "document": doc, "event_type": kind, "mode": rng.choice(MODES) if kind == "ASSAULT" else None,
        "acled_event_type": "Explosions/Remote violence" if kind == "ASSAULT" else "Strategic developments",
        "acled_sub_event_type": "Air/drone strike" if kind == "ASSAULT" else "Other",
        "actor": {"text": actor[1], "id": actor[0], "name": actor[1], "kind": actor[2], "country": actor[3], "backers": []},
        "target": {"text": target[1], "id": target[0], "name": target[1], "kind": target[2], "country": target[3], "backers": []},
        "location": {"text": name, "name": name, "lat": round(lat, 4), "lon": round(lon, 4), "country": country,
                     "admin1": None, "precision": "town", "gazetteer_id": f"synthetic:{name}"},
        "date": {"start": day.isoformat() if day else None, "end": day.isoformat() if day else None,
                 "precision": "day" if day else "unknown", "text": day.strftime("%A") if day else None},
        "weapons": [weapon], "outcome": None, "intercepted_by": None, "fatalities": fatalities, "injured": None,
        "claim": {"status": status, "claimed_by": None, "sources": ["synthetic wire"]},
        "modality": {"negated": False, "hypothetical": False, "future": False},
        "confidence": round(rng.uniform(0.3, 0.95), 3),
        "trigger": _span(sentence, offset, verb), "sentence": {"start": offset, "end": offset + len(sentence), "text": sentence},
        "evidence": {"actor": _span(sentence, offset, actor[1]), "target": _span(sentence, offset, target[1]),
                     "location": _span(sentence, offset, name), "weapons": _span(sentence, offset, weapon)},
    }
    return record, sentence


def _event_row(record: dict[str, Any]) -> tuple[Any, ...]:
    a, t, loc, d = record["actor"], record["target"], record["location"], record["date"]
    deaths = record["fatalities"]
    low, high = deaths if isinstance(deaths, list) else (deaths, deaths)
    return (record["id"], record["document"]["id"], record["event_type"], record["mode"], record["acled_event_type"],
            record["acled_sub_event_type"], a["text"], a["id"], a["name"], t["text"], t["id"], t["name"],
            loc["name"], loc["lat"], loc["lon"], loc["country"], None, loc["precision"], d["start"], d["end"],
            d["precision"], record["claim"]["status"], low, high, None, None, record["confidence"], 0, 0, 0,
            json.dumps(record))


EVENT_COLUMNS = [c.name for c in event_reports.columns]
DOCUMENT_COLUMNS = [c.name for c in documents.columns]


def _batches(rng: random.Random, world: World, n_events: int, size: int = 5000) -> Iterator[tuple[list, list]]:
    docs: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
    for number in range(0, n_events, EVENTS_PER_DOCUMENT):
        doc_id = f"doc-{number // EVENTS_PER_DOCUMENT:016x}"
        doc = {"id": doc_id, "source_id": f"synthetic:{number}", "url": None,
               "title": f"Synthetic report {number // EVENTS_PER_DOCUMENT}", "outlet": "synthetic", "published": None}
        text, offset = "", 0
        for k in range(min(EVENTS_PER_DOCUMENT, n_events - number)):
            record, sentence = _record(rng, world, f"ev-{number + k:016x}", doc, offset)
            events.append(_event_row(record))
            text += sentence
            offset += len(sentence)
        docs.append((doc_id, doc["source_id"], None, doc["title"], "synthetic", None, None, "[]", None, text, now))
        if len(events) >= size:
            yield docs, events
            docs, events = [], []
    if events:
        yield docs, events


def build(path: Path, n_events: int, seed: int) -> None:
    """A new SQLite file with ``n_events`` synthetic reports (indexes built afterwards)."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    kb = ActorKB.load(Options.load())
    with Store.open(f"sqlite:///{path}") as store:
        store.sync_knowledge(kb.actors.values(), kb.relations)
    world = World(_stored_actors(path))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='event_reports' "
                                "AND sql IS NOT NULL").fetchall():
        conn.execute(f'DROP INDEX "{name}"')
    event_sql = f"INSERT INTO event_reports ({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(EVENT_COLUMNS))})"
    doc_sql = f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) VALUES ({', '.join('?' * len(DOCUMENT_COLUMNS))})"
    rng = random.Random(seed)
    with conn:
        for docs, events in _batches(rng, world, n_events):
            conn.executemany(doc_sql, docs)
            conn.executemany(event_sql, events)
    conn.close()


# -- measurement -----------------------------------------------------------------------


def _mixes(rng: random.Random, actors: list[tuple[str, str, str, str | None]]) -> dict[str, Callable[[], tuple[str, dict[str, Any]]]]:
    types = [t for t, _ in TYPES]
    countries = sorted({p[3] for p in PLACES})

    def since_until(days: int) -> dict[str, str]:
        start = FIRST_DAY + timedelta(days=rng.randrange(DAYS - days))
        return {"since": start.isoformat(), "until": (start + timedelta(days=days)).isoformat()}

    def bbox() -> dict[str, str]:
        _, lat, lon, _ = rng.choice(PLACES)
        return {"bbox": f"{lon - 1.5},{lat - 1.5},{lon + 1.5},{lat + 1.5}"}

    events, stats = "/api/events", "/api/stats"
    claims = list(CLAIM_STATUSES)
    return {
        "events, no filter": lambda: (events, {}),
        "events, type": lambda: (events, {"type": rng.choice(types)}),
        "events, country": lambda: (events, {"country": rng.choice(countries)}),
        "events, 30-day range": lambda: (events, since_until(30)),
        "events, bbox 3x3 deg": lambda: (events, bbox()),
        "events, actor": lambda: (events, {"actor": rng.choice(actors)[1]}),
        "events, q (one word)": lambda: (events, {"q": rng.choice(SEARCH_WORDS)}),
        "events, type+country+range": lambda: (events, {"type": rng.choice(types[:4]), "country": rng.choice(countries),
                                                        **since_until(90)}),
        "events, bbox with no events": lambda: (events, {"bbox": "-40,0,-37,3"}),
        "events, since after the last event": lambda: (events, {"since": "2030-01-01"}),
        "events, actor+claim+bbox": lambda: (events, {"actor": rng.choice(actors)[1], "claim": rng.choice(claims),
                                                      **bbox()}),
        "events, geojson type": lambda: (events, {"type": rng.choice(types), "format": "geojson", "limit": 500}),
        "stats, no filter": lambda: (stats, {}),
        "stats, type": lambda: (stats, {"type": rng.choice(types[:4])}),
        "stats, country": lambda: (stats, {"country": rng.choice(countries)}),
        "stats, type+90-day range": lambda: (stats, {"type": rng.choice(types[:4]), **since_until(90)}),
        "stats, claim+country": lambda: (stats, {"claim": rng.choice(claims), "country": rng.choice(countries)}),
        "stats, bbox 3x3 deg": lambda: (stats, bbox()),
        "stats, actor": lambda: (stats, {"actor": rng.choice(actors)[1]}),
        "stats, q (one word)": lambda: (stats, {"q": rng.choice(SEARCH_WORDS)}),
    }


def _timed(client: Any, path: str, params: dict[str, Any],
           before: Callable[[], None] | None = None) -> tuple[float, dict[str, Any]]:
    if before is not None:
        before()
    start = time.perf_counter()
    response = client.get(path, params=params)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"error: {path} {params}: HTTP {response.status_code}: {response.text[:200]}")
    return elapsed, response.json()


def _deep_pages(client: Any, rng: random.Random, types: list[str], runs: int) -> list[float]:
    """Follow next_cursor 10 pages deep; the timings of pages 2..10."""
    times: list[float] = []
    for _ in range(runs):
        params: dict[str, Any] = {"type": rng.choice(types)}
        for page in range(10):
            elapsed, body = _timed(client, "/api/events", params)
            if page:
                times.append(elapsed)
            if not body["next_cursor"]:
                break
            params["cursor"] = body["next_cursor"]
    return times


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def measure(client: Any, actors: list[tuple[str, str, str, str | None]], runs: int, seed: int,
            forget: Callable[[], None] | None = None) -> list[tuple[str, list[float]]]:
    """Timings per mix. With ``forget`` (in-process), stats answers and free-text matches
    kept by the server are dropped before every stats request and every "first use" one."""
    rng = random.Random(seed)
    results = []
    for name, make in _mixes(rng, actors).items():
        _timed(client, *make())  # warm-up
        uncached = forget is not None and name.startswith("stats")
        results.append((name + (" (uncached)" if uncached else ""),
                        [_timed(client, *make(), before=forget if uncached else None)[0] for _ in range(runs)]))
        if forget is not None and name == "events, q (one word)":
            first = [_timed(client, *make(), before=forget)[0] for _ in range(runs)]
            results.append(("events, q, first use (uncached)", first))
    results.append(("events, cursor pages 2-10", _deep_pages(client, rng, [t for t, _ in TYPES[:6]], max(runs // 10, 3))))
    return results


def report(results: list[tuple[str, list[float]]]) -> None:
    print(f"\n{'request mix':38} {'n':>5} {'p50 ms':>8} {'p95 ms':>8}  target p95")
    for name, times in results:
        p50, p95 = statistics.median(times), _percentile(times, 95)
        target = STATS_TARGET_MS if name.startswith("stats") else TARGET_MS
        verdict = "ok" if p95 < target else "over"
        print(f"{name:38} {len(times):5d} {p50:8.1f} {p95:8.1f}  < {target:.0f} ms {verdict}")


def _stored_actors(db: Path) -> list[tuple[str, str, str, str | None]]:
    """The actors the synthetic events were drawn from, as stored in ``db``."""
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, name, kind, country FROM actors WHERE kind != 'person' ORDER BY id").fetchall()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/sitroom-bench-1m.db"), help="SQLite file to build or reuse")
    parser.add_argument("--events", type=int, default=1_000_000, help="synthetic events to generate")
    parser.add_argument("--reuse", action="store_true", help="measure an existing --db without rebuilding it")
    parser.add_argument("--runs", type=int, default=100, help="requests per mix")
    parser.add_argument("--url", help="measure a running `sitroom serve` at this URL (same --db) instead of in-process")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if not args.reuse:
        start = time.perf_counter()
        build(args.db, args.events, args.seed)
        print(f"generated {args.events:,} events into {args.db} in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    Browser.open(f"sqlite:///{args.db}").close()
    print(f"browse and full-text indexes ready in {time.perf_counter() - start:.1f} s")
    actors = _stored_actors(args.db)
    if args.url:
        with httpx.Client(base_url=args.url, timeout=60) as client:
            report(measure(client, actors, args.runs, args.seed))
        return 0
    from fastapi.testclient import TestClient

    from sitroom.api import create_app

    start = time.perf_counter()
    with TestClient(create_app(Options.load({"db": str(args.db)}))) as client:
        browser = client.app.state.browser
        browser.warm()  # waits for the load the app started in the background
        print(f"app started, facet columns loaded in {time.perf_counter() - start:.1f} s")
        report(measure(client, actors, args.runs, args.seed, forget=browser.forget))
    return 0


if __name__ == "__main__":
    sys.exit(main())
