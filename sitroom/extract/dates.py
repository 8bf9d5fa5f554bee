"""Find and resolve the date expressions of a document.

``find_dates(text, published)`` scans the text once with one precompiled regular
expression and resolves every date expression, in document order, to a
:class:`~sitroom.records.DateRange`:

- **absolute** -- "October 19", "Oct. 19", "19 October", "the 7th of October",
  "October 19, 2023", "2023-10-19", "Monday, Jan. 29", "January 2024" (month),
  "in October" (month), "in 2023" (year), "mid-October", "early 2024" and the
  ranges "October 17-20", "between October 17 and 20", "from Oct. 17 to Oct. 20".
- **relative** to the publication date -- "today", "yesterday", "(on) Sunday",
  "last week", "this month", "two days ago", "in recent days", "overnight", ...
- **anaphoric**, relative to the latest day-precision date resolved earlier in
  the text -- "that same day", "the next day", "a day later", "two days later",
  "earlier in the day", "hours later", ...
- **open** -- any of the above preceded by "since": "since October 7" is the
  range October 7 .. publication date.

Conventions (calendar arithmetic only, nothing is guessed):

- A day and month without a year take the most recent year in which that date
  is not after ``published`` + 1 day (the tolerance absorbs time zones). A month
  without a year ("in October") and a part of a month ("late October") do the
  same with the first day of the month or of the part. With no publication date
  such mentions stay unresolved: start/end None, precision "unknown", text kept.
- Parts of a month: early = 1..10, mid = 11..20, late = 21..last day ("beginning
  of" / "middle of" / "end of" likewise). Parts of a year: early = Jan..Apr, mid =
  May..Aug, late = Sep..Dec. Parts of a week: early = Mon..Wed, mid = Tue..Thu,
  late = Thu..Sun.
- Weeks run Monday..Sunday (ISO). "this week" is the calendar week of
  publication; "last week" is the Monday..Sunday before it; "N weeks ago" is the
  calendar week containing published - 7N; "earlier this week/month/year" runs
  from the start of the period to the publication day.
- A weekday ("Sunday", "late on Tuesday", "Tuesday night") is the most recent
  such weekday on or before publication (the publication weekday itself means
  the publication day); "last Tuesday" is the same except that it never means
  the publication day (then it is a week earlier); "next Tuesday" is the first
  one after publication.
- "last weekend" is the latest Saturday..Sunday ending before the publication
  day; "over/during/at the weekend" and "this past weekend" also accept the
  weekend the publication day falls in; "this weekend" is the weekend of the
  publication week.
- Inside a quotation whose attribution names a weekday ('"We struck them today,"
  the army said Tuesday'), "today", "yesterday", "tomorrow", "tonight" count from
  that day, not from publication.
- "overnight" is the range published-1 .. published (the night straddles both
  days); "last night" is published-1; "tonight" / "this morning" are published.
- "in recent days" = published-7 .. published, "in recent weeks" = published-28 ..
  published, "in recent months" = three months back .. published. "in / over /
  for the past N days|weeks|months|years|hours" = published minus that much ..
  published ("the past few days" counts as 7 days).
- Hour-scale anaphora ("hours later", "earlier in the day") keep the anchor day;
  "N days later/earlier" shift it; "a week later" shifts by 7 days. Vague counts
  ("days later", "a few days later") give the range anchor+2 .. anchor+7.
- "earlier in the week" / "earlier that month" run from the start of the anchor's
  week or month to the anchor; "later that week" from the anchor to the end of
  its week; "that (same) week", "the following week", "the previous month" are
  calendar periods around the anchor.
- "less than a week later/ago" is the range of 1..7 days after/before; "more
  than a week" 7..14 days.
- "N days after <something>" relates two dates: the mention's range is the date
  of the clause it modifies and ``complement`` the date of the event it
  introduces (N days earlier; "before": later). The clause date is a date named
  before the phrase in the same sentence ("On October 8, the day after Hamas
  launched ...", "arrived in February, weeks before being deported"), else, when
  the phrase follows its clause ("He spoke a day after the ministry reported
  ..."), the anchor. Sentence-initial ("The day after the raid, ...") it is left
  unresolved, except hour-scale phrases ("Hours after ...": the anchor).
- "since X" is the range X.start .. published (kind "open"); with no publication
  date but a resolvable X, ``end`` is None and precision "range".
- Not dates: times of day ("at 3 p.m."), ages ("a 19-year-old"), durations with no
  anchor ("for two weeks"), frequencies ("on a near-daily basis"), bare years
  without a preposition ("the 2006 war"), bare month names without a preposition
  ("the October attack"; "in October" is a date), except next to a possessive
  ("September's delivery", "Boko Haram's 2014 abduction"), which dates its noun.

``date_for_span(mentions, start, end, near)`` picks the mention an event
extractor should use for a clause or sentence.
"""

from __future__ import annotations

import calendar
import functools
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Callable, Mapping, Sequence

from ..records import DateRange, Span

__all__ = ["KINDS", "DateMention", "date_for_span", "find_dates"]

KINDS: tuple[str, ...] = ("absolute", "relative", "anaphoric", "open")


