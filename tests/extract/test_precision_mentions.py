"""Precision of event detection: uses of trigger words that report no event, and
mentions whose modality the clause alone does not show (invented sentences)."""

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


def reports(pipeline: Pipeline, text: str) -> list[EventReport]:
    return list(pipeline.extract_text(text, published=PUBLISHED).reports)


def factual_types(pipeline: Pipeline, text: str) -> list[str]:
    return [r.event_type for r in reports(pipeline, text) if r.modality.factual]


@pytest.mark.parametrize("text", [
    "The rebel movement also opposes foreign mining in the valley.",
    "Both governments reject the charge that the dam project harms farmers.",
])
def test_present_tense_stance_is_no_event(pipeline: Pipeline, text: str) -> None:
    assert reports(pipeline, text) == []


def test_dated_or_quoted_present_tense_statement_still_counts(pipeline: Pipeline) -> None:
    assert "REJECT" in factual_types(pipeline, "May 3: The rebel movement rejects the peace plan.")
    assert "REJECT" in factual_types(pipeline, "\"We reject the peace plan,\" the rebel commander told reporters.")


def test_past_tense_statement_counts(pipeline: Pipeline) -> None:
    assert factual_types(pipeline, "The rebel movement rejected the peace plan on Monday.") == ["REJECT"]


@pytest.mark.parametrize("text, kept", [
    ("A court jailed the mayor for defying a ban on rallies.", "COERCE"),
    ("The ministry accused the neighbouring state of funding the insurgents.", "ACCUSE"),
])
def test_gerund_after_preposition_is_no_event(pipeline: Pipeline, text: str, kept: str) -> None:
    assert factual_types(pipeline, text) == [kept]


def test_almost_means_it_did_not_happen(pipeline: Pipeline) -> None:
    found = reports(pipeline, "The governor was almost gunned down outside his home in Mosul on Sunday.")
    assert found and all(r.modality.negated for r in found)


def test_no_sign_of_an_event_negates_it(pipeline: Pipeline) -> None:
    found = reports(pipeline, "There was no sign of the convoy being attacked on its way to Kandahar.")
    assert found and not any(r.modality.factual for r in found)


def test_coordinated_verb_shares_the_modal(pipeline: Pipeline) -> None:
    found = reports(pipeline, "The navy could either wait or seize the tanker.")
    assert found and all(r.modality.hypothetical for r in found)


def test_coordinated_verb_with_its_own_subject_keeps_its_modality(pipeline: Pipeline) -> None:
    text = "Officials said the blockade would only harden resolve, and the fighters seized the depot on Monday."
    assert "COERCE" in factual_types(pipeline, text)


def test_permission_is_not_the_act(pipeline: Pipeline) -> None:
    found = reports(pipeline, "The new law authorizes firing on foreign fishing boats.")
    assert not any(r.modality.factual and r.event_type == "ASSAULT" for r in found)


def test_noun_under_a_gerund_reason_is_no_event(pipeline: Pipeline) -> None:
    found = reports(pipeline, "The envoys asked the rebels to reciprocate by agreeing to a ceasefire.")
    assert [r.event_type for r in found] == ["REQUEST"]  # the asking is an act; the agreeing is not


def test_claimed_responsibility_for_an_act_keeps_the_act(pipeline: Pipeline) -> None:
    text = "The Islamic Front claimed responsibility for attacking a police convoy near Tikrit on Sunday."
    assert "ASSAULT" in factual_types(pipeline, text)


def test_commentators_make_no_statement_event(pipeline: Pipeline) -> None:
    assert factual_types(pipeline, "Security analysts welcomed the new border force on Monday.") == []
    assert factual_types(pipeline, "The defence ministry welcomed the new border force on Monday.") == ["SUPPORT"]


def test_deaths_in_an_accident_are_no_attack(pipeline: Pipeline) -> None:
    assert factual_types(pipeline, "Four soldiers were killed in the crash of a transport helicopter near Gao on Monday.") == []
    assert factual_types(pipeline, "Four soldiers were killed in an ambush near Gao on Monday.") == ["ASSAULT"]


def test_conditions_met_is_no_meeting(pipeline: Pipeline) -> None:
    assert "CONSULT" not in factual_types(pipeline, "The president said the targets must be met before the vote.")
