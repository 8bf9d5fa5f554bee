"""Bytes -> text: byte-order marks, strict UTF-8, then a guarded charset guess.

Order: a BOM (UTF-32 before UTF-16, which shares its first bytes; UTF-8-sig), strict
UTF-8, an encoding declared by the caller (HTTP header, ``<meta charset>``), then
Windows-1252 when every non-ASCII character it yields is ordinary Western text
(curly quotes, dashes, accented letters, the euro sign; this also covers Latin-1,
whose printable range cp1252 shares), and last charset-normalizer. charset-normalizer
alone often mistakes short cp1252 text for cp1250 or UTF-16, hence the guard.

Returns None for data that is not text (NUL bytes without a BOM, or no plausible
encoding). Newlines are normalised to "\\n" and the text to Unicode NFC.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WESTERN = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßœŒšŠžŽŸ"
    "’‘‚“”„–—…€•™«»°£¥§©®·¿¡\u00a0"
)
_MAX_NON_ASCII_SHARE = 0.3
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01


def decode_bytes(data: bytes, declared: str | None = None) -> str | None:
    """Decode ``data`` to normalised text, or None if it does not look like text."""
    text = _decode(data, declared)
    if text is None or _looks_binary(text):
        return None
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    """CRLF and CR -> LF, then Unicode NFC."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def bom_encoding(data: bytes) -> str | None:
    """The encoding named by a byte-order mark at the start of ``data``, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _decode(data: bytes, declared: str | None) -> str | None:
    encoding = bom_encoding(data)
    if encoding:
        bom_length = 4 if encoding.startswith("utf-32") else 3 if encoding == "utf-8" else 2
        return data[bom_length:].decode(encoding, errors="replace")
    if b"\x00" in data:
        return None
    for attempt in (_utf8, lambda d: _declared(d, declared), _western, _guess):
        text = attempt(data)
        if text is not None:
            return text
    return None


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        return data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        return None


def _western(data: bytes) -> str | None:
    non_ascii = sum(1 for byte in data if byte > 0x7F)
    if non_ascii > _MAX_NON_ASCII_SHARE * len(data):
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if all(ch in _WESTERN for ch in text if ord(ch) > 0x7F):
        return text
    return None


def _guess(data: bytes) -> str | None:
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best)


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    return len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text)
