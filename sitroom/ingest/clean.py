"""Article text clean-up, shared by every source type.

1. Normalise: NFC, "\\n" newlines, Unicode spaces -> " ", zero-width characters
   removed, lines stripped, runs of blank lines -> one blank line (paragraph break).
2. Drop boilerplate: whole lines of at most ``MAX_BOILERPLATE_CHARS`` characters that
   fully match a pattern of ``boilerplate.txt`` ("Do you like this article?",
   "Captcha *", "Share this article", ...). Words inside a sentence are never removed.
3. Collapse repeats: a line repeating the line just before it, or a paragraph
   repeating an earlier paragraph, is kept once (first occurrence) when it has at
   least ``MIN_REPEAT_WORDS`` words. Scraped pages often double image captions
   (alt text + caption), so a repeated line or paragraph is recorded as a caption.
4. Captions: repeated lines/paragraphs, lines ending with a photo credit
   ("... [Jalaa Marey/AFP]", "(Photo: ...)", "Photo: AFP") and the captions the
   caller passes (HTML ``<figcaption>``). A passed caption absent from the text is
   appended at the end after a blank line, so each caption is in the text exactly once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

MAX_BOILERPLATE_CHARS = 120
MIN_REPEAT_WORDS = 5

_SPACES = re.compile(r"[^\S\n]+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BLANK_LINES = re.compile(r"\n{3,}")
_CREDIT = re.compile(
    r"""(
        \[[^\[\]\n]{2,80}/[^\[\]\n]{2,60}\]                   # [Jalaa Marey/AFP]
      | \((?i:file\ )?(?i:photo|image|picture|credit)s?\s*(?i:by|:|credit)[^()\n]{1,100}\)
      | (?:^|[.!?|]\s*|\s[-–—]\s)(?i:photo|image|picture)s?\s*(?i:by|:|credit:?)\s*[A-Z][^.\n]{1,60}
      | \((?:AFP|AP|Reuters|Getty\ Images|EPA|Anadolu)[^()\n]{0,40}\)  # (AFP via Getty Images)
    )\s*\.?$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class CleanText:
    """Cleaned text and the caption paragraphs found in it (in text order)."""

    text: str
    captions: tuple[str, ...]


def clean_text(text: str, captions: Iterable[str] = ()) -> CleanText:
    """Clean ``text``; ``captions`` are known captions (e.g. HTML figcaptions)."""
    known = [normalise(c) for c in captions if normalise(c)]
    blocks = [_drop_boilerplate(block) for block in _blocks(normalise(text))]
    blocks, repeated = _collapse_repeats([b for b in blocks if b])
    blocks += [[c] for c in _missing(known, blocks)]
    cleaned = "\n\n".join("\n".join(b) for b in blocks)
    found = _find_captions(blocks, repeated | {_key(c) for c in known})
    found += tuple(c for c in known if c in cleaned and c not in found)
    return CleanText(cleaned, tuple(sorted(dict.fromkeys(found), key=cleaned.find)))


def normalise(text: str) -> str:
    """Whitespace normalisation (see the module docstring, step 1)."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def is_boilerplate(line: str) -> bool:
    """True if the whole (stripped) ``line`` is a boilerplate line."""
    line = line.strip()
    if not line or len(line) > MAX_BOILERPLATE_CHARS:
        return False
    return any(p.fullmatch(line) for p in _patterns())


def is_credit_line(line: str) -> bool:
    """True if ``line`` ends with a photo credit, as image captions do."""
    return bool(_CREDIT.search(line))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    data = resources.files(__package__).joinpath("boilerplate.txt").read_text("utf-8")
    lines = (line.strip() for line in data.splitlines())
    return tuple(re.compile(l, re.IGNORECASE) for l in lines if l and not l.startswith("#"))


def _blocks(text: str) -> list[list[str]]:
    return [block.split("\n") for block in text.split("\n\n") if block]


def _drop_boilerplate(block: list[str]) -> list[str]:
    return [line for line in block if not is_boilerplate(line)]


def _key(text: str) -> str:
    return " ".join(text.split())


def _long_enough(key: str) -> bool:
    return len(key.split()) >= MIN_REPEAT_WORDS


def _collapse_repeats(blocks: list[list[str]]) -> tuple[list[list[str]], set[str]]:
    repeated: set[str] = set()
    seen: set[str] = set()
    kept: list[list[str]] = []
    for block in blocks:
        block = _collapse_adjacent_lines(block, repeated)
        key = _key(" ".join(block))
        if key in seen and _long_enough(key):
            repeated.add(key)
            continue
        seen.add(key)
        kept.append(block)
    return kept, repeated


def _collapse_adjacent_lines(block: list[str], repeated: set[str]) -> list[str]:
    kept: list[str] = []
    for line in block:
        if kept and line == kept[-1] and _long_enough(line):
            repeated.add(_key(line))
            continue
        kept.append(line)
    return kept


def _missing(captions: list[str], blocks: list[list[str]]) -> list[str]:
    body = _key(" ".join(" ".join(b) for b in blocks))
    missing: list[str] = []
    for caption in captions:
        if _key(caption) not in body and caption not in missing:
            missing.append(caption)
    return missing


def _find_captions(blocks: list[list[str]], marked: set[str]) -> tuple[str, ...]:
    found: list[str] = []
    for block in blocks:
        whole = "\n".join(block)
        if len(block) > 1 and _key(whole) in marked:
            found.append(whole)
            continue
        found += [line for line in block if _key(line) in marked or is_credit_line(line)]
    return tuple(dict.fromkeys(found))
