"""Acceptance: the reference article, ingested as a user would, yields every core
event of the analyst's annotation (type, actor, target, date, place, claim status)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitroom.evaluate.match import best_match
from sitroom.pipeline import Pipeline
from sitroom.settings import Options
from sitroom.store import EventFilter, Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "seed-article.txt"
GOLD = SHARED / "seed" / "seed-gold.json"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SEED.exists(), reason=f"SKIPPED LOUDLY: seed article missing at {SEED}"),
]


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("seed") / "seed.db"
    options = Options.load({"db": str(db)}, environ={})
    pipeline = Pipeline(options)
    with Store.open(options.db_url) as store:
        summary = pipeline.ingest([str(SEED)], store, published=date(2023, 11, 10))
        reports = store.events(EventFilter(limit=None))
    return pipeline, summary, reports


def core_ids(gold: dict) -> list[str]:
    return [e["id"] for e in gold["events"] if e["core"]]


@pytest.mark.parametrize("event_id", ["S1", "S4", "S7", "S8a", "S8b", "S9", "S11"])
def test_core_event_found(seeded, gold, event_id):
    pipeline, _, reports = seeded
    assert event_id in core_ids(gold)
    event = next(e for e in gold["events"] if e["id"] == event_id)
    match = best_match(reports, event, pipeline.resources.kb)
    assert match is not None, f"{event_id}: no {event['type']} event at all"
    assert match.complete, f"{event_id}: fields not matched {[k for k, v in match.fields.items() if not v]} in {match.report.as_dict()}"


# Non-core events the pipeline does not yet get fully right, with the reason; strict, so a
# fix fails the test until its entry is removed and the list stays true.
NON_CORE_MISSES = {
    "S5": "a photo that 'purports to show' a militia leader at the border is no trigger",
    "S6": "'hinted that its proxies are ready to carry out \"preemptive action\"': 'ready to' + an attack is a threat now, but 'action' is no trigger, 'hint' no verb of saying, the threat's actor would be the proxies (not Iran) and the target (Israel) is not in the sentence",
    "S12": "'militia leaders traveled to Syria and Lebanon accompanied by armed men' is no trigger",
    "S13": "'urging its regional militias to enlist': the REQUEST 'urging' takes the urged militias as target, but the gold codes the urged enlisting as a factual MOBILIZE and 'its regional militias' does not name the Iraqi militias",
}


@pytest.mark.parametrize("event_id", [
    pytest.param(i, marks=[pytest.mark.xfail(strict=True, reason=NON_CORE_MISSES[i])] if i in NON_CORE_MISSES else [])
    for i in ["S2", "S3", "S5", "S6", "S10", "S12", "S13"]
])
def test_non_core_event_found(seeded, gold, event_id):
    pipeline, _, reports = seeded
    event = next(e for e in gold["events"] if e["id"] == event_id)
    assert not event["core"]
    match = best_match(reports, event, pipeline.resources.kb)
    assert match is not None and match.complete, f"{event_id}: {match and [k for k, v in match.fields.items() if not v]}"


def test_every_core_event_is_covered_by_this_test(gold):
    assert sorted(core_ids(gold)) == sorted(["S1", "S4", "S7", "S8a", "S8b", "S9", "S11"])


def test_no_event_from_boilerplate_or_doubled_captions(seeded, gold):
    _, summary, reports = seeded
    assert summary.read == 1 and summary.failed == 0
    text = reports[0].document.text
    for line in gold["document"]["boilerplate_that_must_not_reach_events"]:
        assert line not in text
        assert all(line not in r.sentence.text for r in reports)
    sentences = [r.sentence.start for r in reports if "fragment of a rocket" in r.sentence.text]
    assert len(sentences) <= 1, "the doubled caption produced doubled events"
    assert text.count("A fragment of a rocket reportedly fired from Lebanon") == 1


def test_evidence_spans_point_into_the_text(seeded):
    _, _, reports = seeded
    for report in reports:
        for name, span in report.evidence.items():
            assert report.document.text[span.start:span.end] == span.text, (report.id, name)


def test_interception_coded_as_one_event_with_outcome(seeded, gold):
    pipeline, _, reports = seeded
    event = next(e for e in gold["events"] if e["id"] == "S7")
    match = best_match(reports, event, pipeline.resources.kb)
    assert match is not None and match.report.outcome == "intercepted"
    assert {"AFP", "Pentagon"} <= set(match.report.claim.sources)
    assert {"drone"} <= set(match.report.weapons) and any("missile" in w for w in match.report.weapons)


def test_reingest_is_idempotent(seeded, tmp_path):
    pipeline, _, reports = seeded
    options = Options.load({"db": str(tmp_path / "again.db")}, environ={})
    with Store.open(options.db_url) as store:
        pipeline.ingest([str(SEED)], store, published=date(2023, 11, 10))
        second = pipeline.ingest([str(SEED)], store, published=date(2023, 11, 10))
        again = store.events(EventFilter(limit=None))
    assert second.duplicates == 1 and second.events == 0
    assert sorted(r.id for r in again) == sorted(r.id for r in reports)