@dataclass(frozen=True)
class DateMention:
    """One date expression: where it is, what it resolves to and how it was resolved."""

    span: Span  # char offsets into the document text
    range: DateRange  # start/end None and precision "unknown" when unresolved
    kind: str  # one of KINDS
    # "a day after <the ministry reported ...>": the date of the event in the clause the
    # phrase introduces (range is the date of the clause the phrase modifies)
    complement: DateRange | None = None

    @property
    def resolved(self) -> bool:
        return self.range.start is not None

    def as_dict(self) -> dict[str, Any]:
        return {"span": self.span.as_dict(), "range": self.range.as_dict(), "kind": self.kind,
                "complement": self.complement.as_dict() if self.complement else None}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "DateMention":
        return cls(
            span=Span.from_dict(data["span"]), range=DateRange.from_dict(data["range"]),
            kind=str(data["kind"]),
            complement=DateRange.from_dict(data["complement"]) if data.get("complement") else None,
        )


# --------------------------------------------------------------------------- regex

_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_FULL = "|".join(_WEEKDAYS)
_WEEKDAY_ABBR = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\."
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "couple of": 2,
}
_NUM = (
    r"\d{1,3}|a\s+couple\s+of|couple\s+of|a\s+few|few|several|some|one|two|three|four|five"
    r"|six|seven|eight|nine|ten|eleven|twelve|an|a"
)
_PART = {  # part of a period: 0 = early, 1 = mid, 2 = late (see the module docstring)
    "early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1, "late": 2, "end": 2,
}
# Words that make a bare month name ("in October") or a bare year ("in 2023") a date.
_DATE_PREPOSITION = re.compile(
    r"(?i:\b(?:in|during|since|until|till|by|through|throughout|of|from|before|after|between"
    r"|around|starting|summer|spring|autumn|fall|winter))\s+$"
)
_SINCE = re.compile(r"(?i:\b(?:ever\s+)?since)\s+$")
_SPEECH = r"(?:said|says|told|stated|announced|added|wrote|posted|tweeted|declared|warned)"
# '..., the army said Tuesday.', 'The minister told reporters on Monday: "..."'
_SPEECH_DAY = re.compile(
    rf"\b{_SPEECH}\s+(?:[\w-]+\s+){{0,3}}?(?:on\s+|late\s+|early\s+)?(?P<sd1>{_WEEKDAY_FULL})\b"
    rf"|\b(?P<sd2>{_WEEKDAY_FULL}),?\s+(?:[\w-]+\s+){{0,3}}?{_SPEECH}\b"
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’]?\s+[\"'“‘]?[A-Z]|\n")
# "less than a week later" (1..7 days), "more than a week after" (7..14 days)
_QUALIFIERS = {"less than": "less", "fewer than": "less", "under": "less", "within": "less",
               "more than": "more"}


def _month(g: str) -> str:
    return rf"(?P<{g}>(?:{_MONTH_FULL})(?!\w)|(?:{_MONTH_ABBR})(?:\.|(?!\w)))"


def _day(g: str) -> str:
    return rf"(?P<{g}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w%]|[:.,]\d|\s*-\s*year)"


def _year(g: str) -> str:
    return rf"(?P<{g}>(?:19|20)\d\d)(?![\w%]|[:.,]\d|-\d)"


def _weekday_prefix(g: str) -> str:
    return rf"(?:(?P<{g}>(?:{_WEEKDAY_FULL})(?!\w)|{_WEEKDAY_ABBR}),?\s+)?"


