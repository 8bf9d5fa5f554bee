"""HTML page -> article text and metadata, with trafilatura.

trafilatura drops ``<figcaption>`` text with the images, so captions are read
separately with lxml and handed to ``make_document`` (which appends those missing
from the text). A first text line equal to the title (the page's ``<h1>``) is
removed: the title is kept in ``Document.title``, as for JSON records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import lxml.html
import trafilatura
from lxml.etree import ParserError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class HtmlArticle:
    text: str
    title: str | None = None
    byline: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    captions: tuple[str, ...] = ()


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first 4 kB."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def looks_like_html(text: str) -> bool:
    """True if ``text`` starts like an HTML document (used for stdin and unknown files)."""
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return head.startswith("<") and bool(re.search(r"<(head|body|article|p|div)\b", head))


def extract_html(html: str, url: str | None = None) -> HtmlArticle | None:
    """The article in ``html``, or None when the page has no article text."""
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False,
        favor_precision=False, include_tables=True,
    )
    if result is None or not (result.text or "").strip():
        return None
    title = result.title or None
    return HtmlArticle(
        text=_paragraphs(result.text, title), title=title, byline=result.author or None,
        published=_date(result.date), outlet=result.sitename or result.hostname or None,
        url=result.url or url, captions=figcaptions(html),
    )


def figcaptions(html: str) -> tuple[str, ...]:
    """The text of every ``<figcaption>`` in the page, in order, whitespace-collapsed."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return ()
    texts = (" ".join(node.text_content().split()) for node in tree.iter("figcaption"))
    return tuple(dict.fromkeys(t for t in texts if t))


def _paragraphs(text: str, title: str | None) -> str:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if title and lines and " ".join(lines[0].split()) == " ".join(title.split()):
        lines = lines[1:]
    return "\n\n".join(lines)


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
