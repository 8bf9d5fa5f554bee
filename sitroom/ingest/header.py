"""Title and byline of a plain-text article, only when the header is unambiguous.

A text file's first line is as often a section label ("Security") as a headline,
so nothing is guessed unless a byline line ("By Anas al-Bar |", "By Jane Doe,
Reuters") appears among the first ``HEADER_PARAGRAPHS`` paragraphs. Then the byline
is that name and the title is the first earlier paragraph that is one line of
``TITLE_WORDS`` words not ending like a sentence or a caption. The text is unchanged.
"""

from __future__ import annotations

import re

HEADER_PARAGRAPHS = 6
TITLE_WORDS = range(4, 31)

_NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:al|el|bin|ibn|de|van|von|and)(?:-[\w'’-]+)?)"
_BYLINE = re.compile(
    rf"(?:By|BY|by)\s+(?P<name>[A-Z][\w'’.-]*(?:\s+{_NAME_WORD}){{0,7}})\s*(?:[|,–—]\s*.*|-\s+.*)?"
)
_SENTENCE_END = (".", "!", "?", "]", ")", ":", ";", "\"", "”")


def text_header(text: str) -> tuple[str | None, str | None]:
    """(title, byline) of a plain-text article; (None, None) when unsure."""
    paragraphs = [p.strip() for p in text.strip().split("\n\n") if p.strip()][:HEADER_PARAGRAPHS]
    for index, paragraph in enumerate(paragraphs):
        match = _BYLINE.fullmatch(paragraph)
        if match:
            return _title(paragraphs[:index]), match.group("name")
    return None, None


def _title(paragraphs: list[str]) -> str | None:
    for paragraph in paragraphs:
        if "\n" not in paragraph and len(paragraph.split()) in TITLE_WORDS \
                and not paragraph.endswith(_SENTENCE_END):
            return paragraph
    return None
