"""Round-2 precision: only acts at a scene (attacks, protests, arrests, deployments) give one
report per place listed; 'flights were suspended at airports in A, B and C' is one act."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.pipeline import Pipeline
from sitroom.settings import Options

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Options.load({"min_confidence": 0.0}, environ={}))  # the rules, without the confidence cut


def reports(pipeline: Pipeline, text: str) -> list[str]:
    return [r.event_type for r in pipeline.extract_text(text, published=date(2024, 5, 10)).reports]


def test_a_suspension_at_several_airports_is_one_report(pipeline: Pipeline) -> None:
    assert len(reports(pipeline, "Flights were suspended at airports in Tehran, Shiraz and Tabriz on Friday morning.")) == 1


def test_arrests_in_two_cities_stay_two_reports(pipeline: Pipeline) -> None:
    assert reports(pipeline, "Police arrested protesters in Kandahar and Herat on Friday.") == ["COERCE", "COERCE"]
