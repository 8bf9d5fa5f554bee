"""Document -> EventReports through an LLM (the optional ``extractor = llm`` backend).

The article goes to an OpenAI-compatible server (``llm_client``) in chunks of a few
paragraphs; each event the model returns is then grounded in the text the same way the
rules ground theirs, so the records honour the same contract:

- the model's ``quote`` must be found in the article (exactly, else with quotes, dashes,
  spaces and case folded; such an event is down-weighted). An event whose quote is not
  in the article is dropped and counted: no offset is ever invented;
- the trigger, actor, target, place, date, claimant and source are words of the article
  found near the quote (a field whose words are not in the article is left empty);
- actors resolve through the knowledge base with the rules' phrase resolver, places
  through the gazetteer (the document's place mentions first), dates through the date
  resolver (``find_dates``), casualty numbers only when the sentence states them;
- ids are made as the rules make them, so re-coding the same text gives the same ids.
"""

from __future__ import annotations

import hashlib
import logging
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Sequence

from spacy.tokens import Doc, Span as SpacySpan

from ..records import Claim, Count, DateRange, Document, EventReport, Location, Modality, Span
from ..settings import Options
from .casualties import WORDS as NUMBER_WORDS, find_casualties
from .context import DocContext, Resources, build_context
from .dates import date_for_span, find_dates
from .llm_client import LLMClient, LLMEvent
from .mentions import _default_range as default_range
from .places import PRECISION_RANK
from .roles import RoleFill, resolve_phrase
from .triggers import weapons_in

__all__ = ["CHUNK_CHARS", "Chunk", "LLMExtractor", "TextFinder", "chunks"]

log = logging.getLogger(__name__)

CHUNK_CHARS = 2500  # about 600 tokens of article per request, a few paragraphs
FOLDED = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                        "\u2014": "-", "\u00a0": " "})
VAGUE_NUMBERS = frozenset({"a", "an", "no", "dozens", "scores", "hundreds", "hundred", "dozen"})


@dataclass(frozen=True)
class Chunk:
    """The text [start, end) of the document sent in one request."""

    start: int
    end: int


def chunks(text: str, sentences: Sequence[tuple[int, int]], max_chars: int = CHUNK_CHARS) -> list[Chunk]:
    """Consecutive paragraphs up to ``max_chars`` per chunk; a paragraph longer than
    that is cut between its ``sentences`` (char ranges, in order)."""
    pieces: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        if not para.group().strip():
            continue
        if para.end() - para.start() <= max_chars:
            pieces.append(para.span())
        else:
            pieces += [(max(s, para.start()), min(e, para.end())) for s, e in sentences
                       if s < para.end() and e > para.start()]
    found: list[Chunk] = []
    for start, end in pieces:
        if found and end - found[-1].start <= max_chars:
            found[-1] = Chunk(found[-1].start, end)
        else:
            found.append(Chunk(start, end))
    return found


class TextFinder:
    """Finds words the model copied from the document and returns where they are."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded, self._index = _fold(text)

    def find(self, words: str, start: int, end: int, near: int) -> tuple[Span, bool] | None:
        """The occurrence of ``words`` inside [start, end) closest to ``near``, and whether
        it is exact (else found with quotes, dashes, spaces and case folded)."""
        words = words.strip()
        if not words:
            return None
        exact = _closest(_occurrences(self.text, words, start, end), near)
        if exact is not None:
            return Span(exact, exact + len(words), words), True
        needle, _ = _fold(words)
        lo, hi = bisect_left(self._index, start), bisect_left(self._index, end)
        hits = [(self._index[i], i) for i in _occurrences(self._folded, needle, lo, hi)]
        if not hits:
            return None
        best, i = min(hits, key=lambda hit: (abs(hit[0] - near), hit[0]))
        stop = self._index[i + len(needle) - 1] + 1
        return Span(best, stop, self.text[best:stop]), False


def _fold(text: str) -> tuple[str, list[int]]:
    """``text`` with quotes and dashes made plain, runs of spaces made one, lower case;
    and for each character kept, its offset in ``text``."""
    out: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text.translate(FOLDED)):
        if char.isspace():
            if out and out[-1] == " ":
                continue
            char = " "
        lower = char.lower()
        out.append(lower if len(lower) == 1 else char)
        index.append(i)
    return "".join(out), index


def _occurrences(text: str, words: str, start: int, end: int) -> list[int]:
    found, at = [], text.find(words, start, end)
    while at != -1:
        found.append(at)
        at = text.find(words, at + 1, end)
    return found


def _closest(offsets: list[int], near: int) -> int | None:
    return min(offsets, key=lambda at: (abs(at - near), at)) if offsets else None


@dataclass
class _Article:
    """One document while its events are grounded."""

    ctx: DocContext
    finder: TextFinder
    sentences: list[tuple[int, int]]

    def locate(self, words: str | None, windows: Sequence[tuple[int, int]], near: int) -> Span | None:
        """``words`` in the first window that has them, closest to ``near``."""
        for start, end in windows:
            found = self.finder.find(words or "", start, end, near)
            if found is not None:
                return found[0]
        return None

    def sentence(self, span: Span) -> Span:
        inside = [(s, e) for s, e in self.sentences if s < span.end and e > span.start] or [(span.start, span.end)]
        start, end = inside[0][0], inside[-1][1]
        text = self.finder.text[start:end].rstrip()
        return Span(start, start + len(text), text)

    def tokens(self, span: Span) -> SpacySpan | None:
        found = self.ctx.doc.char_span(span.start, span.end, alignment_mode="expand")
        return found if found is not None and len(found) else None


class LLMExtractor:
    """Codes a document's events with an LLM server and grounds them in its text."""

    def __init__(self, client: LLMClient, res: Resources, *, chunk_chars: int = CHUNK_CHARS) -> None:
        self.client = client
        self.res = res
        self.chunk_chars = chunk_chars

    @classmethod
    def from_options(cls, options: Options, res: Resources) -> "LLMExtractor":
        return cls(LLMClient.from_options(options), res)

    def extract(self, document: Document, doc: Doc) -> tuple[list[EventReport], int]:
        """The document's event reports in text order, and how many events of the
        model's replies were skipped (malformed, or quoting words not in the text)."""
        ctx = build_context(document, doc, self.res, find_dates(document.text, document.published))
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        article = _Article(ctx, TextFinder(document.text), sentences)
        reports: list[EventReport] = []
        skipped = 0
        for chunk in chunks(document.text, sentences, self.chunk_chars):
            events, malformed = self.client.events(document.text[chunk.start:chunk.end], document)
            skipped += malformed
            for event in events:
                report = _report(event, chunk, article)
                if report is None:
                    skipped += 1
                elif not any(_same(report, kept) for kept in reports):
                    reports.append(report)
        if skipped:
            log.warning("llm extractor: %d events of %s skipped (malformed, or quoting words not in the text)",
                        skipped, document.source_id)
        return sorted(reports, key=lambda r: r.trigger.start), skipped


