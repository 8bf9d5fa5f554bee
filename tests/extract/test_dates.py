"""Tests for sitroom.extract.dates: finding and resolving date expressions."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from sitroom.extract.dates import KINDS, DateMention, _compile, date_for_span, find_dates

D = date.fromisoformat
PUB = D("2023-11-10")  # a Friday: the seed article's publication date
SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def only(text: str, published: date | None = PUB) -> DateMention:
    mentions = find_dates(text, published)
    assert len(mentions) == 1, [m.span.text for m in mentions]
    mention = mentions[0]
    assert text[mention.span.start:mention.span.end] == mention.span.text
    assert mention.range.text == mention.span.text
    assert mention.kind in KINDS
    return mention


def check(mention: DateMention, start: str, end: str | None, precision: str, kind: str) -> None:
    assert mention.range.start == D(start)
    assert mention.range.end == (D(end) if end else None)
    assert mention.range.precision == precision
    assert mention.kind == kind


# ----------------------------------------------------------------------- absolute

ABSOLUTE = [
    # text, published, span text, start, end, precision
    ("Ships were hit on October 19.", PUB, "October 19", "2023-10-19", "2023-10-19", "day"),
    ("Ships were hit Oct. 19 at dawn.", PUB, "Oct. 19", "2023-10-19", "2023-10-19", "day"),
    ("Ships were hit on 19 October.", PUB, "19 October", "2023-10-19", "2023-10-19", "day"),
    ("It began on the 7th of October.", PUB, "the 7th of October", "2023-10-07", "2023-10-07",
     "day"),
    ("Ships were hit on October 19th.", PUB, "October 19th", "2023-10-19", "2023-10-19", "day"),
    ("on October 19, 2023, a ship", PUB, "October 19, 2023", "2023-10-19", "2023-10-19", "day"),
    ("on October 19, 2022, a ship", PUB, "October 19, 2022", "2022-10-19", "2022-10-19", "day"),
    ("on 7 October 2023 Hamas", PUB, "7 October 2023", "2023-10-07", "2023-10-07", "day"),
    ("dated 2023-10-19 in the log", PUB, "2023-10-19", "2023-10-19", "2023-10-19", "day"),
    ("attacks of Sept. 11, 2001", PUB, "Sept. 11, 2001", "2001-09-11", "2001-09-11", "day"),
    ("The strike on Monday, Jan. 29 killed three.", D("2024-02-01"), "Monday, Jan. 29",
     "2024-01-29", "2024-01-29", "day"),
    ("Talks resumed in January 2024.", PUB, "January 2024", "2024-01-01", "2024-01-31", "month"),
    ("Talks resumed in Oct 2023.", PUB, "Oct 2023", "2023-10-01", "2023-10-31", "month"),
    ("Talks collapsed in 2023.", PUB, "2023", "2023-01-01", "2023-12-31", "year"),
    ("Talks collapsed in October.", PUB, "October", "2023-10-01", "2023-10-31", "month"),
    ("Talks collapsed in December.", D("2024-01-03"), "December", "2023-12-01", "2023-12-31",
     "month"),
    ("the Hamas terrorist attack on Israel of October 7.", PUB, "October 7", "2023-10-07",
     "2023-10-07", "day"),
    ("since the October 7 attack, the army", PUB, "October 7", "2023-10-07", "2023-10-07", "day"),
    ("US troops in Iraq October 21 -- an attack", PUB, "October 21", "2023-10-21", "2023-10-21",
     "day"),
    # +1 day tolerance, then the previous year
    ("a strike on November 11", PUB, "November 11", "2023-11-11", "2023-11-11", "day"),
    ("a strike on November 12", PUB, "November 12", "2022-11-12", "2022-11-12", "day"),
    ("born on February 29", PUB, "February 29", "2020-02-29", "2020-02-29", "day"),
    # parts of months and years
    ("drones shot down in mid-October", PUB, "mid-October", "2023-10-11", "2023-10-20", "range"),
    ("drones shot down in mid October", PUB, "mid October", "2023-10-11", "2023-10-20", "range"),
    ("drones shot down in early October", PUB, "early October", "2023-10-01", "2023-10-10",
     "range"),
    ("drones shot down in late October", PUB, "late October", "2023-10-21", "2023-10-31",
     "range"),
    ("at the end of September 2022", PUB, "the end of September 2022", "2022-09-21",
     "2022-09-30", "range"),
    ("in late February", PUB, "late February", "2023-02-21", "2023-02-28", "range"),
    ("expected in early 2024", PUB, "early 2024", "2024-01-01", "2024-04-30", "range"),
    ("a truce in mid-2023", PUB, "mid-2023", "2023-05-01", "2023-08-31", "range"),
    ("the later part: late November", PUB, "late November", "2022-11-21", "2022-11-30", "range"),
    # explicit ranges
    ("strikes between October 17 and 20 hit", PUB, "between October 17 and 20", "2023-10-17",
     "2023-10-20", "range"),
    ("strikes from Oct. 17 to Oct. 20 hit", PUB, "from Oct. 17 to Oct. 20", "2023-10-17",
     "2023-10-20", "range"),
    ("strikes on October 17-20 hit", PUB, "October 17-20", "2023-10-17", "2023-10-20", "range"),
    ("strikes on October 17–20, 2022 hit", PUB, "October 17–20, 2022", "2022-10-17",
     "2022-10-20", "range"),
    ("strikes on 17-20 October hit", PUB, "17-20 October", "2023-10-17", "2023-10-20", "range"),
    ("strikes between 17 and 20 October hit", PUB, "between 17 and 20 October", "2023-10-17",
     "2023-10-20", "range"),
    ("strikes from October 30 to November 2", PUB, "from October 30 to November 2", "2023-10-30",
     "2023-11-02", "range"),
    ("from December 30 to January 2", D("2024-01-10"), "from December 30 to January 2",
     "2023-12-30", "2024-01-02", "range"),
]


@pytest.mark.parametrize("text, published, span, start, end, precision", ABSOLUTE)
def test_absolute(text, published, span, start, end, precision):
    mention = only(text, published)
    assert mention.span.text == span
    check(mention, start, end, precision, "absolute")


# ----------------------------------------------------------------------- relative

RELATIVE = [
    # text, span text, start, end, precision  (published Friday 2023-11-10)
    ("The strike came today.", "today", "2023-11-10", "2023-11-10", "day"),
    ("Today the army said", "Today", "2023-11-10", "2023-11-10", "day"),
    ("A rally is planned tonight.", "tonight", "2023-11-10", "2023-11-10", "day"),
    ("officials said this morning", "this morning", "2023-11-10", "2023-11-10", "day"),
    ("The strike came yesterday.", "yesterday", "2023-11-09", "2023-11-09", "day"),
    ("It happened yesterday morning.", "yesterday morning", "2023-11-09", "2023-11-09", "day"),
    ("Rockets fell last night.", "last night", "2023-11-09", "2023-11-09", "day"),
    ("the day before yesterday", "the day before yesterday", "2023-11-08", "2023-11-08", "day"),
    ("Talks resume tomorrow.", "tomorrow", "2023-11-11", "2023-11-11", "day"),
    ("Drones struck overnight.", "overnight", "2023-11-09", "2023-11-10", "range"),
    ("The strike came on Sunday.", "Sunday", "2023-11-05", "2023-11-05", "day"),
    ("The strike came late on Tuesday.", "Tuesday", "2023-11-07", "2023-11-07", "day"),
    ("The strike came Tuesday night.", "Tuesday night", "2023-11-07", "2023-11-07", "day"),
    ("The strike came on Friday.", "Friday", "2023-11-10", "2023-11-10", "day"),
    ("The strike came last Friday.", "last Friday", "2023-11-03", "2023-11-03", "day"),
    ("The strike came last Tuesday.", "last Tuesday", "2023-11-07", "2023-11-07", "day"),
    ("Talks resume next Monday.", "next Monday", "2023-11-13", "2023-11-13", "day"),
    ("Strikes rose last week.", "last week", "2023-10-30", "2023-11-05", "range"),
    ("Strikes rose this week.", "this week", "2023-11-06", "2023-11-12", "range"),
    ("Talks resume next week.", "next week", "2023-11-13", "2023-11-19", "range"),
    ("Strikes rose last month.", "last month", "2023-10-01", "2023-10-31", "month"),
    ("Strikes rose this month.", "this month", "2023-11-01", "2023-11-30", "month"),
    ("Strikes rose this year.", "this year", "2023-01-01", "2023-12-31", "year"),
    ("Strikes rose last year.", "last year", "2022-01-01", "2022-12-31", "year"),
    ("Strikes rose earlier this month.", "earlier this month", "2023-11-01", "2023-11-10",
     "range"),
    ("Strikes rose earlier this week.", "earlier this week", "2023-11-06", "2023-11-10", "range"),
    ("Strikes rose late last month.", "late last month", "2023-10-21", "2023-10-31", "range"),
    ("Strikes rose early this year.", "early this year", "2023-01-01", "2023-04-30", "range"),
    ("Strikes rose late last week.", "late last week", "2023-11-02", "2023-11-05", "range"),
    ("A drone hit two days ago.", "two days ago", "2023-11-08", "2023-11-08", "day"),
    ("A drone hit 3 days ago.", "3 days ago", "2023-11-07", "2023-11-07", "day"),
    ("A drone hit three weeks ago.", "three weeks ago", "2023-10-16", "2023-10-22", "range"),
    ("A drone hit a month ago.", "a month ago", "2023-10-01", "2023-10-31", "month"),
    ("A drone hit two years ago.", "two years ago", "2021-01-01", "2021-12-31", "year"),
    ("A drone hit a few days ago.", "a few days ago", "2023-11-03", "2023-11-08", "range"),
    ("A drone hit hours ago.", "hours ago", "2023-11-10", "2023-11-10", "day"),
    ("In recent days, videos appeared.", "In recent days", "2023-11-03", "2023-11-10", "range"),
    ("in recent weeks, videos appeared", "in recent weeks", "2023-10-13", "2023-11-10", "range"),
    ("over the past week, videos appeared", "over the past week", "2023-11-03", "2023-11-10",
     "range"),
    ("in the past 24 hours, videos appeared", "in the past 24 hours", "2023-11-09", "2023-11-10",
     "range"),
    ("in the last two weeks, videos appeared", "in the last two weeks", "2023-10-27",
     "2023-11-10", "range"),
    ("over the past few days, videos appeared", "over the past few days", "2023-11-03",
     "2023-11-10", "range"),
    ("Strikes rose last weekend.", "last weekend", "2023-11-04", "2023-11-05", "range"),
    ("Strikes rose over the weekend.", "over the weekend", "2023-11-04", "2023-11-05", "range"),
    ("Talks are set for this weekend.", "this weekend", "2023-11-11", "2023-11-12", "range"),
    ("Strikes rose last October.", "last October", "2023-10-01", "2023-10-31", "month"),
]


@pytest.mark.parametrize("text, span, start, end, precision", RELATIVE)
def test_relative(text, span, start, end, precision):
    mention = only(text)
    assert mention.span.text == span
    check(mention, start, end, precision, "relative")


@pytest.mark.parametrize("weekday, expected", [
    ("Monday", "2023-11-06"), ("Tuesday", "2023-11-07"), ("Wednesday", "2023-11-08"),
    ("Thursday", "2023-11-09"), ("Friday", "2023-11-10"), ("Saturday", "2023-11-04"),
    ("Sunday", "2023-11-05"),
])
def test_weekday_is_latest_on_or_before_published(weekday, expected):
    check(only(f"The attack took place on {weekday}."), expected, expected, "day", "relative")


def test_weekend_rules_on_a_sunday():
    sunday = D("2023-11-12")
    check(only("Strikes rose last weekend.", sunday), "2023-11-04", "2023-11-05", "range",
          "relative")
    check(only("Strikes rose over the weekend.", sunday), "2023-11-11", "2023-11-12", "range",
          "relative")


# ---------------------------------------------------------------------- anaphoric

ANCHOR = "On October 8 drones hit a base. "
ANAPHORIC = [
    # follow-up text, span text, start, end, precision
    ("That same day a meeting was held.", "That same day", "2023-10-08", "2023-10-08", "day"),
    ("A meeting was held the same day.", "the same day", "2023-10-08", "2023-10-08", "day"),
    ("A meeting was held that day.", "that day", "2023-10-08", "2023-10-08", "day"),
    ("A meeting was held the day after.", "the day after", "2023-10-09", "2023-10-09", "day"),
    ("A meeting was held the next day.", "the next day", "2023-10-09", "2023-10-09", "day"),
    ("The following day a meeting was held.", "The following day", "2023-10-09", "2023-10-09",
     "day"),
    ("A day later a meeting was held.", "A day later", "2023-10-09", "2023-10-09", "day"),
    ("A meeting was held the day before.", "the day before", "2023-10-07", "2023-10-07", "day"),
    ("A meeting was held the previous day.", "the previous day", "2023-10-07", "2023-10-07",
     "day"),
    ("Two days later a meeting was held.", "Two days later", "2023-10-10", "2023-10-10", "day"),
    ("A week later a meeting was held.", "A week later", "2023-10-15", "2023-10-15", "day"),
    ("Earlier in the day a meeting was held.", "Earlier in the day", "2023-10-08", "2023-10-08",
     "day"),
    ("A meeting was held later that day.", "later that day", "2023-10-08", "2023-10-08", "day"),
    ("Hours later a meeting was held.", "Hours later", "2023-10-08", "2023-10-08", "day"),
    ("Days later a meeting was held.", "Days later", "2023-10-10", "2023-10-15", "range"),
]


@pytest.mark.parametrize("text, span, start, end, precision", ANAPHORIC)
def test_anaphoric(text, span, start, end, precision):
    first, second = find_dates(ANCHOR + text, PUB)
    check(first, "2023-10-08", "2023-10-08", "day", "absolute")
    assert second.span.text == span
    check(second, start, end, precision, "anaphoric")


def test_anaphora_use_the_latest_day_in_text_order():
    text = "On October 12 a drone hit. On October 8 a rocket fell. The next day, more."
    assert [m.range.start for m in find_dates(text, PUB)] == [
        D("2023-10-12"), D("2023-10-08"), D("2023-10-09")]


def test_ranges_do_not_become_anchors():
    text = "On October 8 a drone hit. In mid-October two more. That day, a third."
    mentions = find_dates(text, PUB)
    assert mentions[-1].range.start == D("2023-10-08")


def test_anaphora_chain_from_relative_dates():
    text = "A drone struck on Monday. The next day a rocket fell."
    assert [m.range.start for m in find_dates(text, PUB)] == [D("2023-11-06"), D("2023-11-07")]


def test_anaphor_without_anchor_is_unresolved():
    mention = only("The next day a meeting was held.")
    assert mention.kind == "anaphoric"
    assert (mention.range.start, mention.range.end, mention.range.precision) == (
        None, None, "unknown")


def test_day_after_an_event_is_not_anchor_plus_one():
    # apposition: the phrase names the date beside it
    first, second = find_dates("On October 8, the day after Hamas launched its attack, ...", PUB)
    check(second, "2023-10-08", "2023-10-08", "day", "anaphoric")
    # relative to an event whose date is not given: left unresolved
    first, second = find_dates("On October 8 a rocket fell. The day after the raid, more.", PUB)
    assert second.span.text == "The day after" and second.range.precision == "unknown"


# -------------------------------------------------------------------------- open

def test_since_is_an_open_range_to_publication():
    check(only("attacks since October 7, when Hamas struck"), "2023-10-07", "2023-11-10",
          "range", "open")
    assert only("attacks since October 7").span.text == "since October 7"
    check(only("Ever since mid-October, raids"), "2023-10-11", "2023-11-10", "range", "open")
    check(only("attacks since last week"), "2023-10-30", "2023-11-10", "range", "open")
    check(only("attacks since 2020"), "2020-01-01", "2023-11-10", "range", "open")
    check(only("Since Saturday, 300 rockets"), "2023-11-04", "2023-11-10", "range", "open")


def test_anaphora_over_weeks_and_event_relative_phrases():
    text = ("Hamas attacked on October 7. Nearly two weeks later, on October 19, missiles flew. "
            "Two weeks before the election, a third.")
    mentions = find_dates(text, PUB)
    assert [(m.span.text, m.range.start) for m in mentions] == [
        ("October 7", D("2023-10-07")), ("two weeks later", D("2023-10-21")),
        ("October 19", D("2023-10-19")), ("Two weeks before", None)]


# ----------------------------------------------------------------------- not dates

@pytest.mark.parametrize("text", [
    "The strike came at 3 p.m. local time.",
    "A 19-year-old was among the dead.",
    "The siege lasted for two weeks.",
    "They traded fire on a near-daily basis.",
    "At the end of the day, it does not like to take risks.",
    "the 2006 war with Israel",
    "the October offensive",
    "They may attack again; a march was held.",
    "killed 300 people and wounded 2,000",
    "Fighting went on day after day.",
    "Mondays are quiet at the base.",
    "Resolution 2334 was cited.",
    "on February 30 nothing happened",
])
def test_not_dates(text):
    assert find_dates(text, PUB) == []


def test_spaced_dash_followed_by_a_number_is_not_a_range():
    mention = only("On October 16 – 20 people were killed.")
    assert mention.span.text == "October 16"
    check(mention, "2023-10-16", "2023-10-16", "day", "absolute")


# -------------------------------------------------------------- unknown publication

@pytest.mark.parametrize("text, kind", [
    ("Ships were hit on October 19.", "absolute"),
    ("in mid-October", "absolute"),
    ("in October", "absolute"),
    ("yesterday", "relative"),
    ("on Sunday", "relative"),
    ("last week", "relative"),
    ("in recent days", "relative"),
    ("since October 7", "open"),
])
def test_without_publication_date_nothing_is_guessed(text, kind):
    mention = only(text, None)
    assert mention.kind == kind
    assert (mention.range.start, mention.range.end, mention.range.precision) == (
        None, None, "unknown")
    assert mention.range.text == mention.span.text


def test_without_publication_date_explicit_years_still_resolve():
    first, second, third = find_dates(
        "On October 8, 2023 drones hit. The next day, more. Since 7 October 2023, raids.", None)
    check(first, "2023-10-08", "2023-10-08", "day", "absolute")
    check(second, "2023-10-09", "2023-10-09", "day", "anaphoric")
    check(third, "2023-10-07", None, "range", "open")  # open end: no publication date


# -------------------------------------------------------------------- year rollover

@pytest.mark.parametrize("text, start, end, precision", [
    ("on December 30", "2023-12-30", "2023-12-30", "day"),
    ("on January 2", "2024-01-02", "2024-01-02", "day"),
    ("on January 4", "2024-01-04", "2024-01-04", "day"),  # +1 day tolerance
    ("on January 5", "2023-01-05", "2023-01-05", "day"),
    ("in late December", "2023-12-21", "2023-12-31", "range"),
    ("last month", "2023-12-01", "2023-12-31", "month"),
    ("last week", "2023-12-25", "2023-12-31", "range"),
    ("last year", "2023-01-01", "2023-12-31", "year"),
    ("on Saturday", "2023-12-30", "2023-12-30", "day"),
])
def test_year_rollover(text, start, end, precision):
    mention = only(text, D("2024-01-03"))  # a Wednesday
    assert (mention.range.start, mention.range.end, mention.range.precision) == (
        D(start), D(end), precision)


# ---------------------------------------------------------------------- seed article

def test_seed_article():
    path = SHARED / "seed" / "seed-article.txt"
    if not path.exists():
        pytest.skip(f"SEED ARTICLE MISSING: {path} not found; seed date checks NOT run")
    text = path.read_text(encoding="utf-8")
    mentions = find_dates(text, PUB)
    by_text: dict[str, list[DateMention]] = {}
    for mention in mentions:
        by_text.setdefault(mention.span.text, []).append(mention)
        assert text[mention.span.start:mention.span.end] == mention.span.text

    def day(phrase: str, expected: str) -> None:
        assert phrase in by_text, sorted(by_text)
        for mention in by_text[phrase]:
            check(mention, expected, expected, "day", mention.kind)

    day("October 19", "2023-10-19")
    day("October 23", "2023-10-23")
    day("October 21", "2023-10-21")
    day("October 15", "2023-10-15")
    day("October 16", "2023-10-16")
    day("October 8", "2023-10-08")
    day("October 7", "2023-10-07")  # "the Hamas terrorist attack on Israel of October 7"
    assert text[by_text["October 21"][0].span.start - 5:].startswith("Iraq October 21")
    check(by_text["mid-October"][0], "2023-10-11", "2023-10-20", "range", "absolute")
    check(by_text["since October 7"][0], "2023-10-07", "2023-11-10", "range", "open")
    check(by_text["that same day"][0], "2023-10-08", "2023-10-08", "day", "anaphoric")
    check(by_text["earlier in the day"][0], "2023-10-23", "2023-10-23", "day", "anaphoric")
    check(by_text["In recent days"][0], "2023-11-03", "2023-11-10", "range", "relative")
    # "At the end of the day" and "on a near-daily basis" are not dates
    assert not any("end of the day" in m.span.text or "daily" in m.span.text for m in mentions)
    # the October 8 sentence: "On October 8, the day after Hamas launched ... that same day"
    sentence_start = text.index("On October 8, the day after")
    sentence_end = text.index(".", sentence_start)
    inside = [m for m in mentions if sentence_start <= m.span.start < sentence_end]
    assert {m.range.start for m in inside} == {D("2023-10-08")}


# ------------------------------------------------------------------- date_for_span

def test_date_for_span_picks_the_closest_resolved_mention():
    text = "On October 8 a drone hit; on October 12 a rocket fell. The day after the raid."
    mentions = find_dates(text, PUB)
    assert date_for_span(mentions, 0, len(text)).span.text == "October 8"
    near_rocket = text.index("rocket")
    assert date_for_span(mentions, 0, len(text), near=near_rocket).span.text == "October 12"
    second_sentence = text.index("The day after")
    assert date_for_span(mentions, second_sentence, len(text)).span.text == "The day after"
    assert date_for_span(mentions, 0, 3) is None  # "On " contains no mention
    assert date_for_span([], 0, 10) is None
    # a mention running past the end of the span is not inside it
    assert date_for_span(mentions, 0, text.index("October 8") + 5) is None


def test_date_for_span_prefers_resolved_over_unresolved():
    text = "The day after the raid, on October 12, a rocket fell."
    mentions = find_dates(text, PUB)
    assert date_for_span(mentions, 0, len(text), near=0).span.text == "October 12"


# ------------------------------------------------------------------------- records

def test_mention_round_trips_through_dict():
    mention = only("since October 7")
    assert DateMention.from_dict(mention.as_dict()) == mention
    assert mention.as_dict()["range"] == {
        "start": "2023-10-07", "end": "2023-11-10", "precision": "range",
        "text": "since October 7"}


# --------------------------------------------------------------------- performance

def test_first_character_hints_do_not_change_matches():
    """The scan regex's fast-rejection hints must not drop any match."""
    texts = [row[0] for row in ABSOLUTE] + [row[0] for row in RELATIVE] + [
        ANCHOR + row[0] for row in ANAPHORIC]
    path = SHARED / "seed" / "seed-article.txt"
    if path.exists():
        texts.append(path.read_text(encoding="utf-8"))
    text = "\n".join(texts)
    hinted, plain = _compile(hints=True), _compile(hints=False)
    assert [(m.span(), m.lastgroup) for m in hinted.finditer(text)] == [
        (m.span(), m.lastgroup) for m in plain.finditer(text)]


def test_a_possessive_makes_a_bare_month_or_year_a_date():
    found = find_dates("Boko Haram's 2014 abduction and September's delivery.", date(2021, 3, 2))
    assert [(m.span.text, m.range.start, m.range.precision) for m in found] == [
        ("2014", date(2014, 1, 1), "year"), ("September", date(2020, 9, 1), "month")]
    assert find_dates("the 2006 war and the October attack", date(2021, 3, 2)) == []