def _alternatives() -> list[tuple[str, str, str]]:
    """(name, first characters, pattern) in priority order: at one position the first
    alternative that matches wins. "first characters" is a character class of every
    character the pattern can start with: a fast rejection test that halves the scan
    time (sre skips a branch whose leading lookahead fails without entering it)."""
    M, D, Y = _month, _day, _year
    sep = r"(?P<{}>\s*[-–](?![-–])\s*|\s+(?i:to|until|till|through|thru|and)\s+)"
    ypart = r"(?:,?\s+{})?"
    months = "JFMASOND"
    return [
        # ranges
        ("rng_md", "BbFf" + months,
         rf"(?:(?P<rmd_pre>(?i:from|between))\s+)?{M('rmd_m1')}\s+{D('rmd_d1')}"
         rf"{ypart.format(Y('rmd_y1'))}{sep.format('rmd_sep')}"
         rf"(?:{M('rmd_m2')}\s+)?{D('rmd_d2')}{ypart.format(Y('rmd_y2'))}"),
        ("rng_dm", "BbFfTt0-9",
         rf"(?:(?P<rdm_pre>(?i:from|between))\s+)?(?:the\s+)?{D('rdm_d1')}"
         rf"(?:\s+{M('rdm_m1')}{ypart.format(Y('rdm_y1'))})?{sep.format('rdm_sep')}"
         rf"(?:the\s+)?{D('rdm_d2')}(?:\s+of)?\s+{M('rdm_m2')}{ypart.format(Y('rdm_y2'))}"),
        # parts of a named month or year: "mid-October", "late October 2023", "early 2024"
        ("mod", "EeMmLlTtBbSs",
         r"(?P<mod_w>(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of))"
         rf"(?:\s*-\s*|\s+)(?:{M('mod_m')}{ypart.format(Y('mod_y'))}|{Y('mod_y2')})"
         r"(?!\.?\s+\d)"),
        # parts of a relative period: "earlier this month", "late last week"
        ("relmod", "EeMmLl",
         r"(?P<rmod_w>(?i:early|earlier|mid|late|later))(?:\s*-\s*|\s+)"
         r"(?P<rmod_r>(?i:this|last|next))\s+(?P<rmod_u>(?i:week|month|year))(?!\w)"),
        ("iso", "12",
         r"(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>1[0-2]|0[1-9])-(?P<iso_d>3[01]|[12]\d|0[1-9])"
         r"(?!\d)"),
        ("md", months + "TW",
         rf"{_weekday_prefix('md_wd')}{M('md_m')}\s+(?:the\s+)?{D('md_d')}"
         rf"{ypart.format(Y('md_y'))}"),
        ("dm", "MTWFSt0-9",
         rf"{_weekday_prefix('dm_wd')}(?:the\s+)?{D('dm_d')}(?:\s+of)?\s+{M('dm_m')}"
         rf"{ypart.format(Y('dm_y'))}"),
        ("my", months, rf"{M('my_m')},?\s+{Y('my_y')}"),
        ("mon", "LlTtNn" + months,
         rf"(?:(?P<mon_mod>(?i:last|this|next))\s+)?(?P<mon_m>{_MONTH_FULL})(?!\w)"),
        # relative to publication
        ("dbyest", "Tt", r"(?i:the\s+day\s+before\s+yesterday)(?!\w)"),
        ("today", "Tt", r"(?i:today|tonight|this\s+(?:morning|afternoon|evening))(?!\w)"),
        ("yest", "YyLl",
         r"(?i:yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night)(?!\w)"),
        ("tomorrow", "Tt", r"(?i:tomorrow)(?!\w)"),
        ("overnight", "Oo", r"(?i:overnight)(?!\w)"),
        # "two days ago" (relative) and "two days later", "hours after" (anaphoric)
        ("count", "0-9AaCcFfSsOoTtEeNnHhMmDdWwYyLlUu",
         r"(?:(?P<cnt_q>(?i:less\s+than|fewer\s+than|under|within|more\s+than))\s+)?"
         rf"(?:(?P<cnt_n>(?i:the|{_NUM}))\s+)?"
         r"(?P<cnt_u>(?i:hours?|minutes?|moments?|days?|nights?|weeks?|months?|years?))\s+"
         r"(?P<cnt_dir>(?i:ago|later|afterwards?|after|earlier|before|prior\s+to|prior))(?!\w)"),
        ("weekend", "LlTtPpNnOoDdAa",
         r"(?P<wk_p>(?i:last|this\s+past|past|this|next|over\s+the\s+past"
         r"|over\s+the\s+last|over\s+the|during\s+the|at\s+the|on\s+the))\s+(?i:weekend)(?!\w)"),
        ("roll", "IiOoDdFfWwTt",
         r"(?:(?i:in|over|during|for|within|throughout)\s+(?i:the\s+(?:past|last))"
         r"|(?i:this\s+past))"
         rf"\s+(?:(?P<roll_n>(?i:{_NUM}))\s+)?"
         r"(?P<roll_u>(?i:hours|days?|weeks?|months?|years?))(?!\w)"),
        ("recent", "IiOoDdRr",
         r"(?:(?i:in|over|during)\s+)?(?i:recent)\s+(?P<rec_u>(?i:days|weeks|months))(?!\w)"),
        ("cal", "LlTtNn",
         r"(?<![Tt]he\s)(?P<cal_r>(?i:last|this|next))\s+(?P<cal_u>(?i:week|month|year))"
         r"(?![\w'’]|\s+of\b)"),
        ("weekday", "LlTtPpNnMWFS",
         r"(?:(?P<wd_mod>(?i:last|this\s+past|past|this|next))\s+)?"
         rf"(?P<wd_d>{_WEEKDAY_FULL})(?!\w)"
         r"(?:\s+(?i:night|morning|afternoon|evening)(?!\w))?"),
        # anaphoric: relative to the latest day-precision date before
        ("ana_same", "LlEeTt",
         r"(?:(?i:later|earlier)\s+)?(?i:that\s+same|the\s+same|that\s+very|that)"
         r"\s+(?i:day|night|morning|afternoon|evening)(?![\w-])"),
        ("ana_inday", "LlEe",
         r"(?i:(?:later|earlier)\s+in\s+the\s+(?:day|morning|afternoon|evening))(?![\w-])"),
        ("ana_next", "Tt",
         r"(?i:the\s+(?:next|following|subsequent)\s+(?:day|morning|afternoon|evening|night))"
         r"(?![\w-])"),
        ("ana_prev", "Tt",
         r"(?i:the\s+(?:previous|preceding|prior)\s+(?:day|morning|afternoon|evening|night))"
         r"(?![\w-])"),
        ("ana_period", "EeLlTt",
         r"(?:(?P<ap_w>(?i:earlier|later))\s+(?i:in\s+the|that)"
         r"|(?P<ap_d>(?i:that(?:\s+same)?|the\s+same|the\s+following|the\s+previous"
         r"|the\s+preceding|the\s+prior)))\s+(?P<ap_u>(?i:week|month))(?![\w'’-])"),
        ("year", "12", rf"{Y('yr_y')}"),
    ]


