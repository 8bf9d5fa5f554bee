"""Round-2 precision: what a commentator says ('X, a former official, said ...', 'warned X, a
senior fellow at ...'), and the career told of them, is opinion or background, not an event."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.pipeline import Pipeline
from sitroom.settings import Options

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Options.load({"min_confidence": 0.0}, environ={}))  # the rules, without the confidence cut


def triggers(pipeline: Pipeline, text: str) -> list[str]:
    return [r.trigger.text for r in pipeline.extract_text(text, published=date(2024, 5, 10)).reports]


@pytest.mark.parametrize("text", [
    'Maria Lenton, a former defense official who had negotiated with Moscow for years, said, "A new missile test would be a provocation."',
    '"Sanctions are coming, and they will hurt the economy," warned Tom Ardley, a senior fellow at a research institute in London.',
])
def test_a_commentator_quote_gives_no_event(pipeline: Pipeline, text: str) -> None:
    assert triggers(pipeline, text) == []


def test_an_official_speaking_for_a_party_still_counts(pipeline: Pipeline) -> None:
    text = 'Maria Lenton, a defense ministry spokeswoman, said on Monday that troops had fired at the protesters.'
    assert "fired" in triggers(pipeline, text)
