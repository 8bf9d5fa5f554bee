"""Round-2 precision: mentions bound in one sentence ('killed in a drone strike') are one act,
'the strike' just after a strike is that strike, and 'another' tells a new event."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.pipeline import Pipeline
from sitroom.settings import Options

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Options.load({"min_confidence": 0.0}, environ={}))  # the rules, without the confidence cut


def of_type(pipeline: Pipeline, text: str, event_type: str) -> list[str]:
    reports = pipeline.extract_text(text, published=date(2024, 5, 10)).reports
    return [r.trigger.text for r in reports if r.event_type == event_type]


@pytest.mark.parametrize("text", [
    "A senior Hamas commander was killed on Friday in a drone strike on a building in Beirut.",
    "An Israeli air strike on a building in Beirut on Friday killed a senior Hamas commander.",
    "Three Iraqi soldiers were wounded on Sunday in a rocket attack on a base in Syria.",
    "Navy warships shot down 12 drones and two missiles fired by Houthi rebels over the Red Sea late on Tuesday, the military said on Wednesday.",
    "A car bomb exploded in a crowded market in Mosul on Monday evening, killing 9 people and wounding 40 more.",
])
def test_a_killing_and_the_strike_it_happened_in_are_one_report(pipeline: Pipeline, text: str) -> None:
    assert len(of_type(pipeline, text, "ASSAULT")) == 1


def test_condemned_as_an_attack_is_the_condemned_strike(pipeline: Pipeline) -> None:
    text = ("A senior Hamas commander was killed on Friday in a drone strike in Beirut. "
            "Hezbollah condemned the strike as an attack on Lebanon.")
    assert len(of_type(pipeline, text, "ASSAULT")) == 1


def test_the_killing_in_the_next_sentence_refers_back(pipeline: Pipeline) -> None:
    text = "A senior Hamas commander was killed on Friday in Beirut. Hamas blamed Israel for the killing."
    assert of_type(pipeline, text, "ASSAULT") == ["killed"]


def test_another_arrest_is_a_new_event(pipeline: Pipeline) -> None:
    text = "Police arrested three men in Kandahar on Friday. Later, the arrest of another five people was announced."
    assert of_type(pipeline, text, "COERCE") == ["arrested", "arrest"]


def test_the_lead_event_without_a_day_joins_its_dated_retelling(pipeline: Pipeline) -> None:
    text = ("A senior rebel commander has been killed in northern Mali, the army said. The announcement came "
            "after weeks of fighting. Officials gave few details. Local leaders welcomed the news. The commander "
            "was killed on Tuesday in an air raid near Kidal, a military spokesman said.")
    assert len(of_type(pipeline, text, "ASSAULT")) == 1


def test_the_same_parties_named_again_further_down_are_one_event(pipeline: Pipeline) -> None:
    text = ("Hezbollah fighters launched an attack on Israel on Sunday, firing dozens of rockets. Sirens sounded "
            "across the north. Schools were closed. Farmers stayed indoors. The cabinet met late into the night. "
            "Hezbollah's attack on Israel came after weeks of rising tension along the border.")
    assert len(of_type(pipeline, text, "ASSAULT")) == 1
