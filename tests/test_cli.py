"""End-to-end tests of the ``sitroom`` command, run in-process with click's CliRunner.

Real spaCy model, real temporary SQLite files, real local HTTP server (tests/conftest.py).
One module-scoped ingest of a mixed batch (good and bad inputs) feeds most tests; the
tests that need a database of their own build it under their tmp_path.
"""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner, Result

import sitroom.store.queries
from sitroom import export
from sitroom.cli import main
from sitroom.errors import NotFoundError, SitroomError
from sitroom.pipeline import Pipeline
from sitroom.settings import SETTINGS
from sitroom.store import Store

pytestmark = pytest.mark.slow

# -- inputs ------------------------------------------------------------------------------

RED_SEA = (
    "Houthi forces fired two anti-ship missiles at a commercial tanker in the Red Sea on Monday, "
    "the US military said.\n\nThe tanker was not damaged and no injuries were reported, "
    "US Central Command said in a statement.\n"
)
NABATIEH = (
    "Israeli aircraft struck a Hezbollah weapons depot near the southern Lebanese town of "
    "Nabatieh on Tuesday, killing three fighters, the Israeli military said.\n"
)
PALMYRA = (
    "Islamic State militants ambushed an army convoy near Palmyra in central Syria on Sunday, "
    "killing four soldiers, the Syrian Observatory for Human Rights said."
)
SANAA = "Thousands of people protested in Sanaa on Friday against US and British strikes on Yemen."
METULA_CP1252 = (
    "Hizbullah\u2019s fighters fired \u201cguided\u201d rockets at an Israeli army post near Metula "
    "on Wednesday, the group said in a statement.\n"
)
BINT_JBEIL_LATIN1 = (
    "Israeli drones struck a car outside a caf\u00e9 in the Lebanese town of Bint Jbeil on Thursday, "
    "killing two people, Lebanese security sources said.\n"
)
KFAR_KILA_UTF16 = (
    "Israeli shelling hit a caf\u00e9 in the Lebanese village of Kfar Kila on Tuesday, killing two "
    "people, Lebanon\u2019s state news agency said.\n"
)
STDIN_ARTICLE = (
    "Islamic State militants attacked a Syrian army checkpoint near Deir ez-Zor on Saturday, "
    "killing five soldiers, the Syrian Observatory for Human Rights said.\n"
)

PUBLISHED = "2024-01-10"  # a Wednesday: "Monday" is 2024-01-08, "Tuesday" 2024-01-09
MAX_BYTES = 2000
SUMMARY = re.compile(
    r"^documents read: (\d+), skipped as duplicates: (\d+), failed: (\d+), events stored: (\d+)$"
)
CONTRACT_KEYS = {
    "id", "document", "event_type", "mode", "acled_event_type", "acled_sub_event_type", "actor",
    "target", "location", "date", "weapons", "outcome", "fatalities", "injured", "claim",
    "modality", "confidence", "evidence",
}
NESTED_KEYS = {
    "document": {"id", "source_id", "url", "title", "outlet", "published"},
    "actor": {"text", "name", "kind", "country", "backers"},
    "target": {"text", "name", "kind", "country", "backers"},
    "location": {"text", "name", "lat", "lon", "country", "admin1", "precision"},
    "date": {"start", "end", "precision", "text"},
    "claim": {"status", "claimed_by", "sources"},
    "modality": {"negated", "hypothetical", "future"},
}


# -- helpers -----------------------------------------------------------------------------


def make_runner() -> CliRunner:
    """A runner with no SITROOM_* settings leaking in from the environment and a wide
    terminal, so rich does not wrap the sentence ``show`` prints."""
    env: dict[str, str | None] = {s.env: None for s in SETTINGS}
    env["COLUMNS"] = "250"
    return CliRunner(env=env)


def invoke(args: list[str], **kwargs: Any) -> Result:
    result = make_runner().invoke(main, args, catch_exceptions=False, **kwargs)
    return result


