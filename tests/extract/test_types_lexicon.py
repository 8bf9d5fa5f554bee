"""Event detection and type for statement, diplomatic and coercive verbs (invented sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.pipeline import Pipeline
from sitroom.settings import Options

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Options.load({"min_confidence": 0.0}, environ={}))  # the rules, without the confidence cut


def types(pipeline: Pipeline, text: str) -> set[str]:
    """The types of the factual reports (what evaluation scores as events)."""
    reports = pipeline.extract_text(text, published=date(2025, 3, 4)).reports
    return {r.event_type for r in reports if r.modality.factual}


@pytest.mark.parametrize("text, expected", [
    # a demand reported as what another party must or should do
    ("The foreign minister said Iran must release the detained sailors.", "REQUEST"),
    ("Aid groups said the authorities should open the border crossing.", "REQUEST"),
    # verbs of asking and ordering with a clause
    ("The court ordered the ministry to reinstate the dismissed teachers.", "REQUEST"),
    ("Kenya asked Uganda to hand over the suspects.", "REQUEST"),
    # diplomatic ties are diplomatic cooperation (SUPPORT)
    ("Chad and Kenya restored diplomatic relations on Monday.", "SUPPORT"),
    ("Chad has established diplomatic ties with Peru.", "SUPPORT"),
    # release of a named person, quantities of aid
    ("Gunmen released Mayor Peter Okello on Tuesday.", "RETREAT"),
    ("Japan delivered 500 tons of food aid to Haiti.", "AID"),
    # plurals made to happen by a light verb that is no trigger of its own
    ("Students staged rallies in Nairobi against the new tax.", "PROTEST"),
    ("Russia is conducting military exercises near the border.", "MOBILIZE"),
    # obstructing passage is a protest
    ("Angry farmers blocked roads outside the capital.", "PROTEST"),
    # new verbs and nouns
    ("Ghana complained to the United Nations about the incursion.", "ACCUSE"),
    ("Mali summoned the French ambassador over the remarks.", "ACCUSE"),
    ("Kenya extradited the suspect to Britain on Sunday.", "COOPERATE"),
    ("Soldiers demolished three houses in the village.", "COERCE"),
    ("The government outlawed the opposition party.", "COERCE"),
    ("The minister cancelled a planned visit to Caracas.", "SANCTION"),
    ("A judge issued an arrest warrant for the former governor.", "COERCE"),
    ("The ministry announced the suspension of flights to Bamako.", "SANCTION"),
    ("The rebels have sworn to fight until the regime falls.", "THREATEN"),
    ("The opposition reneged on its pledge to join the unity government.", "REJECT"),
    # batch two: object types, complements, multiword nouns, new verbs
    ("Peru expelled two Bolivian diplomats on Friday.", "SANCTION"),
    ("Nigeria has strengthened its forces along the northern border.", "MOBILIZE"),
    ("Volunteers handed over two tons of medicine to the hospital.", "AID"),
    ("The drivers' union called off its strike on Tuesday.", "CONCEDE"),
    ("The minister declined to attend the summit in Abuja.", "REJECT"),
    ("The rebels dismissed an appeal from the president to disarm.", "REJECT"),
    ("The army declared a state of siege in the capital.", "COERCE"),
    ("Militias were engaged in ethnic cleansing in the province.", "ASSAULT"),
    ("Peru lodged an official protest with Chile on Monday.", "ACCUSE"),
    ("Guards abused detainees at the prison, the report said.", "ASSAULT"),
    ("The envoy undertook a mediation mission between the two parties.", "CONSULT"),
    ("Hackers hacked into the ministry's computers on Monday.", "COERCE"),
    ("The union reiterated its demand that the government raise wages.", "REQUEST"),
    ("The president issued a stern reminder to Iran that it must respect the deal.", "REQUEST"),
    # batch three: CAMEO-consistent types (apologize 055 and forgive 056 are SUPPORT,
    # accede to demands 083 and ease political restrictions 081 are CONCEDE)
    ("Peru apologized to Chile for the border incident.", "SUPPORT"),
    ("The rebels declared a unilateral ceasefire on Sunday.", "RETREAT"),
    ("The government accepted the demands of the striking miners.", "CONCEDE"),
    ("The junta lifted the ban on opposition parties on Monday.", "CONCEDE"),
    ("The electoral court allowed the opposition candidate to run in the election.", "CONCEDE"),
    ("A rights group protested that the police had ignored the attacks.", "ACCUSE"),
    ("Gunmen attempted to assassinate the governor on Monday.", "ASSAULT"),
    # batch four
    ("The union reiterated that the government raise the minimum wage.", "REQUEST"),
    ("The envoy ended mediation efforts between the two militias.", "SANCTION"),
    ("The newspaper violated a ban on reporting the trial.", "REJECT"),
    ("Thousands of families sought refuge in Uganda last month.", "REQUEST"),
    ("Britain is pushing for a vote on the resolution.", "REQUEST"),
    ("Kenya pressured the rebels to release the hostages.", "REQUEST"),
    ("The high court opened a hearing into the torture allegations.", "ACCUSE"),
])
def test_type(pipeline: Pipeline, text: str, expected: str) -> None:
    assert expected in types(pipeline, text)


def test_demand_needs_a_party(pipeline: Pipeline) -> None:
    assert "REQUEST" not in types(pipeline, "He wrote that strong diplomacy must work together with strength.")


def test_demand_replaces_the_demanded_act(pipeline: Pipeline) -> None:
    assert types(pipeline, "The envoy said Serbia must withdraw its troops from the border.") == {"REQUEST"}


def test_question_is_no_request(pipeline: Pipeline) -> None:
    assert "REQUEST" not in types(pipeline, "Asked by a reporter whether he would resign, the minister smiled.")


def test_protest_purpose_is_no_demand(pipeline: Pipeline) -> None:
    assert types(pipeline, "Farmers blocked highways on Monday to demand higher grain prices.") == {"PROTEST"}


def test_planned_talks_are_no_event(pipeline: Pipeline) -> None:
    assert "CONSULT" not in types(pipeline, "Officials will join the talks in Geneva next week.")


def test_commitment_by_the_state_itself(pipeline: Pipeline) -> None:
    # the state speaks of its own act ('confirmed'): still a commitment
    assert "AGREE" in types(pipeline, "Egypt said it will send medical supplies to Sudan.")


def test_refusal_of_own_act(pipeline: Pipeline) -> None:
    assert "REJECT" in types(pipeline, "Turkey said it would not provide weapons to the rebels.")


def test_future_act_through_its_noun(pipeline: Pipeline) -> None:
    assert "THREATEN" in types(pipeline, "Kenya said it will extend the curfew in Nairobi.")


def test_undone_object_is_no_event(pipeline: Pipeline) -> None:
    assert types(pipeline, "The army lifted the curfew in the city on Sunday.") == {"CONCEDE"}  # no COERCE curfew


def test_praised_withdrawal_is_still_an_event(pipeline: Pipeline) -> None:
    assert {"SUPPORT", "RETREAT"} <= types(pipeline, "The rebels praised the withdrawal of foreign troops from the province on Sunday.")


def test_demanded_clause_is_no_act(pipeline: Pipeline) -> None:
    assert "RETREAT" not in types(pipeline, "The union demanded that the army withdraw its troops from the town.")


def test_advice_with_should_needs_a_named_party(pipeline: Pipeline) -> None:
    assert "REQUEST" not in types(pipeline, "Doctors stressed that they should get more rest.")


def test_allow_needs_a_party(pipeline: Pipeline) -> None:
    assert "CONCEDE" not in types(pipeline, "The weak border allows them to cross into the country.")


@pytest.mark.parametrize("text", [
    "Analysts said Ghana should raise interest rates next year.",
    "The new law says foreign ships must register with the port authority.",
    "The minister said the rebels should know that the army is ready.",
])
def test_no_demand_from_opinion_texts_or_states_of_mind(pipeline: Pipeline, text: str) -> None:
    assert "REQUEST" not in types(pipeline, text)
