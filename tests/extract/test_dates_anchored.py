"""Dates anchored on another date of the story: 'a day after <event>', 'earlier in the
week', 'less than a week after' (sitroom.extract.dates),
and how an event mention picks its date (sitroom.extract.mentions). All sentences invented."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.extract.dates import DateMention, find_dates
from sitroom.ingest import make_document
from sitroom.pipeline import Pipeline
from sitroom.settings import Options

D = date.fromisoformat
PUB = D("2022-06-17")  # a Friday


def spans(text: str, published: date | None = PUB) -> dict[str, DateMention]:
    return {m.span.text: m for m in find_dates(text, published)}


def bounds(mention: DateMention, complement: bool = False) -> tuple[date | None, date | None]:
    rng = mention.complement if complement else mention.range
    assert rng is not None
    return rng.start, rng.end


# ------------------------------------------------------ 'N days after <an event>'

def test_phrase_after_its_clause_dates_the_clause_by_the_anchor_and_the_event_before_it():
    text = ("The envoy said on Wednesday he was barred. "
            "He spoke a day after the rebels announced that they had closed the road.")
    mention = spans(text)["a day after"]
    assert bounds(mention) == (D("2022-06-15"), D("2022-06-15"))
    assert bounds(mention, complement=True) == (D("2022-06-14"), D("2022-06-14"))


def test_date_named_earlier_in_the_sentence_is_the_clause_date():
    text = "Convoys began arriving in April, weeks before being turned back at the border."
    mention = spans(text)["weeks before"]
    assert bounds(mention) == (D("2022-04-01"), D("2022-04-30"))
    # weeks (2..7) after April
    assert bounds(mention, complement=True) == (D("2022-04-15"), D("2022-06-18"))


def test_apposition_and_hours_after():
    mention = spans("On May 3, two days after gunmen raided a depot, police made arrests.")["two days after"]
    assert bounds(mention) == (D("2022-05-03"), D("2022-05-03"))
    assert bounds(mention, complement=True) == (D("2022-05-01"), D("2022-05-01"))
    mention = spans("Crowds gathered on Thursday. Hours after jets bombed the port, they marched.")["Hours after"]
    assert bounds(mention) == bounds(mention, complement=True) == (D("2022-06-16"), D("2022-06-16"))


def test_sentence_initial_phrase_with_an_event_stays_unresolved():
    mention = spans("A mortar fell on Tuesday. Three days before the vote, a rally was held.")["Three days before"]
    assert mention.range.start is None and mention.complement is None


def test_less_than_a_week_after_an_event_is_a_range():
    text = "The jets struck on Monday, less than a week after the militia shelled the airport."
    mention = spans(text)["less than a week after"]
    assert bounds(mention) == (D("2022-06-13"), D("2022-06-13"))
    assert bounds(mention, complement=True) == (D("2022-06-06"), D("2022-06-12"))
    assert bounds(spans("The talks began less than a week ago.")["less than a week ago"]) == (
        D("2022-06-10"), D("2022-06-16"))


def test_the_day_before_at_the_end_of_a_sentence_is_the_anchor_less_one_day():
    mention = spans("Jets bombed the port on Thursday. The commander had warned the day before.")["the day before"]
    assert bounds(mention) == (D("2022-06-15"), D("2022-06-15"))
    assert mention.complement is None


def test_complement_survives_a_round_trip():
    mention = spans("Talks ended on Monday, a day after the rebels withdrew.")["a day after"]
    assert DateMention.from_dict(mention.as_dict()) == mention


def test_less_than_a_week_later_is_a_range_after_the_anchor():
    text = "A drone fell on June 2. Less than a week later, another came."
    assert bounds(spans(text)["Less than a week later"]) == (D("2022-06-03"), D("2022-06-09"))


# -------------------------------------------------------------- weeks and months

@pytest.mark.parametrize("phrase, start, end", [
    ("earlier in the week", "2022-06-06", "2022-06-08"),
    ("later that week", "2022-06-08", "2022-06-12"),
    ("that same week", "2022-06-06", "2022-06-12"),
    ("the following week", "2022-06-13", "2022-06-19"),
    ("the previous week", "2022-05-30", "2022-06-05"),
    ("earlier that month", "2022-06-01", "2022-06-08"),
    ("the previous month", "2022-05-01", "2022-05-31"),
])
def test_week_and_month_relative_to_the_anchor(phrase, start, end):
    mention = spans(f"Shelling resumed on June 8. A truce had collapsed {phrase}.")[phrase]
    assert mention.kind == "anaphoric"
    assert bounds(mention) == (D(start), D(end))


def test_earlier_this_week_stays_relative_to_publication():
    mention = spans("Shelling resumed on June 8. A truce collapsed earlier this week.")["earlier this week"]
    assert bounds(mention) == (D("2022-06-13"), PUB)


# ------------------------------------------------------- choosing a mention's date

@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Options.load({"min_confidence": 0.0}, environ={}))  # the rules, without the confidence cut


def _dates(pipeline: Pipeline, text: str) -> list[tuple[str, date | None, date | None]]:
    document = make_document(text, source_id="invented", published=PUB)
    return [(r.trigger.text, r.date.start, r.date.end) for r in pipeline.extract(document).reports]


@pytest.mark.slow
def test_participle_shares_the_main_clause_date(pipeline):
    found = _dates(pipeline, "Police arrested three men in Gao on Tuesday, accusing them of planning attacks.")
    assert ("accusing", D("2022-06-14"), D("2022-06-14")) in found


@pytest.mark.slow
def test_relative_clause_takes_the_date_of_its_noun(pipeline):
    found = _dates(pipeline, "The minister praised the March 2021 truce the rebels agreed with the army.")
    assert ("agreed", D("2021-03-01"), D("2021-03-31")) in found



@pytest.mark.slow
def test_coordinated_clause_in_another_tense_keeps_its_own_date(pipeline):
    found = _dates(pipeline, "The militia was driven out of Gao in 2016, but its fighters still attack convoys in the desert.")
    assert [(start, end) for trigger, start, end in found if trigger == "attack"] == [(D("2022-05-18"), PUB)]  # the default range
    found = _dates(pipeline, "Rebels fired rockets at the base on Monday, but most of them were shot down by the army.")
    assert {(start, end) for _, start, end in found} == {(D("2022-06-13"), D("2022-06-13"))}

# ------------------------------------------------------------- quoted 'today'

@pytest.mark.parametrize("text, phrase, day", [
    ('"We shelled their camp today," the army said Tuesday.', "today", "2022-06-14"),
    ("The minister told reporters on Monday: “Our forces entered the town yesterday.”", "yesterday", "2022-06-12"),
    ("“The talks collapsed today,” he said.", "today", "2022-06-17"),  # no day given: publication
    ("Police said Tuesday the road was shut. Today the road reopened.", "Today", "2022-06-17"),  # not quoted
])
def test_quoted_today_is_the_day_of_the_statement(text, phrase, day):
    assert bounds(spans(text)[phrase]) == (D(day), D(day))