def _compile(hints: bool = True) -> re.Pattern[str]:
    body = "|".join(
        (f"(?=[{first}])" if hints else "") + f"(?P<{name}>{pattern})"
        for name, first, pattern in _alternatives()
    )
    return re.compile(rf"\b(?=\w)(?:{body})")


@functools.cache
def _master() -> re.Pattern[str]:
    """The one scanning regex, compiled on first use."""
    return _compile()


# ----------------------------------------------------------------- calendar helpers

def _month_no(name: str) -> int:
    return ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
            "dec").index(name[:3].lower()) + 1


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _shift_month(year: int, month: int, n: int) -> tuple[int, int]:
    y, m = divmod(year * 12 + month - 1 + n, 12)
    return y, m + 1


def _minus_months(d: date, n: int) -> date:
    y, m = _shift_month(d.year, d.month, -n)
    return date(y, m, min(d.day, _last_day(y, m)))


def _valid_day(month: int, day: int) -> bool:
    return day <= _last_day(2000, month)  # 2000 is a leap year: February 29 exists


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, _last_day(year, month))


def _part_of_month(year: int, month: int, part: int) -> tuple[date, date]:
    first, last = ((1, 10), (11, 20), (21, _last_day(year, month)))[part]
    return date(year, month, first), date(year, month, last)


def _part_of_year(year: int, part: int) -> tuple[date, date]:
    m0 = 1 + 4 * part
    return date(year, m0, 1), date(year, m0 + 3, _last_day(year, m0 + 3))


def _week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _number(word: str | None) -> int | None:
    """1..n for a count word or digits, 0 for no word, None for a vague count ("a few")."""
    if not word:
        return 0
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


_Range = tuple[date | None, date | None, str]  # start, end, precision
_Hit = tuple[int, int, _Range, str] | None  # span start, span end, range, kind
_UNKNOWN: _Range = (None, None, "unknown")


def _day_range(d: date | None) -> _Range:
    return (d, d, "day") if d else _UNKNOWN


def _span_range(lo: date, hi: date) -> _Range:
    return (lo, hi, "day" if lo == hi else "range")


# --------------------------------------------------------------------- resolution

