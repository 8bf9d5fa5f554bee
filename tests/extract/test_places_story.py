"""Where events happen when the parse does not say: places named in passing, the
story's main country, datelines, capitals, qualified names. Invented sentences, real
model and shipped gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.extract.context import DocContext, build_context
from sitroom.ingest import make_document
from sitroom.pipeline import Pipeline
from sitroom.records import EventReport
from sitroom.settings import Options

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Options.load({"min_confidence": 0.0}, environ={}))  # the rules, without the confidence cut


def reports(pipeline: Pipeline, text: str) -> list[EventReport]:
    document = make_document(text, source_id="test", published=date(2024, 5, 10))
    return list(pipeline.extract(document).reports)


def context(pipeline: Pipeline, text: str) -> DocContext:
    document = make_document(text, source_id="test", published=date(2024, 5, 10))
    return build_context(document, pipeline.nlp(text), pipeline.resources, [])


def place_of(pipeline: Pipeline, text: str, event_type: str) -> tuple[str | None, str | None]:
    found = [r for r in reports(pipeline, text) if r.event_type == event_type]
    assert found, f"no {event_type} in {text!r}"
    location = found[0].location
    return (location.name, location.precision) if location else (None, None)


def test_place_named_in_passing_places_an_unplaced_attack(pipeline: Pipeline) -> None:
    text = "A cameraman was fatally shot while filming a clash between gunmen and police on the outskirts of Karachi."
    assert place_of(pipeline, text, "ASSAULT") == ("Karachi", "town")


def test_place_reached_through_a_chain_of_place_nouns(pipeline: Pipeline) -> None:
    text = "Armed police patrolled the streets of the coastal city of Mombasa on Monday."
    assert place_of(pipeline, text, "MOBILIZE")[0] == "Mombasa"


def test_month_abbreviation_is_not_a_town(pipeline: Pipeline) -> None:
    ctx = context(pipeline, "In Nov. 2016, a local commander was killed in a raid on his car.")
    assert not ctx.places


def test_pronoun_and_group_abbreviation_are_not_countries(pipeline: Pipeline) -> None:
    names = {r.location.name for r in reports(pipeline, "It said several IS fighters were killed on Friday.") if r.location}
    assert not names & {"Italy", "Iceland"}


def test_main_country_discounts_adjectival_names_and_counts_demonyms(pipeline: Pipeline) -> None:
    text = (
        "U.S. officials said U.S. envoys would meet U.S. commanders. Afghan police said Afghan soldiers "
        "clashed with gunmen overnight. Officials in Kandahar said the fighting was heavy."
    )
    assert context(pipeline, text).main_country == "AFG"


def test_regional_government_name_is_also_a_place(pipeline: Pipeline) -> None:
    ctx = context(pipeline, "Troops in Somalia's Puntland region pushed the militants out of two villages.")
    assert "Puntland" in {m.place.name for m in ctx.places}


def test_demonym_capital_is_that_countrys_capital(pipeline: Pipeline) -> None:
    ctx = context(pipeline, "Thousands of people rallied in the Yemeni capital on Friday.")
    assert [(m.tokens.text, m.place.name) for m in ctx.places] == [("the Yemeni capital", "Sanaa")]


def test_named_capital_is_not_read_twice(pipeline: Pipeline) -> None:
    ctx = context(pipeline, "Gunmen stormed a museum in the Tunisian capital of Tunis.")
    assert [m.tokens.text for m in ctx.places] == ["Tunis"]


def test_dateline_is_not_a_place_of_the_story(pipeline: Pipeline) -> None:
    ctx = context(pipeline, "TAMPA, Fla. — Militants attacked a convoy near Deir ez-Zor in Syria on Monday.")
    assert "USA" not in {m.place.country for m in ctx.places}
    assert ctx.main_country == "SYR"


def test_country_after_a_name_picks_the_place_in_that_country(pipeline: Pipeline) -> None:
    ctx = context(pipeline, "Warplanes hit a depot at Bani in north-western Yemen overnight.")
    assert {m.place.country for m in ctx.places} == {"YEM"}


def test_reference_point_does_not_beat_the_named_town(pipeline: Pipeline) -> None:
    text = "A car bomb exploded at a busy market in Hilla, some 100 km south of Baghdad, on Friday."
    assert place_of(pipeline, text, "ASSAULT")[0] == "Al Hillah"


def test_reference_point_places_an_event_with_no_other_place(pipeline: Pipeline) -> None:
    text = "Three soldiers were shot dead in an ambush north of Kirkuk on Thursday."
    assert place_of(pipeline, text, "ASSAULT")[0] == "Kirkuk"


def test_ship_names_are_not_towns(pipeline: Pipeline) -> None:
    ctx = context(pipeline, "The destroyer USS Carney shot down a drone. The Carney was not damaged.")
    assert not ctx.places


def test_waters_of_a_sea(pipeline: Pipeline) -> None:
    text = "Militants attacked two tankers sailing in the waters of the Black Sea on Sunday."
    assert place_of(pipeline, text, "ASSAULT")[0] == "Black Sea"


def test_person_named_as_subject_of_a_passive_attack_is_not_its_place(pipeline: Pipeline) -> None:
    text = "Ramirez was captured by soldiers in Venezuela in June."
    assert place_of(pipeline, text, "ASSAULT")[0] == "Venezuela"


def test_surname_of_a_person_named_in_full_is_not_a_town(pipeline: Pipeline) -> None:
    ctx = context(pipeline, "Secretary of State Marco Rubio arrived on Monday. Rubio met the foreign minister.")
    assert not ctx.places


def test_arrest_by_a_states_agency_happened_in_that_state(pipeline: Pipeline) -> None:
    text = (
        "Militants in Somalia attacked a base near Mogadishu and Kismayo. Somalia's army said Somalia's "
        "troops fought back. The Kenyan police arrested five suspects on Tuesday."
    )
    found = [r for r in reports(pipeline, text) if r.event_type == "COERCE"]
    assert found and found[0].location is not None and found[0].location.country == "KEN"


def test_whoever_is_told_is_not_a_place(pipeline: Pipeline) -> None:
    ctx = context(pipeline, "A police source told Xinhua that a bomb went off near a market.")
    assert not ctx.places
