"""URLs, fetched from a real local HTTP server (see conftest.py)."""

from __future__ import annotations

from datetime import date

from sitroom.errors import FetchError
from sitroom.ingest import read_sources
from sitroom.records import Document


def one(sources, options, **kwargs):
    results = list(read_sources(sources, options, **kwargs))
    assert len(results) == 1, results
    return results[0]


def test_html_article(server, options):
    doc = one([server + "/article.html"], options)
    assert isinstance(doc, Document), doc
    assert doc.source_id == server + "/article.html"
    assert doc.title == "Drones target al-Tanf garrison"
    assert doc.byline == "Jane Doe"
    assert doc.outlet == "Example News"
    assert doc.published == date(2023, 10, 24)
    assert "Three drones were launched" in doc.text
    assert "Share this article" not in doc.text
    caption = "Smoke rises over the garrison on October 23. [Jalaa Marey/AFP]"
    assert doc.text.count(caption) == 1
    assert doc.captions == (caption,)


def test_redirect_followed(server, options):
    doc = one([server + "/moved"], options)
    assert isinstance(doc, Document)
    assert doc.source_id == server + "/moved"
    assert doc.url == server + "/article.html"


def test_plain_text(server, options):
    doc = one([server + "/plain.txt"], options, published=date(2024, 1, 2))
    assert isinstance(doc, Document)
    assert doc.text.startswith("Houthi forces fired two missiles")
    assert "Do you like this article?" not in doc.text
    assert doc.published == date(2024, 1, 2)  # the page has no date: the caller's is used


def test_caller_date_does_not_override_page_date(server, options):
    doc = one([server + "/article.html"], options, published=date(2024, 1, 2))
    assert doc.published == date(2023, 10, 24)


def test_404(server, options):
    error = one([server + "/missing"], options)
    assert isinstance(error, FetchError)
    assert "404" in error.reason


def test_not_text_content_type(server, options):
    error = one([server + "/file.bin"], options)
    assert isinstance(error, FetchError)
    assert error.reason == "not a text or HTML page (content-type: application/octet-stream)"


def test_page_without_article(server, options):
    error = one([server + "/empty.html"], options)
    assert isinstance(error, FetchError)
    assert "no article text" in error.reason


def test_unreachable(closed_port_url, options):
    error = one([closed_port_url], options)
    assert isinstance(error, FetchError)
    assert error.reason.startswith("could not connect: ")


def test_page_above_size_limit(server, make_options):
    error = one([server + "/big.txt"], make_options(max_bytes=1000))
    assert isinstance(error, FetchError)
    assert "above the 1 kB limit" in error.reason


def test_bad_url_does_not_stop_the_others(server, options, closed_port_url):
    results = list(read_sources([closed_port_url, server + "/missing", server + "/plain.txt"], options))
    assert [type(r) for r in results] == [FetchError, FetchError, Document]
