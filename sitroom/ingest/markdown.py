"""Light Markdown -> plain text: enough markup removed for sentence splitting.

A first line "# Heading" is the title (and leaves the text). Heading marks,
images, link targets and bold/italic marks are removed; everything else is kept.
"""

from __future__ import annotations

import re

_TITLE = re.compile(r"\A\s*#\s+(?P<title>[^\n]+?)\s*#*\s*(\n|\Z)")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def markdown_text(text: str) -> tuple[str | None, str]:
    """(title or None, plain text) of a Markdown document."""
    match = _TITLE.match(text)
    title = match.group("title") if match else None
    if match:
        text = text[match.end():]
    for pattern, replacement in ((_IMAGE, ""), (_LINK, r"\1"), (_HEADING, r"\1"),
                                 (_EMPHASIS, r"\2")):
        text = pattern.sub(replacement, text)
    return title, text