def summary_of(result: Result) -> tuple[int, int, int, int]:
    """(read, duplicates, failed, events) from the closing line on stdout."""
    last = result.stdout.strip().splitlines()[-1]
    match = SUMMARY.match(last)
    assert match, f"no closing summary line in {result.stdout!r}"
    return tuple(int(n) for n in match.groups())  # type: ignore[return-value]


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def events_json(db: Path, *args: str) -> list[dict[str, Any]]:
    result = invoke(["events", "--db", str(db), "--format", "json", "--limit", "0", *args])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def ids(events: list[dict[str, Any]]) -> set[str]:
    return {e["id"] for e in events}


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/article.html"


def db_counts(db: Path) -> dict[str, int]:
    """Row counts and dangling references, read with plain sqlite3."""
    with sqlite3.connect(db) as conn:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "events": one("SELECT count(*) FROM event_reports"),
            "orphan_events": one(
                "SELECT count(*) FROM event_reports WHERE document_id NOT IN (SELECT id FROM documents)"
            ),
            "orphan_sources": one(
                "SELECT count(*) FROM sources WHERE event_id NOT IN (SELECT id FROM event_reports)"
            ),
        }


def write(path: Path, data: str | bytes, encoding: str = "utf-8") -> str:
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return str(path)


# -- the mixed batch, ingested once ------------------------------------------------------


class Batch:
    def __init__(self, root: Path, server: str) -> None:
        self.root = root
        self.db = root / "batch.db"
        self.good1 = write(root / "red-sea.txt", RED_SEA)
        self.good2 = write(root / "nabatieh.txt", NABATIEH)
        self.good_url = server + "/plain.txt"
        self.jsonl = write(root / "wire.jsonl", "\n".join([
            json.dumps({"id": "wire-001", "title": "Ambush near Palmyra", "published": "2023-11-20",
                        "outlet": "Example Wire", "text": PALMYRA}),
            '{"id": "wire-bad", "text": "Gunmen attacked a checkpoint near Deraa on',
            json.dumps({"id": "wire-002", "title": "Protest in Sanaa", "published": "2024-01-06",
                        "url": "https://wire.example.org/sanaa-protest", "text": SANAA}),
        ]) + "\n")
        self.bad = {
            "empty": (write(root / "empty.txt", b""), "empty file"),
            "binary": (write(root / "scan.pdf", b"%PDF-1.4\n\x00\x01\x02\x03\xff\xfe\x00\x00" * 40),
                       "binary file"),
            "no_article": (write(root / "login.html",
                                 "<!DOCTYPE html><html><head><title>Login</title></head>"
                                 "<body><form><input name='user'></form></body></html>"),
                           "no article text found in the HTML page"),
            "too_big": (write(root / "long.txt", (RED_SEA.replace("Monday", "Sunday") + "\n") * 20),
                        "above the 2 kB limit"),
            "missing": (str(root / "not-there.txt"), "no such file or directory"),
            "unreachable": (closed_port_url(), "could not connect"),
            "http_404": (server + "/missing-article", "404"),
            "octet_stream": (server + "/file.bin", "content-type: application/octet-stream"),
            "bad_jsonl_line": (self.jsonl, "line 2: invalid JSON"),
        }
        self.good = [self.good1, self.good2, self.good_url]
        # bad and good inputs interleaved, the JSONL file (one bad line) in the middle
        bad = [source for source, _ in self.bad.values() if source != self.jsonl]
        self.sources = [bad[0], self.good1, *bad[1:4], self.jsonl, self.good2, *bad[4:], self.good_url]

    def ingest(self, db: Path, sources: list[str] | None = None) -> Result:
        return invoke(["ingest", *(sources or self.sources), "--db", str(db),
                       "--published", PUBLISHED, "--max-bytes", str(MAX_BYTES)])


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, server: str) -> Batch:
    return Batch(tmp_path_factory.mktemp("cli-batch"), server)


@pytest.fixture(scope="module")
def ingested(batch: Batch) -> Result:
    return batch.ingest(batch.db)


@pytest.fixture(scope="module")
def stored(batch: Batch, ingested: Result) -> list[dict[str, Any]]:
    """Every event of the batch database, via `sitroom events --format json --limit 0`."""
    return events_json(batch.db)


def by_source(events: list[dict[str, Any]], source_id: str) -> list[dict[str, Any]]:
    return [e for e in events if e["document"]["source_id"] == source_id]


