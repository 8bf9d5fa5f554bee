"""http(s) URL -> Document, with httpx.

Redirects are followed; the timeout and User-Agent come from ``Options``. HTML pages
go through trafilatura, text/plain is read as text, any other content type is refused
before its body is downloaded; a page without a content type is sniffed. Every
failure is returned as a ``FetchError`` (never raised).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import httpx

from ..errors import FetchError, InputError
from ..records import Document
from ..settings import Options
from .decode import decode_bytes
from .document import make_document
from .html import declared_charset, extract_html, looks_like_html
from .limits import too_large

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)


@dataclass(frozen=True)
class _Page:
    url: str  # after redirects
    content_type: str  # "" when the server sent none
    charset: str | None
    body: bytes


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def read_url(url: str, options: Options, published: date | None) -> Document | InputError:
    """Fetch ``url`` and build its Document, or return the FetchError saying why not."""
    try:
        return _document(url, _fetch(url, options), published)
    except FetchError as exc:
        return exc
    except InputError as exc:
        return FetchError(url, exc.reason)


def _document(url: str, page: _Page, published: date | None) -> Document:
    text = decode_bytes(page.body, page.charset or declared_charset(page.body))
    if text is None:
        raise FetchError(url, f"not a text or HTML page (content-type: {page.content_type or 'none'}, "
                              "content is binary)")
    if page.content_type in HTML_TYPES or (not page.content_type and looks_like_html(text)):
        article = extract_html(text, page.url)
        if article is None:
            raise FetchError(url, "no article text found in the HTML page "
                                  "(an index, login or JavaScript-only page?)")
        return make_document(
            article.text, source_id=url, title=article.title, url=article.url or page.url,
            outlet=article.outlet, published=article.published or published,
            byline=article.byline, captions=article.captions,
        )
    return make_document(text, source_id=url, url=page.url, published=published)


def _fetch(url: str, options: Options) -> _Page:
    headers = {"User-Agent": options.user_agent}
    try:
        with httpx.Client(follow_redirects=True, timeout=options.fetch_timeout,
                          headers=headers) as client:
            with client.stream("GET", url) as response:
                content_type = _check(url, response)
                body = _read_body(url, response, options.max_bytes)
                return _Page(str(response.url), content_type, response.charset_encoding, body)
    except httpx.TimeoutException:
        raise FetchError(url, f"no answer within {options.fetch_timeout:g} s; "
                              "raise SITROOM_FETCH_TIMEOUT to wait longer") from None
    except (httpx.TransportError, httpx.InvalidURL) as exc:
        raise FetchError(url, f"could not connect: {exc or type(exc).__name__}") from None


def _check(url: str, response: httpx.Response) -> str:
    """The response's content type; FetchError for an HTTP error or a non-text type."""
    if response.status_code >= 400:
        raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type not in HTML_TYPES + TEXT_TYPES:
        raise FetchError(url, f"not a text or HTML page (content-type: {content_type})")
    return content_type


def _read_body(url: str, response: httpx.Response, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(url, too_large("page", size, max_bytes, at_least=True))
        chunks.append(chunk)
    return b"".join(chunks)
