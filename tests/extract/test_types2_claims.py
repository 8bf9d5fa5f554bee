"""Round-2 claim cues on invented sentences: reports the text could not verify, and
unnamed armed groups speaking of their own acts."""

from __future__ import annotations

from datetime import date

import pytest

import sitroom
from sitroom.records import EventReport
from sitroom.settings import Options

pytestmark = pytest.mark.slow

DAY = date(2024, 5, 10)
NO_CUT = Options.load({"min_confidence": 0.0})


def assault(text: str) -> EventReport:
    found = [r for r in sitroom.extract(text, published=DAY, options=NO_CUT) if r.event_type == "ASSAULT"]
    assert found, text
    return found[0]


@pytest.mark.parametrize("text", [
    "The insurgents said they downed a police drone over Kidal on Monday, a claim that could not be independently verified.",
    "Fighters ambushed a supply convoy near Kidal on Monday, the rebels said. The claim could not be independently verified.",
    "Fighters ambushed a supply convoy near Kidal on Monday, the rebels said. Our reporters could not verify the account.",
])
def test_a_report_the_text_could_not_verify_is_unconfirmed(text):
    assert assault(text).claim.status == "unconfirmed"


def test_an_unrelated_doubt_in_the_next_sentence_changes_nothing():
    text = "Gunmen ambushed a supply convoy near Kidal on Monday, residents said. Officials could not confirm whether troops responded."
    assert assault(text).claim.status == "reported"


def test_an_unnamed_armed_group_speaking_of_its_own_act_claims_it():
    report = assault("The insurgents said they ambushed a supply convoy near Kidal on Monday.")
    assert report.claim.status == "claimed"


def test_a_bare_group_may_be_a_monitor_and_only_reports():
    report = assault("Gunmen ambushed a supply convoy near Kidal on Monday, the group said.")
    assert report.claim.status == "reported"


@pytest.mark.parametrize("text", [
    "An alleged Turkish drone strike killed three fighters near Qamishli on Monday.",
    "A suspected army airstrike killed six villagers near Kidal on Monday.",
])
def test_an_alleged_or_suspected_attack_is_alleged(text):
    assert assault(text).claim.status == "alleged"


def test_suspected_attackers_leave_the_attack_asserted():
    assert assault("Suspected bandits ambushed a supply convoy near Kidal on Monday.").claim.status == "asserted"


def test_an_attack_blamed_on_a_party_is_alleged():
    report = assault("The ambush, which killed four guards near Kidal on Monday, was blamed on jihadists.")
    assert report.claim.status == "alleged"


def test_believed_to_have_carried_out_is_reported():
    report = assault("Turkey was believed to have carried out the strike on the convoy near Qamishli on Monday.")
    assert report.claim.status == "reported"
