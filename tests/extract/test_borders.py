"""Shared borders of neighbouring states as places: a mutual exchange between their sides,
placed by the text at country level only, happens on that border."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitroom.knowledge.gazetteer import Gazetteer
from sitroom.pipeline import Pipeline
from sitroom.settings import Options

pytestmark = pytest.mark.slow
PLACES = Path(__file__).resolve().parents[2] / "sitroom" / "knowledge" / "data" / "places.json"
BORDERS = [p for p in json.loads(PLACES.read_text(encoding="utf-8"))["places"] if p.get("feature") == "border"]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Options.load({"min_confidence": 0.0}, environ={}))  # the rules, without the confidence cut


def test_many_borders_are_known() -> None:
    assert len(BORDERS) >= 25


@pytest.mark.parametrize("entry", BORDERS, ids=[b["name"] for b in BORDERS])
def test_each_border_resolves_in_either_order(pipeline: Pipeline, entry: dict) -> None:
    gazetteer: Gazetteer = pipeline.resources.gazetteer
    first, second = entry["name"].removesuffix(" border").split("-", 1) if entry["name"].count("-") == 1 else (None, None)
    found = gazetteer.resolve(entry["name"])
    assert found is not None and found.feature == "border"
    if first:
        flipped = gazetteer.resolve(f"{second}-{first} border")
        assert flipped is not None and flipped.id == found.id


@pytest.mark.parametrize(("text", "border"), [
    ("Pakistani troops traded fire with Afghan forces along the border in Afghanistan on Sunday.",
     "Afghanistan-Pakistan border"),
    ("Armenia and Azerbaijan exchanged fire on their border on Tuesday.", "Armenia-Azerbaijan border"),
])
def test_an_exchange_between_neighbours_is_placed_on_their_border(pipeline: Pipeline, text: str, border: str) -> None:
    reports = pipeline.extract_text(text, published=date(2024, 5, 10)).reports
    assert [r.location.name for r in reports if r.location] == [border]
