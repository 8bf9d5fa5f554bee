"""Actor/target roles and claim status on invented sentences, through the real pipeline."""

from __future__ import annotations

from datetime import date

import pytest

import sitroom
from sitroom.records import EventReport

pytestmark = pytest.mark.slow

DAY = date(2024, 5, 10)


def reports(text: str) -> list[EventReport]:
    return list(sitroom.extract(text, published=DAY))


def one(text: str, event_type: str) -> EventReport:
    found = [r for r in reports(text) if r.event_type == event_type]
    assert found, f"no {event_type} in {[(r.event_type, r.trigger.text) for r in reports(text)]}"
    return found[0]


def name(ref) -> str | None:
    return None if ref is None else ref.name or ref.text


# --- claim status of statements -------------------------------------------------------

def test_statement_quoted_from_its_speaker_is_asserted():
    report = one('"Qatar calls on all parties to return to the table," the Qatari envoy told reporters on Monday.', "REQUEST")
    assert report.claim.status == "asserted"


def test_statement_attributed_by_a_third_party_stays_reported():
    report = one("According to local media, the Malian junta rejected the proposal on Monday.", "REJECT")
    assert report.claim.status == "reported"


# --- who speaks for whom --------------------------------------------------------------

def test_spokesman_for_a_principal_codes_the_principal():
    report = one("A spokesman for Kenyan President William Ruto rejected the accusations on Monday.", "REJECT")
    assert name(report.actor) == "Kenya"


def test_possessive_in_reported_clause_is_the_speaker():
    report = one("The army chief of Ethiopia said on Friday his forces had killed 40 rebels near Gondar.", "ASSAULT")
    assert name(report.actor) == "Ethiopia"


# --- reciprocal acts ------------------------------------------------------------------

def test_reciprocal_puts_the_armed_group_first():
    report = one("The Somali army exchanged fire with al-Shabab fighters near Baidoa on Monday.", "ASSAULT")
    assert name(report.actor) == "al-Shabaab"
    assert name(report.target) == "Somali National Army"


def test_reciprocal_with_conjoined_subjects_takes_the_second_as_other_side():
    report = one("Hamas and Israel traded fire on Monday.", "ASSAULT")
    assert (name(report.actor), name(report.target)) == ("Hamas", "Israel")


def test_reciprocal_between_non_state_and_police_keeps_text_order():
    report = one("Protesters clashed with police in Dhaka on Monday.", "ASSAULT")
    assert name(report.actor) == "protesters"
    assert name(report.target) == "police"


def test_exchange_needs_fire():
    assert not [r for r in reports("The two countries exchanged prisoners on Monday.") if r.event_type == "ASSAULT"]


def test_people_category_counts_as_a_target():
    report = one("Gunmen killed five villagers in Zamfara on Monday.", "ASSAULT")
    assert name(report.target) == "civilians"


# --- targets --------------------------------------------------------------------------

def test_person_arrested_stays_the_target():
    # a known leader acts for the group he leads, but an arrest or a sanction hits him
    report = one("Israeli forces arrested Hassan Nasrallah in Beirut on Monday.", "COERCE")
    assert report.target is not None and report.target.kind == "person"


def test_passive_participle_modifies_its_target():
    report = one("Relatives welcomed the schoolboys kidnapped in Katsina last week.", "ASSAULT")
    assert name(report.target) == "civilians"


# --- threats --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Al-Shabab said they are ready to attack army positions near Baidoa.",
    "Al-Shabab said its fighters were prepared to attack army positions near Baidoa.",
])
def test_ready_or_prepared_to_attack_is_a_threat(text):
    report = one(text, "THREATEN")
    assert report.modality.factual and report.claim.status == "asserted"
    assert not [r for r in reports(text) if r.event_type == "ASSAULT" and r.modality.factual]


def test_passive_controller_acts():
    report = next(r for r in reports("The soldiers were ordered to withdraw from the town on Monday.") if r.event_type == "RETREAT")
    assert name(report.actor) == "soldiers"


def test_officials_reporting_their_own_side_confirm():
    report = one("The officials said they killed 12 militants near the border.", "ASSAULT")
    assert report.claim.status == "confirmed"


def test_residents_reporting_others_stay_reported():
    report = one("Residents said gunmen killed 12 villagers near the border.", "ASSAULT")
    assert report.claim.status == "reported"


def test_exchange_between_neighbours_is_placed_on_their_border():
    report = one("Israeli troops and Hezbollah exchanged fire across the border on Tuesday.", "ASSAULT")
    assert report.location is not None and report.location.name == "Israel-Lebanon border"


def test_exchange_with_a_named_town_keeps_the_town():
    report = one("Israeli troops exchanged fire with Hizbullah fighters near the village of Kfar Kila on Monday.", "ASSAULT")
    assert report.location is not None and report.location.name != "Israel-Lebanon border"


def test_participle_clause_shares_the_subject():
    report = one("Al-Shabab issued a statement on Monday, warning that it would attack Kenyan towns.", "THREATEN")
    assert name(report.actor) == "al-Shabaab"


@pytest.mark.parametrize("text", [
    "Protests continued across Myanmar on Monday. Security forces arrested 20 protesters in Yangon on Monday.",
    "Protests continued across Myanmar on Monday. The officials said they arrested 20 protesters in Yangon.",
])
def test_unowned_security_forces_and_officials_are_the_story_state(text):
    report = one(text, "COERCE")
    assert name(report.actor) == "Myanmar"


def test_first_person_in_a_quote_is_the_speaker():
    text = 'UN envoy Richard Bennett criticised the ban. "I urge the Taliban to reverse their decision," he said.'
    report = one(text, "REQUEST")
    assert name(report.actor) == "United Nations"
    assert name(report.target) == "Taliban"


# --- hedges and claimants --------------------------------------------------------------

def test_according_to_officials_is_reported():
    report = one("According to local officials, gunmen killed five villagers in Zamfara on Monday.", "ASSAULT")
    assert report.claim.status == "reported" and report.claim.sources == ("local officials",)


def test_a_state_claiming_militants_attacked_alleges():
    report = one("Pakistani officials claimed that militants attacked a checkpoint in Quetta on Monday.", "ASSAULT")
    assert report.claim.status == "alleged"
    assert name(report.actor) == "militants"


def test_an_unnamed_group_claiming_an_attack_claims_it():
    report = one("The group claimed the attack on a checkpoint in Quetta on Monday.", "ASSAULT")
    assert report.claim.status == "claimed"


def test_a_group_claiming_its_fighters_act_claims_it():
    report = one("Al-Shabab claimed that its fighters attacked a base in Baidoa on Monday.", "ASSAULT")
    assert report.claim.status == "claimed" and report.claim.claimed_by == "al-Shabaab"


@pytest.mark.parametrize("text, target", [
    ("Norway will give Kenya a grant of 40 million dollars.", "Kenya"),
    ("Britain continued to send arms to Ukraine last year.", "Ukraine"),
    ("Egyptian officials demanded on Friday that Israel open the crossing.", "Israel"),
])
def test_recipient_and_the_one_asked_are_targets(text, target):
    found = [r for r in reports(text) if name(r.target) == target]
    assert found, [(r.event_type, name(r.target)) for r in reports(text)]
