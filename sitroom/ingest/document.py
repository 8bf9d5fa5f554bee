"""Cleaned text + metadata -> ``Document`` with a content-derived id."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Iterable

from ..errors import InputError
from ..records import Document
from .clean import clean_text


def content_hash(text: str) -> str:
    """sha256 (hex) of ``text`` with every whitespace run collapsed to one space."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def make_document(
    text: str,
    *,
    source_id: str,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    byline: str | None = None,
    captions: Iterable[str] = (),
) -> Document:
    """Clean ``text`` (see ``clean.py``) and build its ``Document``.

    ``id`` is "doc-" + the first 16 hex characters of ``content_hash``: the same text
    always gets the same id, whatever its source. Raises ``InputError`` (naming
    ``source_id``) when no text is left after cleaning.
    """
    cleaned = clean_text(text, captions)
    if not cleaned.text:
        raise InputError(source_id, "no article text (empty, or only boilerplate lines)")
    digest = content_hash(cleaned.text)
    return Document(
        id="doc-" + digest[:16], source_id=source_id, text=cleaned.text,
        title=_clean_field(title), url=_clean_field(url), outlet=_clean_field(outlet),
        published=published, byline=_clean_field(byline), captions=cleaned.captions,
        content_hash=digest,
    )


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None
