"""Round-2 precision: a perfect-tense relative clause describing a party ('Norway, which has
been holding talks with the rebels, urged ...') tells its record, not an event of the story."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.pipeline import Pipeline
from sitroom.settings import Options

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Options.load({"min_confidence": 0.0}, environ={}))  # the rules, without the confidence cut


def types(pipeline: Pipeline, text: str) -> list[str]:
    return sorted(r.event_type for r in pipeline.extract_text(text, published=date(2024, 5, 10)).reports)


def test_a_party_record_in_a_relative_clause_is_no_event(pipeline: Pipeline) -> None:
    text = "Norway, which has been holding peace talks with the rebels, urged both sides on Monday to stop fighting."
    assert "CONSULT" not in types(pipeline, text)


def test_a_simple_past_relative_clause_still_counts(pipeline: Pipeline) -> None:
    text = "The rebels, who attacked an army base in Kandor on Monday, said they had captured ten soldiers."
    assert "ASSAULT" in types(pipeline, text)


@pytest.mark.parametrize("text", [
    "Both freighters are sanctioned by the Treasury Department as vessels of a state shipping line.",
    "Thousands of stray dogs are killed for their meat across the region.",
])
def test_an_undated_present_passive_is_a_standing_state(pipeline: Pipeline, text: str) -> None:
    assert types(pipeline, text) == []


def test_a_chronicle_in_the_present_passive_still_counts(pipeline: Pipeline) -> None:
    text = "Two markets in Kandor are bombed by rebels, killing six people and wounding 40 others."
    assert "ASSAULT" in types(pipeline, text)
