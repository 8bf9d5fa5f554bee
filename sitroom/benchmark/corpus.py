"""The benchmark corpus: which file, which documents, how many words.

A corpus is anything ``sitroom ingest`` reads (a .jsonl file, a directory, a .txt
file, ...). The default is the VOA stories under the shared folder
(``<shared_dir>/eval/voa/voa_stories.jsonl``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError
from ..ingest import read_sources
from ..records import Document
from ..settings import Options

DEFAULT_CORPUS = ("eval", "voa", "voa_stories.jsonl")


def default_corpus(options: Options) -> Path:
    """The VOA story file under the ``shared_dir`` setting."""
    return Path(options.shared_dir).expanduser().joinpath(*DEFAULT_CORPUS)


def check_corpus(corpus: str) -> None:
    """Raise ``InputError`` naming ``corpus`` when it is not an existing file or folder."""
    if not Path(corpus).exists():
        raise InputError(corpus, "benchmark corpus not found (give --corpus PATH, or set "
                                 "SITROOM_SHARED to the folder holding eval/voa/voa_stories.jsonl)")


def first_documents(items: Iterable[Document | InputError], n: int | None) -> Iterator[Document | InputError]:
    """Pass ``items`` through until ``n`` Documents have gone by (errors do not count)."""
    seen = 0
    for item in items:
        if n is not None and seen >= n:
            return
        if isinstance(item, Document):
            seen += 1
        yield item


def corpus_items(corpus: str, options: Options, n: int | None) -> Iterator[Document | InputError]:
    """The first ``n`` documents of ``corpus`` (all when None), read and cleaned as ingest does."""
    return first_documents(read_sources([corpus], options), n)


def read_corpus(corpus: str, options: Options, n: int | None) -> list[Document]:
    """The corpus's distinct documents (by content hash), as the pipeline would code them.

    Raises ``InputError`` naming ``corpus`` when it is missing or yields no document.
    """
    check_corpus(corpus)
    documents: dict[str, Document] = {}
    errors: list[InputError] = []
    for item in corpus_items(corpus, options, n):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            documents.setdefault(item.content_hash, item)
    if not documents:
        reason = f"; first error: {errors[0].reason}" if errors else ""
        raise InputError(corpus, f"no documents to benchmark ({len(errors)} inputs failed{reason})")
    return list(documents.values())


def word_count(documents: Iterable[Document]) -> int:
    """Whitespace-separated words in the documents' cleaned text."""
    return sum(len(doc.text.split()) for doc in documents)
