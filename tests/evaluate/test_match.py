"""Matching rules between one predicted report and one gold event."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.evaluate.match import (
    actor_matches, date_matches, fatalities_match, find_evidence, is_candidate, place_name_matches,
    place_within, score_pair,
)
from sitroom.records import ActorRef, Location

from eval_helpers import FIRST, SECOND, TEXT, report


def gold(**fields):
    base = {"type": "ASSAULT", "actor": None, "target": None, "date": None, "location": None, "claim": {"status": "asserted"}}
    base.update(fields)
    return base


@pytest.mark.parametrize("start,end,ok", [
    ("2024-01-08", "2024-01-08", True),   # same day
    ("2024-01-09", "2024-01-09", True),   # one day later
    ("2024-01-10", "2024-01-10", False),  # two days later
    ("2024-01-01", "2024-01-31", True),   # inside a range
    ("2024-01-01", "2024-01-06", False),  # range ends two days before
])
def test_date_is_exact_within_one_day_or_inside_the_range(start, end, ok):
    got = report(FIRST, "fired", day=date(2024, 1, 8))
    assert date_matches(got, {"start": start, "end": end}) is ok


def test_an_unresolved_date_never_matches_a_gold_date():
    assert not date_matches(report(FIRST, "fired"), {"start": "2024-01-08"})


def test_actor_by_knowledge_base_parent_state_and_words(kb):
    navy = ActorRef(text="US Navy", id="us-navy", name="US Navy")
    assert actor_matches(navy, "United States", kb)
    assert not actor_matches(navy, "Iran", kb)
    assert actor_matches(ActorRef(text="Afghan civilians"), "civilians", kb)
    assert not actor_matches(ActorRef(text="civilian"), "civilians", kb)
    assert actor_matches(None, None, kb) and not actor_matches(None, "Iran", kb)


def test_place_within_radius_names_and_alternate_names(gazetteer):
    beirut = report(SECOND, "struck", place=("Beirut", 33.89, 35.50))
    assert place_within(beirut, {"lat": 33.9, "lon": 35.5}, 25) is True
    assert place_within(beirut, {"lat": 33.0, "lon": 35.5}, 25) is False
    assert place_within(beirut, {"lat": 33.0, "lon": 35.5}, 161) is True
    assert place_within(beirut, None, 25) is None
    assert place_name_matches(beirut, "the Beirut.", gazetteer)
    assert not place_name_matches(beirut, "Damascus", gazetteer)
    place = gazetteer.resolve("Mayadin")
    assert place is not None
    resolved = report(SECOND, "struck", location=Location.from_place("Al Mayadin", place))
    assert place_name_matches(resolved, "Mayadin", gazetteer)


def test_fatalities_exact_and_ranges():
    three = report(SECOND, "struck", fatalities=3)
    assert fatalities_match(three, 3) and not fatalities_match(three, 4)
    assert fatalities_match(three, [2, 5]) and not fatalities_match(three, [4, 9])
    assert fatalities_match(report(SECOND, "struck"), 3) is False
    assert fatalities_match(three, None) is None


def test_candidate_by_evidence_overlap_or_type_and_two_roles(kb):
    strike = report(SECOND, "struck", actor="Israel", day=date(2024, 1, 9))
    evidence = find_evidence(TEXT, "struck  Beirut")  # whitespace differs
    assert evidence is not None and evidence.text == "struck Beirut"
    other = gold(type="PROTEST")
    assert is_candidate(strike, other, evidence, kb)
    assert not is_candidate(strike, other, None, kb)
    two_roles = gold(actor="Israel", date={"start": "2024-01-09"})
    assert is_candidate(strike, two_roles, None, kb)
    assert not is_candidate(strike, gold(actor="Israel"), None, kb)  # gold nulls do not count
    assert not is_candidate(report(SECOND, "struck", "CONSULT", actor="Israel", day=date(2024, 1, 9)), two_roles, None, kb)


def test_score_pair_leaves_unstated_gold_fields_unscored(kb, gazetteer):
    got = report(SECOND, "struck", actor="Israel", mode="aerial", day=date(2024, 1, 9), fatalities=3,
                 place=("Beirut", 33.89, 35.50))
    outcome = score_pair(got, gold(actor="Israel", mode="drone", date={"start": "2024-01-09"}), kb, gazetteer)
    assert outcome["type"] and outcome["actor"] and outcome["date"] and outcome["claim"]
    assert outcome["mode"] is False
    assert outcome["target"] is None and outcome["place_name"] is None and outcome["fatalities"] is None
