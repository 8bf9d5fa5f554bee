"""Encodings: BOMs, UTF-8, cp1252, latin-1, charset-normalizer fallback."""

from __future__ import annotations

import pytest

from sitroom.ingest import read_sources
from sitroom.ingest.decode import decode_bytes

CP1252 = "Hizbullah’s fighters said “no” — the café lost 5 € of stock.\nA second line.\n"
LATIN1 = "Le café près de la gare a été touché à l’aube.".replace("’", "'")
UTF16 = "Hizbullah’s drones: “intercepted” over Kiryat Shmona — ça va.\r\nSecond line."


@pytest.mark.parametrize("text, encoding", [
    (CP1252, "cp1252"),
    (LATIN1, "latin-1"),
    (UTF16, "utf-16"),  # Python writes a BOM for "utf-16"
    (UTF16, "utf-8-sig"),
    (UTF16, "utf-32"),
    (CP1252, "utf-8"),
])
def test_decode(text, encoding):
    expected = text.replace("\r\n", "\n")
    assert decode_bytes(text.encode(encoding)) == expected


def test_short_latin1_word():
    assert decode_bytes("café".encode("latin-1")) == "café"


def test_other_scripts_fall_back_to_charset_normalizer():
    arabic = "هجوم بطائرة مسيرة على قاعدة عين الأسد في العراق يوم الثلاثاء"
    assert decode_bytes(arabic.encode("cp1256")) == arabic


def test_nfc_and_binary():
    assert decode_bytes("cafe\u0301".encode()) == "café"
    assert decode_bytes(b"abc\x00def") is None


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16"])
def test_files_in_each_encoding(tmp_path, options, encoding):
    text = "Hizbullah’s rockets hit the café near Metula, causing €5,000 of damage." \
        if encoding != "latin-1" else "Hizbullah's rockets hit the café near Metula (5 000 £)."
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    (doc,) = read_sources([str(path)], options)
    assert doc.text == text
