"""Files, directories, JSON/JSONL and stdin -> Documents; bad inputs -> InputErrors."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from sitroom.errors import FetchError, InputError
from sitroom.ingest import count_sources, read_sources
from sitroom.records import Document

BODY = ("Iran-backed militants fired rockets at the Ain al-Asad air base in western Iraq on "
        "Tuesday, a US official said.\n\nNo casualties were reported.\n")
HTML = """<html><head><title>Rockets hit Ain al-Asad</title>
<meta property="article:published_time" content="2023-10-25"></head><body><article>
<h1>Rockets hit Ain al-Asad</h1>
<p>Iran-backed militants fired rockets at the Ain al-Asad air base in western Iraq on Tuesday, a US official said, adding that nobody was hurt.</p>
<p>The Islamic Resistance in Iraq claimed the attack in a statement on Telegram, the second claim of the week.</p>
</article></body></html>"""


def read(sources, options, **kwargs):
    return list(read_sources([str(s) for s in sources], options, **kwargs))


def only(sources, options, **kwargs):
    results = read(sources, options, **kwargs)
    assert len(results) == 1, results
    return results[0]


def test_text_file(tmp_path, options):
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    doc = only([path], options, published=date(2023, 10, 25))
    assert isinstance(doc, Document)
    assert doc.source_id == str(path)
    assert doc.text == BODY.strip()
    assert doc.title is None and doc.byline is None
    assert doc.published == date(2023, 10, 25)
    assert doc.id == "doc-" + doc.content_hash[:16] and len(doc.content_hash) == 64


def test_text_file_header_gives_title_and_byline(tmp_path, options):
    path = tmp_path / "a.text"
    path.write_text("World\n\nRockets hit Ain al-Asad base\n\nBy Jane Doe |\n\n" + BODY, encoding="utf-8")
    doc = only([path], options)
    assert (doc.title, doc.byline) == ("Rockets hit Ain al-Asad base", "Jane Doe")


def test_markdown_file(tmp_path, options):
    path = tmp_path / "a.md"
    path.write_text("# Rockets hit **Ain al-Asad**\n\nIran-backed militants fired rockets, "
                    "[Reuters](https://reuters.com) reported.\n", encoding="utf-8")
    doc = only([path], options)
    assert doc.title == "Rockets hit **Ain al-Asad**"
    assert doc.text == "Iran-backed militants fired rockets, Reuters reported."


def test_html_file(tmp_path, options):
    path = tmp_path / "a.html"
    path.write_text(HTML, encoding="utf-8")
    doc = only([path], options, published=date(2024, 1, 1))
    assert isinstance(doc, Document), doc
    assert doc.title == "Rockets hit Ain al-Asad"
    assert doc.published == date(2023, 10, 25)
    assert doc.text.startswith("Iran-backed militants")
    assert doc.source_id == str(path)


def test_json_object_and_list(tmp_path, options):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "wire-1", "body": BODY, "title": "T", "date": "2023-10-24T09:00:00Z",
                               "source": {"name": "AFP"}, "authors": ["A. B", "C. D"]}))
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"content": BODY}, {"text": "Second article about shelling in Idlib."}]))
    doc = only([one], options, published=date(2024, 1, 1))
    assert (doc.source_id, doc.title, doc.outlet, doc.byline) == ("wire-1", "T", "AFP", "A. B, C. D")
    assert doc.published == date(2023, 10, 24)  # the record's own date wins
    docs = read([many], options)
    assert [d.source_id for d in docs] == [f"{many}#1", f"{many}#2"]


def test_jsonl_file_with_bad_lines(tmp_path, options):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "x1", "text": BODY, "published": "2023-10-24"}),
        json.dumps({"url": "https://example.com/a", "body": "Shelling hit Idlib on Sunday."}),
        '{"text": "broken" "title": 1}',
        "",
        json.dumps({"title": "no text here"}),
        json.dumps({"text": "A third article about drones over the Red Sea."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = read([path], options, published=date(2024, 1, 1))
    assert [type(r) for r in results] == [Document, Document, InputError, InputError, Document]
    assert results[0].source_id == "x1" and results[0].published == date(2023, 10, 24)
    assert results[1].source_id == "https://example.com/a" and results[1].url == "https://example.com/a"
    assert results[1].published == date(2024, 1, 1)
    assert results[2].source == str(path)
    assert results[2].reason.startswith("line 3: invalid JSON (Expecting ',' delimiter")
    assert results[3].reason.startswith("line 5: record has no text")
    assert results[4].source_id == f"{path}:6"
    assert count_sources([str(path)]) == 5


def test_directory_recursive_sorted_skips_hidden(tmp_path, options):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Shelling hit Idlib on Sunday.")
    (tmp_path / "a.md").write_text("Drones hit Erbil on Monday.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / ".git" / "c.txt").write_text("Hidden too.")
    (tmp_path / "notes.csv").write_text("a,b")
    docs = read([tmp_path], options)
    assert [d.source_id for d in docs] == [str(tmp_path / "a.md"), str(tmp_path / "b" / "z.txt")]
    assert count_sources([str(tmp_path)]) == 2


def test_empty_directory(tmp_path, options):
    error = only([tmp_path], options)
    assert isinstance(error, InputError) and "no article files" in error.reason


@pytest.mark.parametrize("data, expected", [
    (BODY.encode(), "text"),
    (HTML.encode(), "html"),
    ((json.dumps({"text": BODY}) + "\n" + json.dumps({"text": "Shelling hit Idlib."}) + "\n").encode(), "jsonl"),
])
def test_stdin_sniffed(options, data, expected):
    results = read(["-"], options, stdin=io.BytesIO(data))
    assert all(isinstance(r, Document) for r in results), results
    if expected == "jsonl":
        assert [r.source_id for r in results] == ["stdin:1", "stdin:2"]
    else:
        assert [r.source_id for r in results] == ["stdin"]
    if expected == "html":
        assert results[0].title == "Rockets hit Ain al-Asad"


def test_missing_path(tmp_path, options):
    error = only([tmp_path / "nope.txt"], options)
    assert isinstance(error, InputError) and not isinstance(error, FetchError)
    assert error.reason == "no such file or directory"


def test_empty_file(tmp_path, options):
    (tmp_path / "e.txt").write_bytes(b"")
    (tmp_path / "w.txt").write_bytes(b"  \n\n ")
    results = read([tmp_path / "e.txt", tmp_path / "w.txt"], options)
    assert [r.reason for r in results] == ["empty file", "empty file"]


def test_only_boilerplate(tmp_path, options):
    (tmp_path / "b.txt").write_text("Do you like this article?\n\nCaptcha *\n")
    error = only([tmp_path / "b.txt"], options)
    assert isinstance(error, InputError) and "boilerplate" in error.reason


def test_binary_file(tmp_path, options):
    (tmp_path / "b.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe binary")
    (tmp_path / "noise").write_bytes(bytes(range(256)) * 8)
    results = read([tmp_path / "b.txt", tmp_path / "noise"], options)
    assert all(r.reason.startswith("binary file, not text") for r in results), results


def test_html_without_article(tmp_path, options):
    (tmp_path / "login.html").write_text("<html><body><form><input name=q></form></body></html>")
    error = only([tmp_path / "login.html"], options)
    assert isinstance(error, InputError) and "no article text found in the HTML page" in error.reason


def test_size_limit(tmp_path, make_options):
    path = tmp_path / "big.txt"
    path.write_text("Drones hit Erbil. " * 100)
    error = only([path], make_options(max_bytes=500))
    assert error.reason == ("file is 1.8 kB, above the 500 bytes limit; "
                            "raise SITROOM_MAX_BYTES or --max-bytes to ingest it")
    stdin_error = only(["-"], make_options(max_bytes=500), stdin=io.BytesIO(path.read_bytes()))
    assert "above the 500 bytes limit" in stdin_error.reason


def test_size_message_in_megabytes():
    from sitroom.ingest.limits import too_large
    assert too_large("file", 25_300_000, 20_000_000) == (
        "file is 25.3 MB, above the 20 MB limit; raise SITROOM_MAX_BYTES or --max-bytes to ingest it")


def test_bad_inputs_do_not_stop_good_ones(tmp_path, options):
    good = tmp_path / "good.txt"
    good.write_text(BODY)
    (tmp_path / "empty.txt").write_text("")
    results = read([tmp_path / "missing.txt", tmp_path / "empty.txt", good], options)
    assert [type(r) for r in results] == [InputError, InputError, Document]


def test_same_input_twice_same_id(tmp_path, options):
    path = tmp_path / "a.txt"
    path.write_text(BODY)
    first, second = read([path, path], options)
    assert first.id == second.id and first.content_hash == second.content_hash


def test_count_sources(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "l.json").write_text("[{}]")
    assert count_sources([str(tmp_path / "a.txt"), "https://example.com", "missing.txt"]) == 3
    assert count_sources(["-"]) is None
    assert count_sources([str(tmp_path / "l.json")]) is None