# -- 1. one run, good and bad inputs -----------------------------------------------------


def test_mixed_batch_exit_status_and_errors(batch: Batch, ingested: Result) -> None:
    assert ingested.exit_code == 1, ingested.output
    errors = error_lines(ingested)
    assert len(errors) == len(batch.bad), errors
    for name, (source, reason) in batch.bad.items():
        naming = [line for line in errors if line.startswith(f"error: {source}: ")]
        assert len(naming) == 1, (name, errors)
        assert reason in naming[0], (name, naming[0])
    # good inputs are never reported
    for source in batch.good:
        assert not any(line.startswith(f"error: {source}:") for line in errors)
    assert "Traceback" not in ingested.output
    # the errors go to stderr, the summary to stdout
    assert "error:" not in ingested.stdout


def test_mixed_batch_stores_the_good_inputs(batch: Batch, ingested: Result,
                                            stored: list[dict[str, Any]]) -> None:
    sources = {e["document"]["source_id"] for e in stored}
    assert sources == {batch.good1, batch.good2, batch.good_url, "wire-001", "wire-002"}
    assert "wire-bad" not in sources

    red_sea = by_source(stored, batch.good1)
    assault = [e for e in red_sea if e["event_type"] == "ASSAULT"]
    assert assault, red_sea
    event = assault[0]
    assert event["actor"]["name"] == "Houthis"
    assert event["location"]["name"] == "Red Sea"
    assert event["date"]["start"] == "2024-01-08"  # "Monday", from --published 2024-01-10
    assert event["claim"]["status"] == "reported" and "US military" in event["claim"]["sources"]
    assert event["document"]["published"] == PUBLISHED

    palmyra = by_source(stored, "wire-001")
    assert palmyra and palmyra[0]["location"]["country"] == "SYR"
    assert palmyra[0]["document"]["published"] == "2023-11-20"  # the record's own date wins
    assert palmyra[0]["document"]["title"] == "Ambush near Palmyra"
    sanaa = by_source(stored, "wire-002")
    assert [e["event_type"] for e in sanaa] == ["PROTEST"]
    assert sanaa[0]["document"]["url"] == "https://wire.example.org/sanaa-protest"

    with Store.open(f"sqlite:///{batch.db}") as store:
        assert store.document(palmyra[0]["document"]["id"]).text == PALMYRA
        assert store.document(red_sea[0]["document"]["id"]).text.startswith("Houthi forces fired two")
        url_events = by_source(stored, batch.good_url)
        assert url_events
        assert "toward Eilat" in store.document(url_events[0]["document"]["id"]).text
        stats = store.stats()
    assert stats["documents"] == 5


def test_mixed_batch_summary_line(batch: Batch, ingested: Result,
                                  stored: list[dict[str, Any]]) -> None:
    assert summary_of(ingested) == (5, 0, len(batch.bad), len(stored))
    assert len(stored) >= 5
    counts = db_counts(batch.db)
    assert counts["events"] == len(stored)
    assert counts["orphan_events"] == counts["orphan_sources"] == 0


# -- 2. re-ingesting -----------------------------------------------------------------------


