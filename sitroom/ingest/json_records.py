"""JSON article records (one object per JSONL line, or a JSON object / list) -> Document.

Field names accepted (first present wins):
  text: text, body, content        title: title         url: url, link
  published: published, date, publish_date, published_at, pubDate
  outlet: outlet, source, source_name, sitename (a {"name": ...} object is accepted)
  byline: byline, author, authors (a list is joined with ", ")
  id: id (becomes ``source_id``; else url; else the location in the file)

A record's own date wins over the caller's ``published``; an unreadable date is
logged and the caller's date is used. A ``text`` field holding HTML is extracted.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Mapping

from ..errors import InputError
from ..records import Document
from .document import make_document
from .html import extract_html, looks_like_html

log = logging.getLogger(__name__)

TEXT_FIELDS = ("text", "body", "content")
DATE_FIELDS = ("published", "date", "publish_date", "published_at", "pubDate")
OUTLET_FIELDS = ("outlet", "source", "source_name", "sitename")
BYLINE_FIELDS = ("byline", "author", "authors")


def record_document(
    record: Any, *, source: str, where: str, fallback_id: str, published: date | None
) -> Document | InputError:
    """One record -> Document, or the InputError saying why not.

    ``source`` names the file (errors are reported against it), ``where`` prefixes the
    reason ("line 3: ..."), ``fallback_id`` is the source_id when the record has no id/url.
    """
    if not isinstance(record, Mapping):
        return InputError(source, f"{where}expected a JSON object, got {type(record).__name__}")
    text = _first(record, TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        return InputError(source, f"{where}record has no text (expected a non-empty "
                                  "'text', 'body' or 'content' field)")
    url = _string(_first(record, ("url", "link")))
    source_id = _string(record.get("id")) or url or fallback_id
    own_date = _record_date(_first(record, DATE_FIELDS), source_id)
    captions: tuple[str, ...] = ()
    if looks_like_html(text):
        article = extract_html(text, url)
        if article is None:
            return InputError(source, f"{where}the record's HTML has no article text")
        text, captions = article.text, article.captions
    try:
        return make_document(
            text, source_id=source_id, title=_string(record.get("title")), url=url,
            outlet=_name(_first(record, OUTLET_FIELDS)), published=own_date or published,
            byline=_byline(_first(record, BYLINE_FIELDS)), captions=captions,
        )
    except InputError as exc:
        return InputError(source, f"{where}{exc.reason}")


def _first(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        if record.get(name) not in (None, "", [], {}):
            return record[name]
    return None


def _string(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value).strip() or None


def _name(value: Any) -> str | None:
    if isinstance(value, Mapping):
        return _string(value.get("name") or value.get("title"))
    return _string(value)


def _byline(value: Any) -> str | None:
    if isinstance(value, list):
        return ", ".join(filter(None, (_name(v) for v in value))) or None
    return _name(value)


def _record_date(value: Any, source_id: str) -> date | None:
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        log.warning("%s: unreadable date %r ignored", source_id, value)
    return parsed


def parse_date(value: Any) -> date | None:
    """ISO 8601 (date or datetime), RFC 2822 ("Tue, 24 Oct 2023 ..."), or a Unix time."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    for parse in (lambda t: date.fromisoformat(t[:10]), lambda t: parsedate_to_datetime(t).date()):
        try:
            return parse(text)
        except (ValueError, TypeError, IndexError):
            continue
    return None
