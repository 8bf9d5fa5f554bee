"""Sources (paths, directories, stdin, URLs) -> Documents, errors yielded not raised.

A source is a file (.txt/.text/.md, .html/.htm, .json, .jsonl; any other file is
sniffed), a directory (read recursively in sorted order, only those extensions,
hidden files and folders skipped), "-" for stdin (sniffed: HTML, JSON, JSONL or
text) or an http(s) URL (see ``web.py``).

``source_id``: a JSON record's ``id``, else its ``url``, else its place in the file
("path:LINE" for JSONL, "path#N" for the N-th record of a JSON list, the path for a
single-article file); "stdin" / "stdin:LINE" for stdin; the URL for URLs. Paths are
kept as given (joined to the directory given for files found in a directory).

Dates: the caller's ``published`` is used only when the source gives no date of its
own (HTML metadata, a record's date field). A text file gets a title and byline
only from an unambiguous header (see ``header.py``: a "By Name" line must be
present); a Markdown file's leading "# Heading" is its title.

Size: ``options.max_bytes`` applies to each file, page and stdin; a JSONL file is
streamed and the limit applies to each of its lines (records), not the whole file.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import IO, Iterable, Iterator, Sequence

from ..errors import InputError
from ..records import Document
from ..settings import Options
from .decode import bom_encoding, decode_bytes
from .clean import normalise
from .document import make_document
from .header import text_header
from .html import declared_charset, extract_html, looks_like_html
from .json_records import record_document
from .limits import too_large
from .markdown import markdown_text
from .web import is_url, read_url

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md",)
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl",)
SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES
STDIN = "-"

Result = Document | InputError


def read_sources(
    sources: Sequence[str], options: Options, *, published: date | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Result]:
    """Yield a Document (or the InputError saying why not) for every article in ``sources``."""
    for source in sources:
        yield from _read_source(source, options, published, stdin)


def count_sources(sources: Sequence[str]) -> int | None:
    """How many items ``read_sources`` will yield, when cheaply known (for a progress
    bar); None when unknown (stdin, JSON lists). Over-large files may make it inexact."""
    total = 0
    for source in sources:
        count = _count_source(source)
        if count is None:
            return None
        total += count
    return total


def _read_source(
    source: str, options: Options, published: date | None, stdin: IO[bytes] | None
) -> Iterator[Result]:
    if source == STDIN:
        yield from _read_stdin(stdin, options, published)
    elif is_url(source):
        yield read_url(source, options, published)
    else:
        yield from _read_path(Path(source), source, options, published)


def _read_path(path: Path, source: str, options: Options, published: date | None) -> Iterator[Result]:
    try:
        if path.is_dir():
            yield from _read_dir(path, source, options, published)
        elif path.exists():
            yield from _read_file(path, source, options, published)
        else:
            yield InputError(source, "no such file or directory")
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or exc}")


def _read_dir(path: Path, source: str, options: Options, published: date | None) -> Iterator[Result]:
    files = _dir_files(path)
    if not files:
        yield InputError(source, "no article files in this directory (looked for "
                                 + ", ".join(SUFFIXES) + ")")
    for file in files:
        yield from _read_path(file, str(file), options, published)


def _dir_files(path: Path) -> list[Path]:
    found = (
        p for p in path.rglob("*")
        if p.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
        and p.is_file()
    )
    return sorted(found, key=lambda p: p.relative_to(path).parts)


def _read_file(path: Path, source: str, options: Options, published: date | None) -> Iterator[Result]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES and not _has_wide_bom(path):
        yield from _read_jsonl_file(path, source, options, published)
        return
    size = path.stat().st_size
    if size > options.max_bytes:
        yield InputError(source, too_large("file", size, options.max_bytes))
        return
    yield from _read_bytes(path.read_bytes(), source, _kind(suffix), published)


def _kind(suffix: str) -> str | None:
    kinds = ((TEXT_SUFFIXES, "text"), (MARKDOWN_SUFFIXES, "markdown"), (HTML_SUFFIXES, "html"),
             (JSON_SUFFIXES, "json"), (JSONL_SUFFIXES, "jsonl"))
    return next((kind for suffixes, kind in kinds if suffix in suffixes), None)


def _read_stdin(stdin: IO[bytes] | None, options: Options, published: date | None) -> Iterator[Result]:
    if stdin is None:
        yield InputError("stdin", "no standard input to read")
        return
    data = stdin.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield InputError("stdin", too_large("input", len(data), options.max_bytes, at_least=True))
        return
    yield from _read_bytes(data, "stdin", None, published)


def _read_bytes(data: bytes, source: str, kind: str | None, published: date | None) -> Iterator[Result]:
    """Decode and read one in-memory input; ``kind`` None means sniff the content."""
    if not data.strip():
        yield InputError(source, "empty file" if source != "stdin" else "empty input")
        return
    declared = declared_charset(data) if kind in ("html", None) else None
    text = decode_bytes(data, declared)
    if text is None:
        yield InputError(source, "binary file, not text (NUL bytes or no known text encoding); "
                                 "give articles as .txt, .md, .html, .json or .jsonl")
        return
    if not text.strip():
        yield InputError(source, "empty file (only whitespace)")
        return
    yield from _read_text(text, source, kind or _sniff(text), published)


def _read_text(text: str, source: str, kind: str, published: date | None) -> Iterator[Result]:
    if kind == "jsonl":
        yield from _read_jsonl_lines(enumerate(text.split("\n"), 1), source, published)
    elif kind == "json":
        yield from _read_json(text, source, published)
    elif kind == "html":
        yield _html_document(text, source, published)
    else:
        yield _plain_document(text, source, markdown=kind == "markdown", published=published)


def _sniff(text: str) -> str:
    if looks_like_html(text):
        return "html"
    head = text.lstrip()
    if head.startswith(("{", "[")):
        try:
            json.loads(text)
            return "json"
        except json.JSONDecodeError:
            first = head.split("\n", 1)[0]
            return "jsonl" if head.startswith("{") and _is_json_object(first) else "text"
    return "text"


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def _plain_document(text: str, source: str, *, markdown: bool, published: date | None) -> Result:
    heading, body = markdown_text(text) if markdown else (None, text)
    title, byline = text_header(normalise(body))
    return _document(body, source_id=source, title=heading or title, byline=byline,
                     published=published)


def _html_document(html: str, source: str, published: date | None) -> Result:
    article = extract_html(html)
    if article is None:
        return InputError(source, "no article text found in the HTML page "
                                  "(an index, login or JavaScript-only page?)")
    return _document(
        article.text, source_id=source, title=article.title, url=article.url,
        outlet=article.outlet, published=article.published or published,
        byline=article.byline, captions=article.captions,
    )


def _document(text: str, *, source_id: str, published: date | None, title: str | None = None,
              url: str | None = None, outlet: str | None = None, byline: str | None = None,
              captions: Iterable[str] = ()) -> Result:
    try:
        return make_document(text, source_id=source_id, title=title, url=url, outlet=outlet,
                             published=published, byline=byline, captions=captions)
    except InputError as exc:
        return exc


def _read_json(text: str, source: str, published: date | None) -> Iterator[Result]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(source, f"invalid JSON ({exc})")
        return
    if isinstance(data, dict):
        yield record_document(data, source=source, where="", fallback_id=source, published=published)
    elif isinstance(data, list) and data:
        for number, record in enumerate(data, 1):
            yield record_document(record, source=source, where=f"record {number}: ",
                                  fallback_id=f"{source}#{number}", published=published)
    else:
        yield InputError(source, "expected a JSON article object or a non-empty list of them")


def _has_wide_bom(path: Path) -> bool:
    with path.open("rb") as handle:
        encoding = bom_encoding(handle.read(4))
    return encoding is not None and encoding != "utf-8"


def _read_jsonl_file(path: Path, source: str, options: Options, published: date | None) -> Iterator[Result]:
    with path.open("rb") as handle:
        lines = _jsonl_byte_lines(handle, source, options.max_bytes)
        yield from _read_jsonl_lines(lines, source, published, empty_error=True)


def _jsonl_byte_lines(handle: IO[bytes], source: str, max_bytes: int) -> Iterator[tuple[int, str | InputError]]:
    for number, raw in enumerate(handle, 1):
        if len(raw) > max_bytes:
            yield number, InputError(source, f"line {number}: " + too_large("record", len(raw), max_bytes))
            continue
        text = decode_bytes(raw.removeprefix(b"\xef\xbb\xbf"))
        yield number, text if text is not None else InputError(source, f"line {number}: not text (binary data)")


def _read_jsonl_lines(
    lines: Iterable[tuple[int, str | InputError]], source: str, published: date | None,
    *, empty_error: bool = True,
) -> Iterator[Result]:
    seen = False
    for number, line in lines:
        if isinstance(line, InputError):
            seen = True
            yield line
        elif line.strip():
            seen = True
            yield _jsonl_record(line, number, source, published)
    if not seen and empty_error:
        yield InputError(source, "empty file")


def _jsonl_record(line: str, number: int, source: str, published: date | None) -> Result:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(source, f"line {number}: invalid JSON ({exc})")
    return record_document(record, source=source, where=f"line {number}: ",
                           fallback_id=f"{source}:{number}", published=published)


def _count_source(source: str) -> int | None:
    if source == STDIN:
        return None
    if is_url(source):
        return 1
    path = Path(source)
    try:
        if path.is_dir():
            files = _dir_files(path)
            counts = [_count_file(f) for f in files]
            return None if None in counts else max(1, sum(c for c in counts if c is not None))
        return _count_file(path) if path.is_file() else 1
    except OSError:
        return 1


def _count_file(path: Path) -> int | None:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        with path.open("rb") as handle:
            return max(1, sum(1 for line in handle if line.strip()))
    if suffix in JSON_SUFFIXES:
        with path.open("rb") as handle:
            head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
        return None if head.startswith(b"[") else 1
    return 1