def test_reingest_is_idempotent(batch: Batch, stored: list[dict[str, Any]], tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    first = batch.ingest(db)
    assert first.exit_code == 1
    once = events_json(db)
    # same inputs, another database: the same content-derived event ids
    assert ids(once) == ids(stored)

    second = batch.ingest(db)
    assert second.exit_code == 1
    assert summary_of(second) == (5, 5, len(batch.bad), 0)
    twice = events_json(db)
    assert len(twice) == len(once)
    assert ids(twice) == ids(once)
    assert db_counts(db)["documents"] == 5

    # only good inputs, one of them twice and one a re-spaced copy: exit 0, all duplicates
    copy = write(tmp_path / "red-sea copy.txt", RED_SEA.replace(". ", ".  ").replace("\n\n", "\n\n\n"))
    good_only = batch.ingest(db, [*batch.good, batch.good1, copy])
    assert good_only.exit_code == 0, good_only.output
    assert error_lines(good_only) == []
    assert summary_of(good_only) == (5, 5, 0, 0)
    assert ids(events_json(db)) == ids(once)


# -- 3. encodings -------------------------------------------------------------------------


def test_encodings(tmp_path: Path) -> None:
    db = tmp_path / "enc.db"
    files = {
        write(tmp_path / "cp1252.txt", METULA_CP1252, "cp1252"): ("Hizbullah\u2019s", "\u201cguided\u201d"),
        write(tmp_path / "latin1.txt", BINT_JBEIL_LATIN1, "latin-1"): ("caf\u00e9 in the Lebanese",),
        write(tmp_path / "utf16.txt", KFAR_KILA_UTF16, "utf-16"): ("caf\u00e9", "Lebanon\u2019s state"),
    }
    assert Path(next(iter(files))).read_bytes().count(b"\x92") == 1  # really cp1252
    assert (tmp_path / "utf16.txt").read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    result = invoke(["ingest", *files, "--db", str(db), "--published", PUBLISHED])
    assert result.exit_code == 0, result.output
    read, duplicates, failed, n_events = summary_of(result)
    assert (read, duplicates, failed) == (3, 0, 0)

    found = events_json(db)
    assert len(found) == n_events
    originals = {
        str(tmp_path / "cp1252.txt"): METULA_CP1252,
        str(tmp_path / "latin1.txt"): BINT_JBEIL_LATIN1,
        str(tmp_path / "utf16.txt"): KFAR_KILA_UTF16,
    }
    with Store.open(f"sqlite:///{db}") as store:
        for source, expected in files.items():
            events = by_source(found, source)
            assert events, f"no events from {source}"
            text = store.document(events[0]["document"]["id"]).text
            for fragment in expected:
                assert fragment in text, (source, text)
            assert text == originals[source].strip()
            assert "\u00e2\u20ac" not in text and "\ufffd" not in text  # no mojibake
    metula = by_source(found, str(tmp_path / "cp1252.txt"))
    assert any(e["actor"] and e["actor"]["name"] == "Hizbullah" for e in metula), metula


# -- 4. a failure while storing ------------------------------------------------------------


@dataclass(frozen=True)
class PartialRun:
    """A database holding one ingested article, and two more articles to ingest: one
    that the test makes fail, and one that must be stored in full."""

    db: Path
    failing: str
    other: str
    before: list[dict[str, Any]]

    def ingest_both(self) -> Result:
        return invoke(["ingest", self.failing, self.other, "--db", str(self.db), "--published", PUBLISHED])


def partial_run(tmp_path: Path, first: str, failing: str, other: str) -> PartialRun:
    """Ingest the ``first`` article text alone; ``failing`` and ``other`` are written, not ingested."""
    db = tmp_path / "partial.db"
    first_path = write(tmp_path / "first.txt", first)
    assert invoke(["ingest", first_path, "--db", str(db), "--published", PUBLISHED]).exit_code == 0
    before = events_json(db)
    assert before
    return PartialRun(db, write(tmp_path / "failing.txt", failing), write(tmp_path / "other.txt", other), before)


def assert_only_the_failing_article_is_missing(run: PartialRun, result: Result) -> None:
    """Exit 1; the failing article counted as failed with nothing of it stored; the
    other article and everything stored before are all there, with no dangling rows."""
    assert result.exit_code == 1
    read, duplicates, failed, n_events = summary_of(result)
    assert (read, duplicates, failed) == (2, 0, 1)
    after = events_json(run.db)
    assert ids(run.before) <= ids(after)
    assert by_source(after, run.failing) == []
    assert len(by_source(after, run.other)) == n_events > 0
    assert len(after) == len(run.before) + n_events
    assert db_counts(run.db) == {"documents": 2, "events": len(after), "orphan_events": 0, "orphan_sources": 0}


def test_failure_in_extraction_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = partial_run(tmp_path, RED_SEA, failing=PALMYRA, other=NABATIEH)
    original = Pipeline.extract

    def extract(self: Pipeline, document: Any) -> Any:
        if "Palmyra" in document.text:
            raise SitroomError("the extractor broke on this document")
        return original(self, document)

    monkeypatch.setattr(Pipeline, "extract", extract)
    result = run.ingest_both()
    assert error_lines(result) == [f"error: {run.failing}: the extractor broke on this document"]
    assert_only_the_failing_article_is_missing(run, result)

    # nothing half-stored: once extraction works again the document is new, not a duplicate
    monkeypatch.setattr(Pipeline, "extract", original)
    retry = invoke(["ingest", run.failing, "--db", str(run.db), "--published", PUBLISHED])
    assert retry.exit_code == 0
    assert summary_of(retry)[:3] == (1, 0, 0)
    assert by_source(events_json(run.db), run.failing)


def test_failure_inside_the_store_transaction_is_rolled_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database itself refuses one document half-way through its transaction (a
    source row pointing at no event breaks the foreign key): its document and event rows,
    already inserted, must be rolled back; the other documents stay."""
    run = partial_run(tmp_path, NABATIEH, failing=RED_SEA, other=PALMYRA)
    source_rows = sitroom.store.queries.source_rows

    def broken_source_rows(report: Any) -> list[dict[str, str]]:
        if "Red Sea" in report.document.text:
            return [{"event_id": "ev-does-not-exist", "name": "US military"}]
        return source_rows(report)

    monkeypatch.setattr(sitroom.store.queries, "source_rows", broken_source_rows)
    result = run.ingest_both()
    errors = error_lines(result)
    assert len(errors) == 1 and errors[0].startswith(f"error: {run.failing}: cannot save document doc-")
    assert_only_the_failing_article_is_missing(run, result)


# -- 5. `sitroom events`: filters and formats ----------------------------------------------


FILTERS: list[tuple[list[str], Callable[[dict[str, Any]], bool]]] = [
    (["--type", "PROTEST"], lambda e: e["event_type"] == "PROTEST"),
    (["--type", "assault"], lambda e: e["event_type"] == "ASSAULT"),
    (["--country", "syr"], lambda e: bool(e["location"]) and e["location"]["country"] == "SYR"),
    (["--country", "LBN"], lambda e: bool(e["location"]) and e["location"]["country"] == "LBN"),
    (["--claim", "reported"], lambda e: e["claim"]["status"] == "reported"),
    (["--since", "2024-01-01"],
     lambda e: (e["date"]["end"] or e["date"]["start"] or "") >= "2024-01-01"),
    (["--until", "2023-12-31"], lambda e: e["date"]["start"] is not None and e["date"]["start"] <= "2023-12-31"),
    (["--since", "2024-01-06", "--until", "2024-01-08"],
     lambda e: e["date"]["start"] is not None and e["date"]["start"] <= "2024-01-08"
     and (e["date"]["end"] or e["date"]["start"]) >= "2024-01-06"),
]


@pytest.mark.parametrize(("args", "keep"), FILTERS, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_events_filters(batch: Batch, stored: list[dict[str, Any]], args: list[str],
                        keep: Callable[[dict[str, Any]], bool]) -> None:
    expected = {e["id"] for e in stored if keep(e)}
    assert expected, f"the batch has no event for {args}: the filter test would prove nothing"
    assert expected != ids(stored), f"every event matches {args}: the filter test would prove nothing"
    assert ids(events_json(batch.db, *args)) == expected


@pytest.mark.parametrize(("alias", "actor_id"), [("Ansar Allah", "houthis"), ("hezbollah", "hizbullah")])
def test_events_actor_alias(batch: Batch, stored: list[dict[str, Any]], alias: str, actor_id: str) -> None:
    def involves(e: dict[str, Any]) -> bool:
        return any(e[role] and e[role].get("id") == actor_id for role in ("actor", "target"))

    expected = {e["id"] for e in stored if involves(e)}
    assert expected and expected != ids(stored)
    assert ids(events_json(batch.db, "--actor", alias)) == expected


def test_events_anchored_filters(batch: Batch, stored: list[dict[str, Any]]) -> None:
    """Filters against what the articles say, not only against the stored fields."""
    houthis = events_json(batch.db, "--actor", "Ansar Allah")
    assert batch.good1 in {e["document"]["source_id"] for e in houthis}
    syria = events_json(batch.db, "--country", "SYR")
    assert {e["document"]["source_id"] for e in syria} == {"wire-001"}
    old = {e["document"]["source_id"] for e in events_json(batch.db, "--until", "2023-12-31")}
    # Palmyra (19 Nov 2023) is in; the dated January events are out (an undated sentence
    # may be kept: its range is the 30 days before publication)
    assert "wire-001" in old and not old & {batch.good1, batch.good2, "wire-002"}
    protest = events_json(batch.db, "--type", "PROTEST", "--country", "YEM")
    assert [e["document"]["source_id"] for e in protest] == ["wire-002"]
    assert events_json(batch.db, "--type", "PROTEST", "--country", "SYR") == []
    assert events_json(batch.db, "--actor", "no such group") == []


def test_events_limit_and_order(batch: Batch, stored: list[dict[str, Any]]) -> None:
    two = events_json(batch.db, "--limit", "2")
    assert [e["id"] for e in two] == [e["id"] for e in stored[:2]]
    starts = [e["date"]["start"] for e in stored if e["date"]["start"]]
    assert starts == sorted(starts, reverse=True)  # newest first
    result = invoke(["events", "--db", str(batch.db), "--limit", "-1"])
    assert result.exit_code == 2
    assert error_lines(result) == ["error: event filter: limit must be 0 or more, not -1"]


def test_format_json_contract(batch: Batch, stored: list[dict[str, Any]]) -> None:
    for event in stored:
        assert CONTRACT_KEYS <= set(event), CONTRACT_KEYS - set(event)
        for key, fields in NESTED_KEYS.items():
            if event[key] is not None:
                assert fields <= set(event[key]), (key, fields - set(event[key]))
        assert re.fullmatch(r"ev-[0-9a-f]+", event["id"]), event["id"]
        assert re.fullmatch(r"doc-[0-9a-f]{16}", event["document"]["id"])
        assert 0.0 <= event["confidence"] <= 1.0
        assert isinstance(event["weapons"], list) and isinstance(event["evidence"], dict)
    assert {"document", "date", "claim", "modality"} <= {k for e in stored for k in NESTED_KEYS if e[k]}
    assert any(e["actor"] for e in stored) and any(e["location"] for e in stored)
    # source_id: a JSONL record's id, a file's path as given, a URL's URL
    assert by_source(stored, "wire-001") and by_source(stored, batch.good2)
    assert by_source(stored, batch.good_url)


def test_format_jsonl(batch: Batch, stored: list[dict[str, Any]]) -> None:
    result = invoke(["events", "--db", str(batch.db), "--format", "jsonl", "--limit", "0"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(stored)
    assert [json.loads(line) for line in lines] == stored


def test_format_csv(batch: Batch, stored: list[dict[str, Any]]) -> None:
    result = invoke(["events", "--db", str(batch.db), "--format", "csv", "--limit", "0"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.stdout.splitlines()[0] == ",".join(export.CSV_COLUMNS)
    assert [row["id"] for row in rows] == [e["id"] for e in stored]
    by_id = {row["id"]: row for row in rows}
    for event in stored:
        row = by_id[event["id"]]
        assert row["event_type"] == event["event_type"]
        assert row["source_id"] == event["document"]["source_id"]
        assert row["event_date"] == (event["date"]["start"] or "")
        if event["location"] and event["location"]["lat"] is not None:
            assert float(row["latitude"]) == pytest.approx(event["location"]["lat"])
    red_sea = [by_id[e["id"]] for e in by_source(stored, batch.good1) if e["event_type"] == "ASSAULT"][0]
    assert (red_sea["actor"], red_sea["location"], red_sea["event_date"]) == ("Houthis", "Red Sea", "2024-01-08")
    assert "US military" in red_sea["sources"]
    assert red_sea["notes"].startswith("Houthi forces fired two anti-ship missiles")


def test_format_geojson(batch: Batch, stored: list[dict[str, Any]]) -> None:
    result = invoke(["events", "--db", str(batch.db), "--format", "geojson", "--limit", "0"])
    assert result.exit_code == 0
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["id"] for f in features] == [e["id"] for e in stored]
    points = 0
    for feature, event in zip(features, stored):
        assert feature["type"] == "Feature"
        assert feature["properties"]["id"] == event["id"]
        loc = event["location"]
        if loc and loc["lat"] is not None:
            points += 1
            assert feature["geometry"] == {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}
        else:
            assert feature["geometry"] is None
    assert points >= 3
    palmyra = next(f for f in features if f["properties"]["document"]["source_id"] == "wire-001"
                   and f["geometry"])
    lon, lat = palmyra["geometry"]["coordinates"]
    assert 37.5 < lon < 39.0 and 34.0 < lat < 35.0  # Palmyra, lon first


def test_format_table(batch: Batch, stored: list[dict[str, Any]]) -> None:
    result = invoke(["events", "--db", str(batch.db), "--limit", "0"])
    assert result.exit_code == 0
    assert f"{len(stored)} events" in result.stdout
    for event in stored:
        assert event["id"] in result.stdout
    assert "Houthis" in result.stdout and "Red Sea" in result.stdout


# -- 6. `sitroom show` ----------------------------------------------------------------------


def test_show(batch: Batch, stored: list[dict[str, Any]]) -> None:
    event = next(e for e in by_source(stored, batch.good1) if e["event_type"] == "ASSAULT")
    result = invoke(["show", event["id"], "--db", str(batch.db)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for line in ("event_type: ASSAULT", "actor: Houthis", "location: Red Sea",
                 "event_date: 2024-01-08", "claim_status: reported", f"source_id: {batch.good1}"):
        assert line in out.splitlines(), (line, out)
    flat = " ".join(out.split())
    assert "Houthi forces fired two anti-ship missiles at a commercial tanker in the Red Sea on Monday" in flat
    assert "event_type" in out.splitlines()[-1] and "actor" in out.splitlines()[-1]  # the legend


def test_show_unknown_id(batch: Batch, ingested: Result) -> None:
    result = invoke(["show", "ev-0000000000000000", "--db", str(batch.db)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: no event with id ev-0000000000000000")


def test_bad_database_path_is_one_line(tmp_path: Path) -> None:
    result = invoke(["events", "--db", str(tmp_path / "no-folder" / "x.db")])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot open database")


# -- 7. stdin --------------------------------------------------------------------------------


def test_ingest_stdin(tmp_path: Path) -> None:
    db = tmp_path / "stdin.db"
    result = invoke(["ingest", "-", "--db", str(db), "--published", "2024-01-15"],
                    input=STDIN_ARTICLE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    read, duplicates, failed, n_events = summary_of(result)
    assert (read, duplicates, failed) == (1, 0, 0) and n_events >= 1
    found = events_json(db)
    assert len(found) == n_events
    assert {e["document"]["source_id"] for e in found} == {"stdin"}
    assault = [e for e in found if e["event_type"] == "ASSAULT"]
    assert assault and assault[0]["date"]["start"] == "2024-01-13"  # Saturday before the 15th
    assert assault[0]["location"]["name"] == "Deir ez-Zor" and assault[0]["location"]["country"] == "SYR"
    assert assault[0]["actor"]["name"] == "Islamic State" and assault[0]["fatalities"] == 5
    with Store.open(f"sqlite:///{db}") as store:
        assert store.document(found[0]["document"]["id"]).text == STDIN_ARTICLE.strip()
        with pytest.raises(NotFoundError):
            store.document("doc-0000000000000000")

    empty = invoke(["ingest", "-", "--db", str(db)], input=b"  \n")
    assert empty.exit_code == 1
    assert error_lines(empty) == ["error: stdin: empty input"]
    assert summary_of(empty) == (0, 0, 1, 0)


# -- 8. demo -----------------------------------------------------------------------------------


def test_demo(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = invoke(["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "events by type and country" in result.stdout
    assert "10 newest events" in result.stdout
    read, _, failed, n_events = summary_of_demo(result)
    assert failed == 0 and read >= 30
    with Store.open(f"sqlite:///{db}") as store:
        stats = store.stats()
    assert stats["documents"] >= 30
    assert stats["events"] >= 40 and stats["events"] == n_events
    assert "ASSAULT" in result.stdout


def summary_of_demo(result: Result) -> tuple[int, int, int, int]:
    for line in result.stdout.splitlines():
        match = SUMMARY.match(line)
        if match:
            return tuple(int(n) for n in match.groups())  # type: ignore[return-value]
    raise AssertionError(f"no summary line in {result.stdout!r}")
