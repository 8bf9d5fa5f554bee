"""Sentence-level pieces: trigger spans, choosing the report, actor text rules, locations."""

from __future__ import annotations

from sitroom.evaluate.gold import LocationItem
from sitroom.evaluate.sentences import actor_matches_text, choose, location_outcome, phrase_spans
from sitroom.records import ActorRef

from eval_helpers import FIRST, SECOND, TEXT, report


def test_phrase_spans_are_whole_words_any_case():
    assert phrase_spans("He struck. Strike! restruck", ["struck"]) == [(3, 9)]
    assert phrase_spans("Fired, FIRED", ["fired", " "]) == [(0, 5), (7, 12)]


def test_choose_prefers_the_trigger_then_confidence():
    fired = report(FIRST, "fired", confidence=0.2)
    struck = report(SECOND, "struck", confidence=0.9)
    assert choose([struck, fired], phrase_spans(TEXT, ["fired"])) is fired
    assert choose([struck, fired], phrase_spans(TEXT, ["bombed"])) is struck
    placed = report(FIRST, "fired", confidence=0.1, place=("Red Sea", 20.0, 38.5))
    assert choose([struck, placed], [], lambda r: r.location is not None) is placed
    assert choose([], []) is None


def test_actor_text_rules(kb):
    assert actor_matches_text(ActorRef(text="Rebels"), ["Sudanese rebels"], kb)
    assert actor_matches_text(ActorRef(text="the Sudanese rebels in the south"), ["Sudanese rebels"], kb)
    assert not actor_matches_text(ActorRef(text="rebel"), ["Sudanese rebels"], kb)
    navy = ActorRef(text="the Navy", id="us-navy", name="US Navy")
    assert actor_matches_text(navy, ["Washington"], kb) == (kb.lookup("Washington") is not None)
    assert actor_matches_text(navy, ["United States"], kb)
    assert not actor_matches_text(None, ["Iran"], kb) and not actor_matches_text(navy, [], kb)


def test_location_outcome_by_name_and_distance(gazetteer):
    item = LocationItem("x", SECOND, ("struck",), ("Beirut",))
    near = report(SECOND, "struck", place=("Beirut", 33.89, 35.50))
    assert location_outcome(near, item, gazetteer) == {"name": True, "km161": True}
    wrong = report(SECOND, "struck", place=("Damascus", 33.51, 36.29))
    assert location_outcome(wrong, item, gazetteer) == {"name": False, "km161": True}  # 85 km away
    far = report(SECOND, "struck", place=("Tehran", 35.69, 51.39))
    assert location_outcome(far, item, gazetteer) == {"name": False, "km161": False}
    assert location_outcome(None, item, gazetteer) == {"name": False, "km161": False}
    unknown = LocationItem("y", SECOND, ("struck",), ("Xyzzyville",))
    assert location_outcome(near, unknown, gazetteer) == {"name": False, "km161": None}
