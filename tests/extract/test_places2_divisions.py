"""Round-2 place behaviour: first-level divisions named as such, invented sentences,
real model and shipped gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.ingest import make_document
from sitroom.pipeline import Pipeline
from sitroom.records import EventReport
from sitroom.settings import Options

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Options.load({"min_confidence": 0.0}, environ={}))  # the rules, without the confidence cut


def assaults(pipeline: Pipeline, text: str) -> list[EventReport]:
    document = make_document(text, source_id="test", published=date(2024, 5, 10))
    return [r for r in pipeline.extract(document).reports if r.event_type == "ASSAULT"]


def test_named_region_is_the_division_not_a_town_abroad(pipeline: Pipeline) -> None:
    # 'Russian' favours Russia, where a small Donetsk exists; 'region' says it is the Ukrainian division
    found = assaults(pipeline, "Russian troops shelled a school in the Donetsk region on Sunday.")
    assert found and found[0].location is not None
    assert (found[0].location.country, found[0].location.precision) == ("UKR", "region")


def test_coordinated_regions_each_resolve_to_their_division(pipeline: Pipeline) -> None:
    found = assaults(pipeline, "Russian artillery shelled farms in the Kharkiv and Sumy regions on Sunday.")
    places = {(r.location.name, r.location.precision) for r in found if r.location}
    assert places == {("Kharkiv", "region"), ("Sumy", "region")}