def _report(event: LLMEvent, chunk: Chunk, art: _Article) -> EventReport | None:
    """The record for one event of the model, or None when its quote is not in the text."""
    whole = (0, len(art.finder.text))
    found = art.finder.find(event.quote, chunk.start, chunk.end, chunk.start) or art.finder.find(
        event.quote, *whole, chunk.start)
    if found is None:
        return None
    quote, exact = found
    sentence = art.sentence(quote)
    windows = [(sentence.start, sentence.end), (chunk.start, chunk.end), whole]
    trigger = art.locate(event.trigger, [(quote.start, quote.end)], quote.start) or quote
    actor = _role(event.actor, windows, trigger.start, art)
    target = _role(event.target, windows, trigger.start, art)
    location = _location(event.place, windows, trigger.start, art)
    date, date_span = _date(event.date, windows, sentence, trigger.start, art)
    weapons = _weapons(quote, art)
    claim, claim_span = _claim(event, windows, trigger.start, art)
    fatalities, injured = _casualties(event, sentence, art)
    found_in_text = {
        "actor": actor.span if actor else None, "target": target.span if target else None,
        "location": location[1] if location else None, "date": date_span,
        "weapons": weapons[0][1] if weapons else None, "claim": claim_span,
        "fatalities": fatalities[1] if fatalities else None, "injured": injured[1] if injured else None,
    }
    evidence = {"event_type": trigger, **{k: v for k, v in found_in_text.items() if v is not None}}
    lex = art.ctx.res.lexicon
    mode = event.mode or (lex.mode_for({lex.weapons[n] for n, _ in weapons}) if event.event_type == "ASSAULT" else None)
    acled = lex.acled_for(event.event_type, mode, None)
    place = location[0] if location else None
    modality = Modality(negated=event.modality == "negated", hypothetical=event.modality == "hypothetical",
                        future=event.modality == "future")
    return EventReport(
        id=_event_id(art.ctx.document.id, trigger.start, event.event_type, place),
        document=art.ctx.document, event_type=event.event_type, trigger=trigger, sentence=sentence, mode=mode,
        acled_event_type=acled[0] if acled else None, acled_sub_event_type=acled[1] if acled else None,
        actor=actor.ref if actor else None, target=target.ref if target else None, location=place, date=date,
        weapons=tuple(name for name, _ in weapons), fatalities=fatalities[0] if fatalities else None,
        injured=injured[0] if injured else None, claim=claim, modality=modality,
        confidence=_confidence(exact, actor, target, place, date, modality), evidence=evidence,
    )


def _role(words: str | None, windows: list[tuple[int, int]], near: int, art: _Article) -> RoleFill | None:
    """The actor the model's words name, resolved as the rules resolve a noun phrase."""
    span = art.locate(words, windows, near)
    if span is None:
        return None
    tokens = art.tokens(span)
    found = resolve_phrase(tokens.root, art.ctx) if tokens is not None else None
    return found or RoleFill(art.ctx.res.kb.ref(span.text), span)


