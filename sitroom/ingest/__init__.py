"""Ingest: sources (files, directories, stdin, URLs, JSON/JSONL) -> ``Document`` records.

    read_sources(sources, options, published=None, stdin=None)  Documents and InputErrors
    count_sources(sources)                                       items to expect, or None
    make_document(text, source_id=..., ...)                      cleaned text -> Document

Layout: ``sources`` dispatches; ``web`` fetches URLs; ``decode`` turns bytes into
text; ``html`` extracts articles (trafilatura); ``json_records`` reads article
records; ``markdown`` strips light markup; ``clean`` removes boilerplate and
repeated paragraphs and finds captions; ``document`` builds the record.
"""

from __future__ import annotations

from .document import make_document
from .sources import count_sources, read_sources

__all__ = ["count_sources", "make_document", "read_sources"]
