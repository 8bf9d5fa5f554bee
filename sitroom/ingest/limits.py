"""The size limit message, shared by files, stdin and URLs."""

from __future__ import annotations


def human_size(size: int) -> str:
    """1234 -> "1.2 kB", 20_000_000 -> "20 MB", 25_300_000 -> "25.3 MB"."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def too_large(what: str, size: int, max_bytes: int, *, at_least: bool = False) -> str:
    """The reason for refusing an input above the limit, saying how to raise it."""
    more = "more than " if at_least else ""
    return (f"{what} is {more}{human_size(size)}, above the {human_size(max_bytes)} limit; "
            "raise SITROOM_MAX_BYTES or --max-bytes to ingest it")
