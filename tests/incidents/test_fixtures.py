"""Incidents from the real pipeline on tests/fixtures/incidents: three sets of articles
about one incident each (wire story, copies, official statement, group claim) with
distractors (same day other place, same place other week, a threat before the attack).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import main
from sitroom.incidents.score import score_incidents
from sitroom.ingest import read_sources
from sitroom.pipeline import Pipeline
from sitroom.records import Document
from sitroom.settings import Options
from sitroom.store import EventFilter, IncidentFilter, Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "incidents"
SETS = sorted(str(p) for p in FIXTURES.glob("*.jsonl"))
GOLD = json.loads((FIXTURES / "gold.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Options.load(environ={}))


@pytest.fixture(scope="module")
def db(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("incidents") / "fixtures.db"
    with Store.open(f"sqlite:///{path}") as store:
        summary = pipeline.ingest(SETS, store)
    assert summary.failed == 0 and summary.read == len(GOLD["documents"])
    return str(path)


@pytest.fixture(scope="module")
def extractions(pipeline: Pipeline) -> list:
    docs = [d for d in read_sources(SETS, pipeline.options) if isinstance(d, Document)]
    return [pipeline.extract(d) for d in docs]


def _partition(store: Store) -> dict[str, list[str]]:
    return {i.id: sorted(r.id for r in i.reports) for i in store.incidents(IncidentFilter(limit=None))}


def _incident_of_doc(store: Store, source_id: str):
    report = next(r for r in store.events(EventFilter(limit=None)) if r.document.source_id == source_id
                  and r.event_type == "ASSAULT" and r.date.precision == "day")
    return store.incident(store.incident_of(report.id))


def test_partition_matches_gold(db: str, pipeline: Pipeline):
    with Store.open(f"sqlite:///{db}") as store:
        reports = store.events(EventFilter(limit=None))
        scores = score_incidents(GOLD, reports, store.incident_ids([r.id for r in reports]), pipeline.resources.kb)
    assert scores.unmatched == 0
    assert (scores.precision, scores.recall) == (1.0, 1.0), scores


@pytest.mark.parametrize("seed", [None, 1, 2])
def test_same_incidents_and_ids_in_any_ingestion_order(db: str, pipeline: Pipeline, extractions: list,
                                                       tmp_path: Path, seed):
    ordered = list(reversed(extractions)) if seed is None else random.Random(seed).sample(extractions, len(extractions))
    with Store.open(f"sqlite:///{tmp_path / 'order.db'}") as store, Store.open(f"sqlite:///{db}") as reference:
        store.sync_knowledge(pipeline.resources.kb.actors.values(), pipeline.resources.kb.relations)
        for ex in ordered:
            assert store.save_document(ex.document, ex.reports, ex.relations)
        assert _partition(store) == _partition(reference)


def test_ids_are_stable_across_reingests(db: str, pipeline: Pipeline):
    with Store.open(f"sqlite:///{db}") as store:
        before = _partition(store)
        summary = pipeline.ingest(SETS, store)
        assert summary.duplicates == len(GOLD["documents"])
        assert _partition(store) == before


def test_near_duplicates_link_to_one_original_and_count_once(db: str):
    with Store.open(f"sqlite:///{db}") as store:
        docs = {r.document.source_id: r.document.id for r in store.events(EventFilter(limit=None))}
        for original, copies in GOLD["near_duplicates"].items():
            group = [original, *copies]
            roots = {(store.original_of(docs[d]) or (docs[d], 1.0))[0] for d in group}
            assert len(roots) == 1, group
        assert store.original_of(docs["tanf-pentagon"]) is None
        tanf = _incident_of_doc(store, "tanf-wire")
        assert (tanf.n_documents, tanf.n_sources, tanf.n_outlets) == (5, 3, 5)
        lantern = _incident_of_doc(store, "lantern-wire")
        assert (lantern.n_documents, lantern.n_sources, lantern.n_outlets) == (4, 3, 3)


def test_claims_and_disagreements_are_explicit(db: str):
    with Store.open(f"sqlite:///{db}") as store:
        shmona = _incident_of_doc(store, "shmona-wire")
        lantern = _incident_of_doc(store, "lantern-wire")
    assert shmona.claim.status == "confirmed"
    assert {a.status for a in shmona.claim.attributions} >= {"confirmed", "claimed"}
    assert "claimed by Hizbullah" in shmona.claim.summary
    fatalities = {d.field: [v for v, _ in d.values] for d in shmona.disagreements}["fatalities"]
    assert fatalities == [1, 2]
    assert {d.field: [v for v, _ in d.values] for d in lantern.disagreements}["fatalities"] == [2, 3]
    assert lantern.fatalities is not None and (lantern.fatalities.low, lantern.fatalities.high) == (2, 3)


def test_cli_lists_shows_and_exports_incidents(db: str):
    runner = CliRunner()
    listed = runner.invoke(main, ["incidents", "--db", db, "--min-sources", "3", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    found = json.loads(listed.stdout)
    assert len(found) == 3 and all(i["n_sources"] >= 3 for i in found)
    shown = runner.invoke(main, ["show", found[0]["id"], "--db", db])
    assert shown.exit_code == 0 and "disagreement" in shown.stdout and found[0]["id"] in shown.stdout
    csv = runner.invoke(main, ["events", "--db", db, "--format", "csv", "--limit", "0"])
    header, *rows = csv.stdout.splitlines()
    assert header.split(",")[1] == "incident_id" and all(row.split(",")[1].startswith("in-") for row in rows)
    missing = runner.invoke(main, ["show", "in-0000000000000000", "--db", db])
    assert missing.exit_code == 2 and "no incident with id in-0000000000000000" in missing.stderr
