"""Cleaning: boilerplate, repeated paragraphs, captions; the seed article; ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.errors import InputError
from sitroom.ingest import make_document, read_sources
from sitroom.ingest.clean import clean_text, is_boilerplate, is_credit_line

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seed" / "seed-article.txt"
SEED_CAPTIONS = (
    "A fragment of a rocket reportedly fired from Lebanon is seen here in the northern Israeli "
    "border town of Kiryat Shmona.",
    "A photo circulated on social media accounts allied with Iran-backed Iraqi militias on "
    "October 15 purports to show Abu Alaa al-Walai",
)


@pytest.fixture
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip(f"SEED ARTICLE MISSING: {SEED} not found (the shared/ folder belongs beside the repo)")
    return SEED


def test_seed_article(seed_path, options):
    (doc,) = read_sources([str(seed_path)], options)
    assert len(doc.captions) == 2
    for start, caption in zip(SEED_CAPTIONS, doc.captions):
        assert caption.startswith(start)
        assert doc.text.count(caption) == 1
    assert doc.captions[0].endswith("[Jalaa Marey/AFP]")
    for line in ("Do you like this article?", "Captcha"):
        assert line not in doc.text
    assert doc.text.endswith('"until the order is given."')
    assert doc.byline == "Anas al-Bar"
    assert doc.title.startswith("Iranian proxies reportedly establish operations room")


def test_seed_same_id_twice(seed_path, options):
    first, second = read_sources([str(seed_path), str(seed_path)], options)
    assert first.id == second.id


@pytest.mark.parametrize("line", [
    "Do you like this article?", "Captcha *", "Share this article", "SUBSCRIBE TO OUR NEWSLETTER",
    "Click here to read more", "We use cookies to improve your experience.", "Advertisement",
    "Read more: Houthis fire missiles at Eilat",
])
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Analysts asked: do you like this article? No, they said.",
    "The group said it would share this article's findings with the UN Security Council next week.",
    "Advertisement boards in Sanaa were covered with Houthi slogans.",
    "Read more carefully, the statement threatens shipping in the Red Sea and the Gulf of Aden, "
    "officials warned on Tuesday after the meeting in Riyadh ended without agreement.",
])
def test_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_boilerplate_never_removed_inside_a_sentence():
    text = "Officials said: Share this article with care.\n\nShare this article"
    assert clean_text(text).text == "Officials said: Share this article with care."


def test_repeated_paragraph_collapsed_and_listed_as_caption():
    caption = "Smoke rises over the port of Hodeidah after the strike on Friday."
    text = f"First paragraph about the strike.\n\n{caption}\n\nMiddle paragraph.\n\n{caption}\n\nEnd."
    cleaned = clean_text(text)
    assert cleaned.text.count(caption) == 1
    assert cleaned.captions == (caption,)


def test_short_repeats_are_kept():
    text = "Gaza.\n\nGaza.\n\n* * *\n\n* * *"
    assert clean_text(text).text == text


@pytest.mark.parametrize("line, expected", [
    ("Smoke over Gaza City. [Mahmud Hams/AFP]", True),
    ("Fighters in Marib (Photo: Reuters)", True),
    ("Fighters parade in Sanaa. Photo: Mohammed Huwais", True),
    ("The militia posted photos by the border fence.", False),
    ("The minister [of defence] spoke.", False),
])
def test_credit_lines(line, expected):
    assert is_credit_line(line) is expected


def test_known_captions_appended_once():
    body = "Drones were launched at the base.\n\nThe group claimed the attack."
    cleaned = clean_text(body, captions=["Smoke over the base.", "The group claimed the attack."])
    assert cleaned.text == body + "\n\nSmoke over the base."
    assert cleaned.captions == ("The group claimed the attack.", "Smoke over the base.")


def test_make_document_ids_and_whitespace():
    a = make_document("Drones   hit Erbil.\r\n\r\n\r\nTwo were hurt.", source_id="a")
    b = make_document("Drones hit Erbil.\n\nTwo were hurt.\n", source_id="b")
    assert a.text == b.text == "Drones hit Erbil.\n\nTwo were hurt."
    assert a.id == b.id and a.id.startswith("doc-") and len(a.id) == 20
    assert a.source_id == "a"


def test_make_document_without_text_raises():
    with pytest.raises(InputError, match="no article text"):
        make_document("Advertisement\n\n", source_id="x")
