"""Fixture articles (tests/fixtures/articles/NAME.txt) against their expected
records (NAME.events.json): each core event is found with type, actor, target,
date, place and claim status right; nothing listed under must_not is produced.

Known misses are listed in KNOWN_MISSES and run as strict xfails: when a change
makes one pass, the test fails until the entry is removed, so the list stays true.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitroom.evaluate.match import actor_matches, best_match
from sitroom.ingest import make_document
from sitroom.pipeline import Pipeline
from sitroom.settings import Options

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt"))
KNOWN_MISSES = {
    ("denial", "D2"): "an accusation given as a noun ('rejected a US accusation that ...') is not coded as ACCUSE",
    ("interception", "I3"): "threat inside a claim statement is not coded as THREATEN",
    ("denial", "D1"): "accused actor of a denied attack is not taken from the accusation",
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Options.load(environ={}))


def _extract(pipeline: Pipeline, name: str):
    expected = json.loads((FIXTURES / f"{name}.events.json").read_text(encoding="utf-8"))
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    document = make_document(text, source_id=name, published=date.fromisoformat(expected["published"]))
    return expected, pipeline.extract(document).reports


def _core_cases():
    for name in NAMES:
        expected = json.loads((FIXTURES / f"{name}.events.json").read_text(encoding="utf-8"))
        for event in expected["events"]:
            if event["core"]:
                reason = KNOWN_MISSES.get((name, event["id"]))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                yield pytest.param(name, event["id"], marks=marks, id=f"{name}-{event['id']}")


def test_every_fixture_kind_is_present():
    assert {"passive_voice", "interception", "claimed_unconfirmed", "threat_only", "denial"} <= set(NAMES)


@pytest.mark.parametrize(("name", "event_id"), list(_core_cases()))
def test_core_event(pipeline, name, event_id):
    expected, reports = _extract(pipeline, name)
    event = next(e for e in expected["events"] if e["id"] == event_id)
    match = best_match(reports, event, pipeline.resources.kb)
    assert match is not None, f"no {event['type']} event"
    missing = [k for k, ok in match.fields.items() if not ok]
    assert not missing, f"{event_id}: {missing} wrong in {match.report.as_dict()}"


@pytest.mark.parametrize("name", NAMES)
def test_must_not(pipeline, name):
    expected, reports = _extract(pipeline, name)
    kb = pipeline.resources.kb
    for rule in expected.get("must_not", []):
        for report in reports:
            if not report.modality.factual or report.event_type != rule["type"]:
                continue
            hit = all([
                "actor" not in rule or actor_matches(report.actor, rule["actor"], kb),
                "target" not in rule or actor_matches(report.target, rule["target"], kb),
                "claim_status" not in rule or report.claim.status == rule["claim_status"],
                "outcome" not in rule or report.outcome == rule["outcome"],
                "fatalities_gt" not in rule or (report.fatalities is not None and report.fatalities.low > rule["fatalities_gt"]),
                "injured_gt" not in rule or (report.injured is not None and report.injured.low > rule["injured_gt"]),
            ])
            assert not hit, f"{name}: produced what must not be: {rule['note']} -> {report.as_dict()}"
