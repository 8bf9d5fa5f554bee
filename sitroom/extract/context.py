"""Per-document context shared by the extraction steps: the parse, the resources and
the actor, place and date mentions found once per document."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Callable

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..knowledge.actors import ActorKB
from ..knowledge.gazetteer import Gazetteer
from ..nlp import doc_text
from ..records import Actor, Document, Place
from .dates import DateMention
from .lexicon import Lexicon

if TYPE_CHECKING:
    from .people import PersonMention

DATELINE = re.compile(r"\s*[A-Z][A-Z'’. -]*[A-Z](?:\s*/\s*[A-Z][A-Z'’. -]*[A-Z])*(?:,\s+[A-Z][\w. ]{1,30})?\s+[—–-]{1,2}\s")
DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"})
VESSEL_PREFIXES = frozenset({"USS", "USNS", "HMS", "HMCS", "HMAS", "INS", "FS", "MV", "MT", "SS"})
TELL_VERBS = frozenset({"tell", "inform", "brief"})
NON_PLACE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
TOWN_WORDS = frozenset({"city", "town", "village"})
DIVISION_WORDS = frozenset({"province", "provinces", "region", "regions", "state", "governorate", "oblast"})
TERRITORIAL_KINDS = frozenset({"state", "regional government"})
GROUP_KINDS = frozenset({"non-state armed group", "militia", "coalition", "collective", "armed group"})


@dataclass(frozen=True)
class Resources:
    """What extraction needs that is loaded once per process."""

    kb: ActorKB
    gazetteer: Gazetteer
    lexicon: Lexicon


@dataclass(frozen=True)
class ActorMention:
    start: int  # char offsets in the document
    end: int
    actor: Actor
    tokens: SpacySpan


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    place: Place
    tokens: SpacySpan

    @property
    def root(self) -> Token:
        return self.tokens.root


@dataclass
class DocContext:
    document: Document
    doc: Doc
    res: Resources
    dates: list[DateMention]
    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)  # set by build_context

    @property
    def published(self) -> date | None:
        return self.document.published

    @cached_property
    def main_country(self) -> str | None:
        """ISO3 of the country the document names most: its places count one, or a half
        for a name that only qualifies a noun ('U.S. troops'); state actors not named by
        a place and demonyms ('Afghan forces') a half. Read only after ``build_context``."""
        counts: dict[str, float] = {}
        weighted = [(m.place.country, 0.5 if _modifier(m.root) else 1.0) for m in self.places]
        weighted += [(a.actor.country, 0.5) for a in self.actors if a.actor.kind == "state" and not self.places_over(a.start, a.end)]
        weighted += [(self.res.gazetteer.demonym(e.text), 0.5) for e in self.doc.ents if e.label_ == "NORP"]
        for code, weight in weighted:
            if code:
                counts[code] = counts.get(code, 0.0) + weight
        return max(counts, key=counts.__getitem__) if counts else None

    def actors_in(self, start: int, end: int) -> list[ActorMention]:
        return [m for m in self.actors if m.start >= start and m.end <= end]

    def places_in(self, start: int, end: int) -> list[PlaceMention]:
        return [m for m in self.places if m.start >= start and m.end <= end]

    def places_over(self, start: int, end: int) -> list[PlaceMention]:
        return [m for m in self.places if m.start < end and start < m.end]

    def last_group_before(self, pos: int) -> ActorMention | None:
        """The latest non-state group named before ``pos`` (for "it", "the group")."""
        for mention in reversed(self.actors):
            if mention.end <= pos and mention.actor.kind in GROUP_KINDS:
                return mention
        return None

    def last_person_before(self, pos: int, within: int = 600) -> ActorMention | None:
        """The latest known person named shortly before ``pos`` (for "he", "she")."""
        for mention in reversed(self.actors):
            if mention.end <= pos and mention.actor.kind == "person":
                return mention if pos - mention.end <= within else None
        return None

    def last_country_before(self, pos: int) -> PlaceMention | None:
        for mention in reversed(self.places):
            if mention.end <= pos and mention.place.precision == "country":
                return mention
        return None


def build_context(document: Document, doc: Doc, res: Resources, dates: list[DateMention]) -> DocContext:
    ctx = DocContext(document=document, doc=doc, res=res, dates=dates)
    ctx.actors = _find_actors(doc, res.kb)
    ctx.places = _find_places(doc, res, ctx.actors)
    from .people import find_people  # people.py builds on this module

    ctx.people = find_people(ctx)
    return ctx


def _find_actors(doc: Doc, kb: ActorKB) -> list[ActorMention]:
    mentions = []
    for start, end, actor in kb.find(doc_text(doc)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            mentions.append(ActorMention(start, end, actor, span))
    return mentions


def _country_context(doc: Doc, gaz: Gazetteer) -> tuple[list[str], list[str]]:
    """Countries the text names as places (GPE, LOC), most named first, and those it
    names only by a demonym ('Lebanese troops')."""
    named: dict[str, int] = {}
    demonyms: set[str] = set()
    for ent in doc.ents:
        if ent.label_ in ("GPE", "NORP", "LOC"):
            code = gaz.demonym(ent.text)
            place = None if code else gaz.country(_strip_article(ent.text))
            if code:
                demonyms.add(code)
            elif place is not None and place.country:
                named[place.country] = named.get(place.country, 0) + 1
    return sorted(named, key=lambda c: -named[c]), sorted(demonyms - set(named))


def _find_places(doc: Doc, res: Resources, actors: list[ActorMention]) -> list[PlaceMention]:
    gaz = res.gazetteer
    context, demonyms = _country_context(doc, gaz)
    found: dict[tuple[int, int], PlaceMention] = {}
    dateline = DATELINE.match(doc_text(doc))
    vessels = _vessel_names(doc) | _surnames(doc)
    for span in _place_candidates(doc, gaz):
        if dateline is not None and span.start_char < dateline.end():
            continue  # 'BAGHDAD —' says where the reporter is, not where anything happened
        name = _strip_article(span.text)
        if name.lower() in vessels or _addressee(span):
            continue
        if not name or _is_pure_actor(span, actors, gaz, name):
            continue
        place = _qualified(_division(span, name, gaz, context) or gaz.resolve(name, context, demonyms), name, _qualifier(span, gaz), gaz)
        if place is not None:
            found[(span.start_char, span.end_char)] = PlaceMention(span.start_char, span.end_char, place, span)
    for token in doc:
        anaphor = _country_anaphor(token, found) or _town_anaphor(token, found) or _named_capital(token, gaz)
        if anaphor is not None:
            found[(anaphor.start, anaphor.end)] = anaphor
    return _drop_overlaps(sorted(found.values(), key=lambda m: (m.start, -m.end)))


def _addressee(span: SpacySpan) -> bool:
    """Whoever is told something ('told Xinhua', 'told VOA') is a person or an outlet."""
    root = span.root
    return root.dep_ in ("dobj", "dative") and root.head.lemma_.lower() in TELL_VERBS


def _surnames(doc: Doc) -> set[str]:
    """Last names of people named in full ('Marco Rubio' makes a later 'Rubio' a person)."""
    return {e[-1].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 and e[-1].pos_ == "PROPN"}


def _vessel_names(doc: Doc) -> set[str]:
    """Names a ship prefix gives away as ships ('USS Carney', later 'the Carney')."""
    names = set()
    for token in doc:
        if token.text in VESSEL_PREFIXES:
            end = token.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text not in VESSEL_PREFIXES:
                end += 1
            if end > token.i + 1:
                names.update({doc[token.i:end].text.lower(), doc[token.i + 1:end].text.lower()})
    return names


def _division(span: SpacySpan, name: str, gaz: Gazetteer, context: list[str]) -> Place | None:
    """'the Donetsk region', 'Idlib province': the first-level division of that name,
    not the same-named town (nor a town abroad that the story's countries favour)."""
    following = span.doc[span.end] if span.end < len(span.doc) else None
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head  # 'the Kharkiv and Sumy regions'
    if (following is None or following.lower_ not in DIVISION_WORDS) and root.head.lower_ not in DIVISION_WORDS:
        return None
    place = gaz.resolve(f"{name} province", context)
    return place if place is not None and place.precision == "region" else None


def _qualifier(span: SpacySpan, gaz: Gazetteer) -> str | None:
    """ISO3 of the country that follows a place name to say where it is: 'Bani in
    north-western Yemen', 'Sibi, Pakistan'."""
    doc, i = span.doc, span.end
    if i >= len(doc) or doc[i].lower_ not in (",", "in"):
        return None
    i += 1
    while i < len(doc) and (doc[i].pos_ == "ADJ" or doc[i].text == "-" or doc[i].lower_ in DIRECTIONS):
        i += 1
    start = i
    while i < len(doc) and doc[i].pos_ == "PROPN":
        i += 1
    country = gaz.country(doc[start:i].text) if i > start else None
    return country.country if country is not None and country.precision == "country" else None


def _qualified(place: Place | None, name: str, code: str | None, gaz: Gazetteer) -> Place | None:
    """The place of that name inside the qualifying country, if the gazetteer has one;
    no place when it has none (the name is then unknown, the country is named anyway)."""
    if place is None or code is None or place.country == code or place.precision == "country":
        return place
    return next((c for c in gaz.candidates(name) if c.country == code), None)


def _place_candidates(doc: Doc, gaz: Gazetteer) -> list[SpacySpan]:
    spans = [e for e in doc.ents if e.label_ not in NON_PLACE_LABELS]
    spans += _supplement_spans(doc, gaz)
    spans += [r for r in _propn_runs(doc) if not any(t.ent_type_ in NON_PLACE_LABELS for t in r)]  # 'Nov.', 'March'
    return spans


def _supplement_spans(doc: Doc, gaz: Gazetteer) -> list[SpacySpan]:
    spans = []
    lower = doc_text(doc).lower()
    for name in gaz.supplement_names():
        needle = name.lower()
        start = lower.find(needle)
        while start != -1:
            end = start + len(needle)
            bounded = (start == 0 or not lower[start - 1].isalnum()) and (
                end == len(lower) or not lower[end].isalnum()
            )
            span = doc.char_span(start, end) if bounded else None
            if span is not None:
                spans.append(span)
            start = lower.find(needle, end)
    return spans


def _propn_runs(doc: Doc) -> list[SpacySpan]:
    """Runs of proper nouns (with inner hyphens) that NER may have missed, e.g. 'al-Malikiyah'."""
    runs, start = [], None
    for token in doc:
        inside = token.pos_ == "PROPN" or (start is not None and token.text == "-" and not token.whitespace_)
        if inside and start is None:
            start = token.i
        elif not inside and start is not None:
            runs.append(doc[start:token.i])
            start = None
    if start is not None:
        runs.append(doc[start:len(doc)])
    return [r for r in runs if r[-1].text != "-"]


def _is_pure_actor(span: SpacySpan, actors: list[ActorMention], gaz: Gazetteer, name: str) -> bool:
    """An organisation named like a place ('Hamas', 'Pentagon') is not a place, but a
    country or region name used as an actor ('attack on Israel', 'Puntland') still is one."""
    for mention in actors:
        if mention.start <= span.start_char and span.end_char <= mention.end:
            if mention.end - mention.start > len(span.text.strip()) + 6:
                return True  # 'Iraq' inside 'the Islamic Resistance in Iraq'
            return gaz.country(name) is None and mention.actor.kind not in TERRITORIAL_KINDS
    return False


def _country_anaphor(token: Token, found: dict[tuple[int, int], PlaceMention]) -> PlaceMention | None:
    """'the country': the last country named before it as the object of a preposition."""
    return _anaphor(token, found, frozenset({"country"}), ("amod", "compound"),
                    lambda m: m.place.precision == "country" and m.root.dep_ == "pobj")


def _town_anaphor(token: Token, found: dict[tuple[int, int], PlaceMention]) -> PlaceMention | None:
    """'the city', 'the town': the last town named before it."""
    return _anaphor(token, found, TOWN_WORDS, ("amod", "compound", "prep"),
                    lambda m: m.place.precision in ("town", "point"))


def _named_capital(token: Token, gaz: Gazetteer) -> PlaceMention | None:
    """'the Yemeni capital', 'the Taiwan capital': that country's capital, unless the
    capital is named right there ('the Syrian capital Damascus')."""
    if token.lower_ != "capital" or token.i < 2 or token.nbor(-2).lower_ != "the":
        return None
    if any(c.dep_ in ("appos", "compound") and c.i > token.i for c in token.children):
        return None
    following = token.doc[token.i + 1: token.i + 3]
    if any(t.pos_ == "PROPN" for t in following if t.i == token.i + 1 or following[0].lower_ in (",", "of")):
        return None  # 'the Tunisian capital of Tunis', 'the Syrian capital, Damascus
    modifier = token.nbor(-1)
    code = gaz.demonym(modifier.text) or (place.country if (place := gaz.country(modifier.text)) else None)
    capital = gaz.capital(code) if code else None
    if capital is None:
        return None
    span = token.doc[token.i - 2: token.i + 1]
    return PlaceMention(span.start_char, span.end_char, capital, span)


def _anaphor(
    token: Token, found: dict[tuple[int, int], PlaceMention], words: frozenset[str],
    qualifiers: tuple[str, ...], antecedent: Callable[[PlaceMention], bool],
) -> PlaceMention | None:
    """'the <word>' with no qualifier of its own names the last ``antecedent`` place before it."""
    if token.lower_ not in words or token.i == 0 or token.nbor(-1).lower_ != "the":
        return None
    if any(c.dep_ in qualifiers for c in token.children) or token.head.lower_ == "of":
        return None
    start = token.nbor(-1).idx
    earlier = [m for m in found.values() if m.end <= start and antecedent(m)]
    if not earlier:
        return None
    last = max(earlier, key=lambda m: m.end)
    span = token.doc[token.i - 1: token.i + 1]
    return PlaceMention(span.start_char, span.end_char, last.place, span)


def _modifier(token: Token) -> bool:
    return modifies_noun(token)


def modifies_noun(token: Token) -> bool:
    """'U.S.' in 'U.S. troops' describes whose troops, not where anything is; nor does
    'Iran' in 'Iran-backed militias'."""
    if token.dep_ == "npadvmod" and token.head.dep_ == "amod" and token.i < token.head.i:
        return True
    return token.dep_ in ("compound", "amod", "nmod") and token.head.pos_ in ("NOUN", "PROPN") and token.head.i > token.i


def _drop_overlaps(mentions: list[PlaceMention]) -> list[PlaceMention]:
    kept: list[PlaceMention] = []
    for mention in mentions:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _strip_article(text: str) -> str:
    text = text.strip().strip("\"'“”‘’")
    for article in ("the ", "The "):
        if text.startswith(article):
            text = text[len(article):]
    if text.endswith("'s") or text.endswith("’s"):
        text = text[:-2]
    return text.strip()
