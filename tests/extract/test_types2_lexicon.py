"""Round-2 type rules on invented sentences: 'slammed into', lifting a curfew or state of
emergency, deferred events."""

from __future__ import annotations

from datetime import date

import pytest

import sitroom
from sitroom.settings import Options

pytestmark = pytest.mark.slow

DAY = date(2024, 5, 10)
NO_CUT = Options.load({"min_confidence": 0.0})


def types(text: str) -> list[tuple[str, str]]:
    return [(r.event_type, r.trigger.text) for r in sitroom.extract(text, published=DAY, options=NO_CUT)]


def test_a_weapon_slamming_into_a_place_is_an_attack():
    assert ("ASSAULT", "slammed") in types("A shell slammed into a bakery in the town of Kupiansk on Tuesday.")


def test_a_vehicle_slamming_into_something_is_no_attack():
    assert types("A minibus slammed into a lorry on the highway near Kano on Tuesday.") == []


def test_slamming_critics_stays_an_accusation():
    assert ("ACCUSE", "slammed") in types("The opposition leader slammed the finance minister over the new levy.")


@pytest.mark.parametrize("text", [
    "The military council lifted the night curfew in the port city on Sunday.",
    "The cabinet lifted the state of emergency in two northern provinces on Sunday.",
    "The authorities eased emergency measures in the border region on Sunday.",
])
def test_lifting_a_curfew_or_emergency_is_a_concession(text):
    found = types(text)
    assert [t for t, _ in found] == ["CONCEDE"], found


@pytest.mark.parametrize("text", [
    "Union leaders agreed to postpone the general strike until next month.",
    "The march planned for Friday was delayed by a week.",
    "The student groups put off the rally in the capital.",
])
def test_a_postponed_protest_is_no_protest(text):
    assert "PROTEST" not in [t for t, _ in types(text)]


def test_activating_a_force_is_a_mobilisation():
    assert ("MOBILIZE", "activation") in types("The interior minister announced the activation of a rapid reaction force on Monday.")


def test_activating_an_account_is_no_mobilisation():
    assert types("The bank announced the activation of online accounts on Monday.") == []


def test_war_games_are_matched_through_the_singular_lemma():
    assert ("MOBILIZE", "games") in types("The two navies began war games off the coast on Monday.")


def test_opening_fire_is_an_attack():
    assert ("ASSAULT", "opened") in types("Border guards opened fire on a group of smugglers near Kassala on Monday.")


def test_opening_doors_is_no_attack():
    assert types("The new clinic opened its doors to patients on Monday.") == []


def test_seizing_control_is_matched_as_a_phrase():
    found = [r for r in sitroom.extract("Rebels seized control of the town of Walikale on Monday.", published=DAY, options=NO_CUT)]
    assert [(r.event_type, r.mode) for r in found] == [("ASSAULT", None)]


def test_holding_a_party_responsible_is_an_accusation():
    assert ("ACCUSE", "held") in types("The rebel movement said it held the junta fully responsible for the massacre.")


def test_holding_a_town_is_no_accusation():
    assert "ACCUSE" not in [t for t, _ in types("The militia held the town for three days.")]


def test_pointing_the_finger_is_an_accusation():
    assert ("ACCUSE", "pointed") in types("The interior minister pointed the finger at smugglers on Monday.")