def _location(words: str | None, windows: list[tuple[int, int]], near: int, art: _Article) -> tuple[Location, Span] | None:
    """The place the model's words name: a place mention of the document inside them
    (the most precise), else the gazetteer's best match for the words."""
    span = art.locate(words, windows, near)
    if span is None:
        return None
    inside = [m for m in art.ctx.places if m.start < span.end and span.start < m.end]
    if inside:
        best = min(inside, key=lambda m: PRECISION_RANK.get(m.place.precision, 3))
        return Location.from_place(best.tokens.text, best.place), Span(best.start, best.end, best.tokens.text)
    name = span.text.strip().removeprefix("the ").removeprefix("The ").strip()
    gaz = art.ctx.res.gazetteer
    context = [art.ctx.main_country] if art.ctx.main_country else []
    place = gaz.resolve(name, context) or gaz.country(name)
    return (Location.from_place(span.text, place), span) if place is not None else None


def _date(words: str | None, windows: list[tuple[int, int]], sentence: Span, near: int,
          art: _Article) -> tuple[DateRange, Span | None]:
    """The date the model's words say, resolved by the date resolver; without words,
    the sentence's date; without one, the rules' default range."""
    mentions = art.ctx.dates
    span = art.locate(words, windows, near)
    if span is not None:
        mention = next((m for m in mentions if m.span.start < span.end and span.start < m.span.end), None)
        if mention is None:
            return DateRange(precision="unknown", text=span.text), span
    else:
        mention = date_for_span(mentions, sentence.start, sentence.end, near)
    if mention is None:
        return default_range(art.ctx), None
    found = mention.range
    return DateRange(found.start, found.end, found.precision, mention.span.text), mention.span


def _claim(event: LLMEvent, windows: list[tuple[int, int]], near: int, art: _Article) -> tuple[Claim, Span | None]:
    claimant = _role(event.claimed_by, windows, near, art)
    source = art.locate(event.source, windows, near)
    claimed_by = (claimant.ref.name or claimant.ref.text) if claimant else None
    claim = Claim(event.claim_status, claimed_by, (source.text,) if source else ())
    return claim, source or (claimant.span if claimant else None)


def _weapons(quote: Span, art: _Article) -> list[tuple[str, Span]]:
    tokens = art.tokens(quote)
    found: dict[str, Span] = {}
    for name, token in weapons_in(list(tokens) if tokens is not None else [], art.ctx.res.lexicon):
        found.setdefault(name, Span(token.idx, token.idx + len(token.text), token.text))
    return list(found.items())


def _casualties(event: LLMEvent, sentence: Span, art: _Article) -> tuple[tuple[Count, Span] | None, ...]:
    """The model's fatality and injury numbers, kept only when the sentence states them."""
    tokens = art.tokens(sentence)
    stated = find_casualties(tokens, art.ctx.res.lexicon.cues) if tokens is not None else None
    pairs = ((event.fatalities, stated.fatalities if stated else None, stated.fatalities_span if stated else None),
             (event.injured, stated.injured if stated else None, stated.injured_span if stated else None))
    return tuple(_count(value, count, span, sentence) for value, count, span in pairs)


def _count(value: int | None, stated: Count | None, span: Span | None, sentence: Span) -> tuple[Count, Span] | None:
    if value is None:
        return None
    if stated is not None and span is not None and stated.low <= value <= stated.high:
        return stated, span
    forms = [f"{value:,}", str(value)] + [w for w, n in NUMBER_WORDS.items() if n == value and w not in VAGUE_NUMBERS]
    for form in forms:
        match = re.search(rf"(?<![\w,]){re.escape(form)}(?![\w,])", sentence.text, re.IGNORECASE)
        if match:
            start = sentence.start + match.start()
            return Count(value, value), Span(start, start + len(match.group()), match.group())
    return None


def _confidence(exact: bool, actor: RoleFill | None, target: RoleFill | None, place: Location | None,
                date: DateRange, modality: Modality) -> float:
    """The rules' scale: resolved fields add, a folded quote or a non-factual event subtracts."""
    score = 0.5 if exact else 0.4
    score += 0.1 if actor and actor.ref.id else 0.0
    score += 0.05 if target and target.ref.id else 0.0
    score += 0.1 if place is not None else 0.0
    score += 0.05 if date.precision == "day" else 0.0
    score -= 0.0 if modality.factual else 0.2
    return max(0.05, min(0.99, score))


def _same(a: EventReport, b: EventReport) -> bool:
    """One event given twice in one reply: the same id, or the same fields from one sentence."""
    def key(r: EventReport) -> tuple[object, ...]:
        return (r.event_type, r.actor.id or r.actor.text.lower() if r.actor else None,
                r.target.id or r.target.text.lower() if r.target else None,
                r.location.gazetteer_id if r.location else None, r.date.start, r.date.end)

    return a.id == b.id or (a.sentence == b.sentence and key(a) == key(b))


def _event_id(document_id: str, trigger_start: int, event_type: str, location: Location | None) -> str:
    key = f"{document_id}|{trigger_start}|{event_type}|{location.gazetteer_id if location else ''}"
    return "ev-" + hashlib.sha256(key.encode()).hexdigest()[:16]
