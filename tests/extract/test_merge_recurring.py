"""A mention told as recurring ('on a near-daily basis') sums up many events: it is not merged
with a single incident in another sentence."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.pipeline import Pipeline
from sitroom.settings import Options

pytestmark = pytest.mark.slow

TEXT = ("Israel has traded fire with Hizbullah in Lebanon on a near-daily basis. "
        "A rocket reportedly fired from Lebanon is seen in the Israeli border town of Metula.")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Options.load({"min_confidence": 0.0}, environ={}))  # the rules, without the confidence cut


def assaults(pipeline: Pipeline, text: str) -> list[str]:
    reports = pipeline.extract_text(text, published=date(2024, 5, 10)).reports
    return sorted(r.trigger.text for r in reports if r.event_type == "ASSAULT")


def test_recurring_exchange_and_a_single_rocket_stay_two_reports(pipeline: Pipeline) -> None:
    assert assaults(pipeline, TEXT) == ["fired", "traded"]


def test_without_the_recurring_phrase_the_two_mentions_merge(pipeline: Pipeline) -> None:
    once = TEXT.replace(" on a near-daily basis", "")
    assert len(assaults(pipeline, once)) == 1