class _Resolver:
    """Resolves one match at a time, remembering the anaphoric anchor."""

    def __init__(self, text: str, published: date | None) -> None:
        self.text = text
        self.published = published
        self.limit = published + timedelta(days=1) if published else None
        self.anchor: date | None = None  # latest day-precision date so far
        self.previous: DateMention | None = None
        self.complement: _Range | None = None  # set by a handler: see DateMention.complement
        self.handlers: dict[str, Callable[[re.Match[str]], _Hit]] = {
            name: getattr(self, "_" + name) for name, _, _ in _alternatives()
        }

    def resolve(self, m: re.Match[str]) -> DateMention | None:
        name = m.lastgroup
        if name is None:  # pragma: no cover - every alternative is a named group
            return None
        hit = self.handlers[name](m)
        if hit is None:
            return None
        start, end, (lo, hi, precision), kind = hit
        since = _SINCE.search(self.text, max(0, start - 16), start)
        if since:  # "since October 7": from that date to publication
            start, kind = since.start(), "open"
            if lo is not None:
                if self.published is None:
                    hi = None
                elif self.published >= lo:
                    hi = self.published
                precision = "range"
        words = self.text[start:end]
        complement, self.complement = self.complement, None
        mention = DateMention(
            Span(start, end, words), DateRange(lo, hi, precision, words), kind,
            DateRange(*complement, words) if complement and complement[0] is not None else None,
        )
        if precision == "day" and lo is not None:
            self.anchor = lo
        self.previous = mention
        return mention

    # -- year inference -------------------------------------------------------
    def _year_for(self, month: int, day: int) -> int | None:
        """Most recent year where month/day is not after published + 1 day."""
        if self.limit is None:
            return None
        for year in range(self.limit.year, self.limit.year - 9, -1):
            if day <= _last_day(year, month) and date(year, month, day) <= self.limit:
                return year
        return None  # pragma: no cover - February 29 recurs within 8 years

    def _preceded_by_preposition(self, start: int) -> bool:
        return _DATE_PREPOSITION.search(self.text, max(0, start - 16), start) is not None

    def _possessive(self, start: int, end: int) -> bool:
        """"September's delivery", "Boko Haram's 2014 abduction": a possessive dates the
        noun it belongs to."""
        return self.text[end:end + 2] in ("'s", "’s") or self.text[max(0, start - 3):start] in ("'s ", "’s ")

    # -- absolute -------------------------------------------------------------
    def _absolute_day(self, m: re.Match[str], mg: str, dg: str, yg: str) -> _Range | None:
        month, day = _month_no(m.group(mg)), int(m.group(dg))
        if not _valid_day(month, day):
            return None
        year = int(m.group(yg)) if m.group(yg) else self._year_for(month, day)
        if year is None:
            return _UNKNOWN
        if day > _last_day(year, month):
            return None
        return _day_range(date(year, month, day))

    def _md(self, m: re.Match[str]) -> _Hit:
        rng = self._absolute_day(m, "md_m", "md_d", "md_y")
        return None if rng is None else (m.start(), m.end(), rng, "absolute")

    def _dm(self, m: re.Match[str]) -> _Hit:
        rng = self._absolute_day(m, "dm_m", "dm_d", "dm_y")
        return None if rng is None else (m.start(), m.end(), rng, "absolute")

    def _iso(self, m: re.Match[str]) -> _Hit:
        y, mo, d = int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d"))
        if d > _last_day(y, mo):
            return None
        return m.start(), m.end(), _day_range(date(y, mo, d)), "absolute"

    def _range(self, m: re.Match[str], p: str, dm_order: bool) -> _Hit:
        pre, sep = m.group(p + "_pre"), m.group(p + "_sep")
        sep_word = sep.strip().lower()
        m1, m2 = m.group(p + "_m1"), m.group(p + "_m2")
        d1, d2 = int(m.group(p + "_d1")), int(m.group(p + "_d2"))
        y1, y2 = m.group(p + "_y1"), m.group(p + "_y2")
        ok = not (sep_word == "and" and (pre or "").lower() != "between")
        if ok and sep_word in ("-", "–") and sep != sep.strip():
            ok = (m2 if not dm_order else m1) is not None  # "October 16 – 20 people" is no range
        if not ok:  # keep only the one complete date of the match
            if dm_order:
                s = m.start(p + "_d2")
                rng = self._absolute_day(m, p + "_m2", p + "_d2", p + "_y2")
                return None if rng is None else (s, m.end(), rng, "absolute")
            end = m.end(p + "_y1") if y1 else m.end(p + "_d1")
            rng = self._absolute_day(m, p + "_m1", p + "_d1", p + "_y1")
            start = m.start(p + "_m1")
            return None if rng is None else (start, end, rng, "absolute")
        mo1 = _month_no(m1 or m2)
        mo2 = _month_no(m2 or m1)
        if not (_valid_day(mo1, d1) and _valid_day(mo2, d2)):
            return None
        if y1:
            year1 = int(y1)
        elif y2:
            year1 = int(y2) if (mo1, d1) <= (mo2, d2) else int(y2) - 1
        else:
            year1 = self._year_for(mo1, d1)
        if year1 is None:
            return m.start(), m.end(), _UNKNOWN, "absolute"
        year2 = int(y2) if y2 else (year1 if (mo1, d1) <= (mo2, d2) else year1 + 1)
        if d1 > _last_day(year1, mo1) or d2 > _last_day(year2, mo2):
            return None
        lo, hi = date(year1, mo1, d1), date(year2, mo2, d2)
        if hi < lo:
            return None
        return m.start(), m.end(), _span_range(lo, hi), "absolute"

    def _rng_md(self, m: re.Match[str]) -> _Hit:
        return self._range(m, "rmd", dm_order=False)

    def _rng_dm(self, m: re.Match[str]) -> _Hit:
        return self._range(m, "rdm", dm_order=True)

    def _mod(self, m: re.Match[str]) -> _Hit:
        part = next(_PART[w] for w in m.group("mod_w").lower().split() if w in _PART)
        if m.group("mod_y2"):
            lo, hi = _part_of_year(int(m.group("mod_y2")), part)
            return m.start(), m.end(), (lo, hi, "range"), "absolute"
        month = _month_no(m.group("mod_m"))
        if m.group("mod_y"):
            year: int | None = int(m.group("mod_y"))
        else:
            first = _part_of_month(2001, month, part)[0].day
            year = self._year_for(month, first)
        if year is None:
            return m.start(), m.end(), _UNKNOWN, "absolute"
        lo, hi = _part_of_month(year, month, part)
        return m.start(), m.end(), (lo, hi, "range"), "absolute"

    def _my(self, m: re.Match[str]) -> _Hit:
        year, month = int(m.group("my_y")), _month_no(m.group("my_m"))
        return m.start(), m.end(), (*_month_range(year, month), "month"), "absolute"

    def _mon(self, m: re.Match[str]) -> _Hit:
        mod = (m.group("mon_mod") or "").lower()
        if not mod and not self._preceded_by_preposition(m.start()) and not self._possessive(m.start(), m.end()):
            return None
        month = _month_no(m.group("mon_m"))
        kind = "relative" if mod else "absolute"
        if self.published is None:
            return m.start(), m.end(), _UNKNOWN, kind
        pub = self.published
        if mod == "last":  # the latest such month before the publication month
            year = pub.year if month < pub.month else pub.year - 1
        elif mod == "next":
            year = pub.year if month > pub.month else pub.year + 1
        elif mod == "this":
            year = pub.year
        else:
            year = self._year_for(month, 1) or pub.year
        return m.start(), m.end(), (*_month_range(year, month), "month"), kind

    def _year(self, m: re.Match[str]) -> _Hit:
        if not self._preceded_by_preposition(m.start()) and not self._possessive(m.start(), m.end()):
            return None
        year = int(m.group("yr_y"))
        return m.start(), m.end(), (date(year, 1, 1), date(year, 12, 31), "year"), "absolute"

    # -- relative to publication ------------------------------------------------
    def _rel(self, m: re.Match[str], compute: Callable[[date], _Range], *, spoken: bool = False) -> _Hit:
        now = (self._speech_day(m.start()) if spoken else None) or self.published
        rng = compute(now) if now else _UNKNOWN
        return m.start(), m.end(), rng, "relative"

    def _speech_day(self, pos: int) -> date | None:
        """The day of the statement a quotation comes from, when its attribution names a
        weekday ('"We struck them today," the army said Tuesday'): the speaker's "today"."""
        quote = self._quotation(pos)
        if quote is None or self.published is None:
            return None
        opening, closing = quote
        after = self.text[closing:closing + 120]
        end = _SENTENCE_END.search(after)
        before = self.text[max(0, opening - 120):opening]
        start = max((b.end() for b in _SENTENCE_END.finditer(before)), default=0)
        said = _SPEECH_DAY.search(after[:end.start() + 1] if end else after) or _SPEECH_DAY.search(before[max(0, start - 1):])
        if said is None:
            return None
        back = (self.published.weekday() - _WEEKDAYS.index(said.group("sd1") or said.group("sd2"))) % 7
        return self.published - timedelta(days=back)

    def _quotation(self, pos: int) -> tuple[int, int] | None:
        """(opening, closing) offsets of the quotation marks around ``pos`` in its paragraph."""
        first = self.text.rfind("\n", 0, pos) + 1
        before = self.text[first:pos]
        if before.rfind("“") > before.rfind("”"):
            opening, closing = first + before.rfind("“"), self.text.find("”", pos)
        elif before.count('"') % 2 == 1:
            opening, closing = first + before.rfind('"'), self.text.find('"', pos)
        else:
            return None
        return (opening, closing + 1) if closing != -1 else None

    def _dbyest(self, m: re.Match[str]) -> _Hit:
        return self._rel(m, lambda p: _day_range(p - timedelta(days=2)), spoken=True)

    def _today(self, m: re.Match[str]) -> _Hit:
        return self._rel(m, _day_range, spoken=True)

    def _yest(self, m: re.Match[str]) -> _Hit:
        return self._rel(m, lambda p: _day_range(p - timedelta(days=1)), spoken=True)

    def _tomorrow(self, m: re.Match[str]) -> _Hit:
        return self._rel(m, lambda p: _day_range(p + timedelta(days=1)), spoken=True)

    def _overnight(self, m: re.Match[str]) -> _Hit:
        return self._rel(m, lambda p: (p - timedelta(days=1), p, "range"))

    def _weekend(self, m: re.Match[str]) -> _Hit:
        how = " ".join(m.group("wk_p").lower().split())

        def compute(p: date) -> _Range:
            saturday = _week_start(p) + timedelta(days=5)
            if how == "next":
                saturday += timedelta(days=7)
            elif how != "this" and (how == "last" or saturday > p):
                # "last weekend": the latest weekend ending before the publication day
                sunday = p - timedelta(days=(p.weekday() - 6) % 7 or 7)
                saturday = sunday - timedelta(days=1)
            return (saturday, saturday + timedelta(days=1), "range")

        return self._rel(m, compute)

    def _roll(self, m: re.Match[str]) -> _Hit:
        n = _number(m.group("roll_n"))
        unit = m.group("roll_u").lower().rstrip("s")

        def compute(p: date) -> _Range:
            count = 1 if n == 0 else n
            if unit == "hour":
                return _span_range(p - timedelta(days=max(1, -(-(count or 24) // 24))), p)
            if count is None:  # "the past few days/weeks/months/years"
                return _recent_range(p, unit)
            if unit == "day":
                return _span_range(p - timedelta(days=count), p)
            if unit == "week":
                return _span_range(p - timedelta(days=7 * count), p)
            if unit == "month":
                return _span_range(_minus_months(p, count), p)
            return _span_range(_minus_months(p, 12 * count), p)

        return self._rel(m, compute)

    def _recent(self, m: re.Match[str]) -> _Hit:
        unit = m.group("rec_u").lower()
        return self._rel(m, lambda p: _recent_range(p, unit))

    def _cal(self, m: re.Match[str]) -> _Hit:
        which, unit = m.group("cal_r").lower(), m.group("cal_u").lower()
        shift = {"last": -1, "this": 0, "next": 1}[which]
        return self._rel(m, lambda p: _period(p, unit, shift))

    def _relmod(self, m: re.Match[str]) -> _Hit:
        word = m.group("rmod_w").lower()
        which, unit = m.group("rmod_r").lower(), m.group("rmod_u").lower()
        shift = {"last": -1, "this": 0, "next": 1}[which]

        def compute(p: date) -> _Range:
            lo, hi, _ = _period(p, unit, shift)
            if word == "earlier" and shift == 0:
                return _span_range(lo, max(lo, p))
            if word == "later" and shift == 0:
                return _span_range(min(p, hi), hi)
            part = {"early": 0, "earlier": 0, "mid": 1, "late": 2, "later": 2}[word]
            if unit == "month":
                return (*_part_of_month(lo.year, lo.month, part), "range")
            if unit == "year":
                return (*_part_of_year(lo.year, part), "range")
            first, last = ((0, 2), (1, 3), (3, 6))[part]
            return (lo + timedelta(days=first), lo + timedelta(days=last), "range")

        return self._rel(m, compute)

    def _weekday(self, m: re.Match[str]) -> _Hit:
        mod = " ".join((m.group("wd_mod") or "").lower().split())
        target = _WEEKDAYS.index(m.group("wd_d"))
        start = m.start() if mod else m.start("wd_d")

        def compute(p: date) -> _Range:
            if mod == "next":
                return _day_range(p + timedelta(days=(target - p.weekday()) % 7 or 7))
            back = (p.weekday() - target) % 7
            if mod == "last" and back == 0:
                back = 7
            return _day_range(p - timedelta(days=back))

        _, end, rng, kind = self._rel(m, compute)
        return start, end, rng, kind

    # -- anaphoric --------------------------------------------------------------
    def _ana(self, m: re.Match[str], days: int) -> _Hit:
        """The day anchor shifted by ``days`` ("that day", "the next day", "hours later")."""
        if self.anchor is None:
            return m.start(), m.end(), _UNKNOWN, "anaphoric"
        return m.start(), m.end(), _day_range(self.anchor + timedelta(days=days)), "anaphoric"

    def _ana_same(self, m: re.Match[str]) -> _Hit:
        return self._ana(m, 0)

    def _ana_inday(self, m: re.Match[str]) -> _Hit:
        return self._ana(m, 0)

    def _ana_next(self, m: re.Match[str]) -> _Hit:
        return self._ana(m, 1)

    def _ana_prev(self, m: re.Match[str]) -> _Hit:
        return self._ana(m, -1)

    def _ana_period(self, m: re.Match[str]) -> _Hit:
        """'earlier in the week', 'later that month', 'the following week', 'that week'."""
        if self.anchor is None:
            return m.start(), m.end(), _UNKNOWN, "anaphoric"
        a, unit = self.anchor, m.group("ap_u").lower()
        how = (m.group("ap_w") or m.group("ap_d")).lower().split()[-1]
        shift = {"following": 1, "previous": -1, "preceding": -1, "prior": -1}.get(how, 0)
        whole = _period(a, unit, shift)
        lo, hi = {"earlier": (whole[0], a), "later": (a, whole[1])}.get(how, whole[:2])
        rng = whole if (lo, hi) == whole[:2] else _span_range(lo, hi)
        return m.start(), m.end(), rng, "anaphoric"

    def _has_complement(self, end: int) -> bool:
        """True when words follow: "the day after <the attack>", not "the day after."."""
        rest = self.text[end:end + 3].lstrip(" \t")
        return bool(rest) and (rest[0].isalnum() or rest[0] in "\"'“‘")

    def _sentence_initial(self, start: int) -> bool:
        before = self.text[max(0, start - 200):start].rstrip(" \t\"'“‘(")
        return not before or before[-1] in ".!?\n:;"

    def _main_date(self, m: re.Match[str], *, same_day: bool) -> _Range:
        """The date of the clause that 'N days after <event>' modifies: a date named
        before it in its sentence ('On October 8, the day after ...', 'arrived in
        February, weeks before ...'), else, when the phrase follows its clause ('He
        spoke a day after ...'), the day anchor: that clause tells of the event the
        story is about. Sentence-initial ('The day after the raid, ...'), it stays
        unresolved unless both lie on one day ('Hours after')."""
        prev = self.previous
        if prev is not None and prev.resolved and prev.kind != "open" and not _SENTENCE_END.search(
            self.text, prev.span.end, m.start() + 1
        ):
            return prev.range.start, prev.range.end, prev.range.precision
        if self.anchor is not None and (same_day or not self._sentence_initial(m.start())):
            return _day_range(self.anchor)
        return _UNKNOWN

    def _count(self, m: re.Match[str]) -> _Hit:
        """'two days ago', 'a week later', 'hours after', 'the day before', 'days later'."""
        word = m.group("cnt_n")
        unit_word = m.group("cnt_u").lower()
        direction = " ".join(m.group("cnt_dir").lower().split())
        unit = unit_word.rstrip("s")
        unit = {"minute": "hour", "moment": "hour", "night": "day"}.get(unit, unit)
        plural = unit_word.endswith("s")
        if word is None and not plural:
            return None  # "day after day"
        the = word is not None and word.lower() == "the"
        n = (None if plural else 1) if the else _number(word)
        if n == 0:
            n = None  # "days later", "hours ago": a vague count
        qualifier = _QUALIFIERS.get(" ".join((m.group("cnt_q") or "").lower().split()))
        if direction == "ago":
            return None if the else self._rel(m, lambda p: _ago(p, unit, n, qualifier))
        sign = -1 if direction.startswith(("earlier", "before", "prior")) else 1
        if direction in ("after", "before", "prior", "prior to") and self._has_complement(m.end()):
            # relative to an event: "He spoke a day after the ministry reported ...".
            main = self._main_date(m, same_day=unit == "hour" and (n or 0) < 24)
            if main[0] is not None and main[1] is not None:
                self.complement = self._shift(main[0], main[1], -sign, unit, n, qualifier)
            return m.start(), m.end(), main, "anaphoric"
        if unit == "hour":
            return self._ana(m, 0 if n is None else sign * (n // 24))
        if self.anchor is None:
            return m.start(), m.end(), _UNKNOWN, "anaphoric"
        return m.start(), m.end(), self._shift(self.anchor, self.anchor, sign, unit, n, qualifier), "anaphoric"

    def _shift(self, lo: date, hi: date, sign: int, unit: str, n: int | None,
               qualifier: str | None) -> _Range:
        """[lo, hi] moved by n units in direction ``sign`` (n None: a vague count)."""
        if unit in ("month", "year"):
            if n is None:
                return _UNKNOWN
            if unit == "year":
                y = lo.year + sign * n
                return date(y, 1, 1), date(y, 12, 31), "year"
            y, mo = _shift_month(lo.year, lo.month, sign * n)
            return (*_month_range(y, mo), "month")
        near, far = _day_offsets(unit, n, qualifier)
        if sign > 0:
            return _span_range(lo + timedelta(days=near), hi + timedelta(days=far))
        return _span_range(lo - timedelta(days=far), hi - timedelta(days=near))


def _day_offsets(unit: str, n: int | None, qualifier: str | None) -> tuple[int, int]:
    """How many days 'n <unit>s' spans, nearest and farthest: a vague count ("days
    later") is 2..7 units, "less than a week" 1..7 days, "more than a week" 7..14."""
    if unit == "hour":
        return ((n or 0) // 24,) * 2
    step = 7 if unit == "week" else 1
    if n is None:
        return 2 * step, 7 * step
    if qualifier == "less":
        return (1 if n * step > 1 else 0), n * step
    if qualifier == "more":
        return n * step, 2 * n * step
    return n * step, n * step


def _ago(p: date, unit: str, n: int | None, qualifier: str | None = None) -> _Range:
    """'N <unit>s ago' from publication day p (n None: a vague count, "a few days ago")."""
    if unit == "hour":
        return _day_range(p - timedelta(days=(n or 0) // 24))
    if n is None:
        far, near = {"day": (7, 2), "week": (35, 14), "month": (183, 60), "year": (1826, 730)}[unit]
        return (p - timedelta(days=far), p - timedelta(days=near), "range")
    if qualifier is not None and unit in ("day", "week"):
        near, far = _day_offsets(unit, n, qualifier)
        return _span_range(p - timedelta(days=far), p - timedelta(days=near))
    if unit == "day":
        return _day_range(p - timedelta(days=n))
    if unit == "week":
        ws = _week_start(p - timedelta(days=7 * n))
        return (ws, ws + timedelta(days=6), "range")
    if unit == "month":
        y, mo = _shift_month(p.year, p.month, -n)
        return (*_month_range(y, mo), "month")
    return (date(p.year - n, 1, 1), date(p.year - n, 12, 31), "year")


def _recent_range(p: date, unit: str) -> _Range:
    """"(in) recent days/weeks/months", "the past few ...": see the module docstring."""
    unit = unit.rstrip("s")
    if unit == "day":
        return (p - timedelta(days=7), p, "range")
    if unit == "week":
        return (p - timedelta(days=28), p, "range")
    if unit == "month":
        return (_minus_months(p, 3), p, "range")
    return (_minus_months(p, 36), p, "range")


def _period(p: date, unit: str, shift: int) -> tuple[date, date, str]:
    """The calendar week/month/year containing p, shifted by ``shift`` periods."""
    if unit == "week":
        ws = _week_start(p) + timedelta(days=7 * shift)
        return (ws, ws + timedelta(days=6), "range")
    if unit == "month":
        y, mo = _shift_month(p.year, p.month, shift)
        return (*_month_range(y, mo), "month")
    y = p.year + shift
    return (date(y, 1, 1), date(y, 12, 31), "year")


# ------------------------------------------------------------------------ public API

def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date expression in ``text``, in order, resolved against ``published``
    and the dates before it (see the module docstring for the conventions)."""
    resolver = _Resolver(text, published)
    mentions: list[DateMention] = []
    for match in _master().finditer(text):
        mention = resolver.resolve(match)
        if mention is not None:
            mentions.append(mention)
    return mentions


def date_for_span(
    mentions: Sequence[DateMention], start: int, end: int, near: int | None = None
) -> DateMention | None:
    """The mention lying wholly inside [start, end) that is closest to ``near``.

    ``mentions`` must be in document order (as ``find_dates`` returns them).
    ``near`` is typically an event trigger's offset; it defaults to ``start``.
    Resolved mentions are preferred over unresolved ones; the distance is 0 when
    ``near`` falls inside a mention, and ties go to the earlier mention. Returns
    None when no mention lies inside the span.
    """
    near = start if near is None else near
    lo = bisect_left([m.span.start for m in mentions], start)
    best: DateMention | None = None
    best_key: tuple[int, int] | None = None
    for mention in mentions[lo:]:
        if mention.span.start >= end:
            break
        if mention.span.end > end:
            continue
        s, e = mention.span.start, mention.span.end
        distance = 0 if s <= near < e else min(abs(near - s), abs(near - (e - 1)))
        key = (0 if mention.resolved else 1, distance)
        if best_key is None or key < best_key:
            best, best_key = mention, key
    return best
