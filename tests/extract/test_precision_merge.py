"""Precision of event detection: second mentions of one event in a story become one
report (invented sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.pipeline import Pipeline
from sitroom.records import EventReport
from sitroom.settings import Options

pytestmark = pytest.mark.slow

PUBLISHED = date(2024, 5, 10)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Options.load({"min_confidence": 0.0}, environ={}))  # the rules, without the confidence cut


def of_type(pipeline: Pipeline, text: str, event_type: str) -> list[EventReport]:
    return [r for r in pipeline.extract_text(text, published=PUBLISHED).reports if r.event_type == event_type]


def test_undated_mention_joins_the_dated_one_in_its_sentence(pipeline: Pipeline) -> None:
    found = of_type(pipeline, "Talks collapsed at the Geneva summit held in March.", "CONSULT")
    assert len(found) == 1
    assert (found[0].date.start, found[0].date.end) == (date(2024, 3, 1), date(2024, 3, 31))


def test_possessive_reference_refers_back(pipeline: Pipeline) -> None:
    text = ("Gunmen abducted 30 students from a school in Kaduna on Monday. Parents gathered outside. "
            "Police searched the forest. Their abduction has shocked the country.")
    found = of_type(pipeline, text, "ASSAULT")
    assert len(found) == 1 and found[0].date.start == date(2024, 5, 6)


def test_month_name_is_no_march(pipeline: Pipeline) -> None:
    assert of_type(pipeline, "Talks collapsed at the Geneva summit held in March.", "PROTEST") == []


def test_separate_dated_attacks_stay_apart(pipeline: Pipeline) -> None:
    text = ("Militants attacked a police post in Kunar on Monday. Two officers were wounded. "
            "On Wednesday, militants attacked an army convoy in Kandahar.")
    assert len(of_type(pipeline, text, "ASSAULT")) == 2


def test_dated_reference_to_the_same_day_joins_wherever_its_sentence_points(pipeline: Pipeline) -> None:
    text = ("Gunmen attacked a bus station in Quetta on Tuesday, killing six people. "
            "Police said the planners of Tuesday's attack were hiding in Kandahar.")
    found = of_type(pipeline, text, "ASSAULT")
    assert len(found) == 1 and found[0].location is not None and found[0].location.name == "Quetta"


def test_casualties_in_a_region_of_the_attacked_country_join_the_attack(pipeline: Pipeline) -> None:
    text = ("Militants fired rockets at Israel on Saturday, the army said. Most were intercepted over the desert. "
            "A boy was seriously wounded in southern Israel.")
    assert len(of_type(pipeline, text, "ASSAULT")) == 1


def test_attacks_in_two_countries_stay_apart(pipeline: Pipeline) -> None:
    text = "Militants fired rockets at Israel on Saturday. A day later, militants shelled a village in Lebanon."
    assert len(of_type(pipeline, text, "ASSAULT")) == 2


def test_headline_joins_the_lead_it_repeats(pipeline: Pipeline) -> None:
    text = ("UN base in Mali hit by drones\n\nA base used by UN troops near Gao in northern Mali was attacked "
            "by drones launched by militants early on Friday, officials said.")
    found = of_type(pipeline, text, "ASSAULT")
    assert len(found) == 1 and found[0].date.start == date(2024, 5, 10)


def test_an_older_dated_act_of_the_same_actor_stays_apart(pipeline: Pipeline) -> None:
    text = "Russia rejected the Western proposal, its envoy said. Russia vetoed a similar resolution in January."
    assert len(of_type(pipeline, text, "REJECT")) == 2
