"""Fatalities and injuries: numbers the text gives ('killed three', 'at least 40
wounded', 'two to four dead'), zero for 'no casualties', else nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

from ..nlp import doc_text
from ..records import Count, Span
from .lexicon import Cues

WORDS = {
    "no": 0, "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "dozens": 24,
    "scores": 40, "hundreds": 200,
}
NUMBER = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")
ARG_DEPS = frozenset({"nsubjpass", "dobj", "nsubj", "attr", "npadvmod"})


@dataclass(frozen=True)
class Casualties:
    fatalities: Count | None = None
    injured: Count | None = None
    fatalities_span: Span | None = None
    injured_span: Span | None = None


def find_casualties(sentence: SpacySpan, cues: Cues) -> Casualties:
    """Casualty figures stated in one sentence."""
    lower = sentence.text.lower()
    if any(phrase in lower for phrase in cues.no_casualty_phrases):
        span = _phrase_span(sentence, cues)
        return Casualties(Count(0, 0), Count(0, 0), span, span)
    killed = _count_for(sentence, cues.casualty_killed)
    injured = _count_for(sentence, cues.casualty_injured - {"casualty", "casualties"})
    return Casualties(
        fatalities=killed[0] if killed else None, injured=injured[0] if injured else None,
        fatalities_span=killed[1] if killed else None, injured_span=injured[1] if injured else None,
    )


def _count_for(sentence: SpacySpan, words: frozenset[str]) -> tuple[Count, Span] | None:
    for token in sentence:
        if token.lemma_.lower() in words or token.lower_ in words:
            count = _number_near(token)
            if count is not None:
                return count
    return None


def _number_near(token: Token) -> tuple[Count, Span] | None:
    candidates = [token] + [c for c in token.children if c.dep_ in ARG_DEPS]
    if token.dep_ in ("amod", "acl", "relcl") or token.pos_ == "ADJ":
        candidates.append(token.head)
    for cand in candidates:
        numbers = [t for t in cand.subtree if t.i <= cand.i and _value(t) is not None and t.ent_type_ not in ("DATE", "TIME")
                   and t.dep_ in ("nummod", "quantmod", "nsubj", "dobj", "nsubjpass", "compound", "conj", "pobj", "amod")]
        if cand.like_num or cand.lower_ in WORDS and cand.lower_ not in ("a", "an", "no"):
            numbers = [cand] + numbers
        values = [v for v in (_value(t) for t in numbers) if v is not None]
        if values:
            first, last = numbers[0], numbers[-1]
            span = Span(first.idx, last.idx + len(last.text), doc_text(token.doc)[first.idx: last.idx + len(last.text)])
            return Count(min(values), max(values)), span
    return None


def _value(token: Token) -> int | None:
    text = token.lower_
    if NUMBER.match(text):
        return int(text.replace(",", ""))
    if text in WORDS and text not in ("a", "an", "no"):
        return WORDS[text]
    return None


def _phrase_span(sentence: SpacySpan, cues: Cues) -> Span:
    lower = sentence.text.lower()
    for phrase in cues.no_casualty_phrases:
        at = lower.find(phrase)
        if at >= 0:
            start = sentence.start_char + at
            return Span(start, start + len(phrase), doc_text(sentence.doc)[start: start + len(phrase)])
    return Span(sentence.start_char, sentence.end_char, sentence.text)
