"""The actors the development-set annotators use resolve in the shipped knowledge base (no mocks)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitroom.knowledge.actors import ActorKB

DEVSET = Path(__file__).resolve().parents[2] / "sitroom" / "data" / "devset" / "voa"

# Only the "dev" split is read: the held-out stories must not shape the knowledge base.
# Gold actor/target values that name no organisation or state: roles, populations and
# private individuals. Anything else the annotators write must be in the knowledge base.
NOT_KB_ACTORS = frozenset({
    "civilians", "migrants", "bandits", "police", "protesters", "rights groups", "militants", "prisoners",
    "prison guards", "clan militias", "foreign vessels", "public schools", "terrorist cell",
    "alleged coup plotters", "US consulate employee", "Palestinians", "Arnel Joseph", "Khalid Mehdiyev",
})


def gold_names() -> set[str]:
    names: set[str] = set()
    for path in sorted(DEVSET.glob("*.json")):
        story = json.loads(path.read_text(encoding="utf-8"))
        if story["split"] != "dev":
            continue  # the held-out stories are not used to shape the knowledge base
        for event in story["events"]:
            names.update(v for v in (event.get("actor"), event.get("target")) if isinstance(v, str) and v)
    return names


def found(kb: ActorKB, text: str) -> list[tuple[str, str]]:
    return [(text[s:e], actor.id) for s, e, actor in kb.find(text)]


def test_every_devset_actor_resolves(kb: ActorKB) -> None:
    names = gold_names()
    assert len(names) > 50
    missing = sorted(n for n in names - NOT_KB_ACTORS if kb.lookup(n) is None)
    assert missing == [], "add these to knowledge/data/actors.json (or to NOT_KB_ACTORS if they name no actor)"


@pytest.mark.parametrize("text,actor_id", [
    ("C.A.R.", "central-african-republic"), ("CAR", "central-african-republic"),
    ("Frontier Corps", "frontier-corps"), ("Afghan security forces", "afghan-security-forces"),
    ("Afghan army", "afghan-security-forces"), ("ANDSF", "afghan-security-forces"),
    ("Congress", "us-congress"), ("U.S. Senate", "us-congress"), ("US lawmakers", "us-congress"),
    ("Israeli police", "israel-police"), ("Israel Police", "israel-police"), ("Magav", "israel-border-police"),
    ("European Union Force", "eufor"), ("Abdul Qadir Mumin", "abdul-qadir-mumin"),
    ("Puntland forces", "puntland-forces"), ("Puntland Security Force", "puntland-forces"),
    ("Assad loyalists", "assad-loyalists"), ("Majeed Brigade", "majeed-brigade"),
    ("Baloch Liberation Army Majeed Brigade", "majeed-brigade"), ("Human Rights Watch", "human-rights-watch"),
    ("HRW", "human-rights-watch"), ("Voice of America", "voa"), ("VOA", "voa"), ("UNICEF", "unicef"),
    ("United Nations Children's Fund", "unicef"), ("Doctors Without Borders", "msf"),
    ("MSF", "msf"), ("Medecins Sans Frontieres", "msf"),
    ("Immigration and Customs Enforcement", "us-ice"), ("ICE", "us-ice"),
    ("DHS", "us-dhs"), ("Homeland Security", "us-dhs"), ("US Department of Homeland Security", "us-dhs"),
    ("American Civil Liberties Union", "aclu"), ("ACLU", "aclu"),
    ("Malawi High Court", "malawi-high-court"), ("Bring Back Our Girls", "bring-back-our-girls"),
    ("Women Arise for Change Initiative", "women-arise"),
    ("Lions of the Caliphate in the Maghreb Al Aqsa", "lions-of-the-caliphate"),
])
def test_devset_names(kb: ActorKB, text: str, actor_id: str) -> None:
    actor = kb.lookup(text)
    assert actor is not None and actor.id == actor_id, (text, actor)


@pytest.mark.parametrize("text", [
    "Kata'ib Hezbollah", "Kataib Hezbollah", "Kata’ib Hezbollah", "Kataeb Hezbollah", "Kataib Hizbollah",
    "Kata'ib Hizbollah", "Kataeb Hizbullah", "Kataib Hizbullah",
])
def test_kataib_hezbollah_spellings_are_not_hizbullah(kb: ActorKB, text: str) -> None:
    assert kb.lookup(text).id == "kataib-hizballah"
    assert found(kb, f"Iraq's {text} fired drones.") == [("Iraq", "iraq"), (text, "kataib-hizballah")]


@pytest.mark.parametrize("text", ["congress", "ice", "homeland security", "women arise", "bring back our girls",
                                  "Party Congress", "RS", "junta", "Democratic Party", "Senate"])
def test_common_words_and_ambiguous_names_are_not_actors(kb: ActorKB, text: str) -> None:
    assert kb.lookup(text) is None


def test_other_congresses_are_not_the_us_congress(kb: ActorKB) -> None:
    text = ("The African National Congress, the National Congress Party, the National People's Congress, "
            "the World Uyghur Congress, the Congress party, a Party Congress and the Congress of Deputies; "
            "Congress voted.")
    assert found(kb, text) == [
        ("African National Congress", "african-national-congress"),
        ("National Congress Party", "national-congress-party"),
        ("National People's Congress", "national-peoples-congress"),
        ("World Uyghur Congress", "world-uyghur-congress"), ("Congress party", "indian-national-congress"),
        ("Congress", "us-congress"),
    ]


def test_devset_relations(kb: ActorKB) -> None:
    assert kb.parent_state("us-ice") == "united-states"
    assert kb.parent_state("israel-border-police") == "israel"
    assert kb.parent_state("puntland-forces") == "somalia"
    assert kb.parent_state("frontier-corps") == "pakistan"
    assert kb.parent_state("majeed-brigade") is None
    assert {r.object for r in kb.relations_of("majeed-brigade", "part_of")} == {"bla"}
    assert {r.object for r in kb.relations_of("unicef", "part_of")} == {"united-nations"}
    assert {r.object for r in kb.relations_of("abdul-qadir-mumin", "leads")} == {"is-somalia"}
    assert kb.backers("lions-of-the-caliphate") == ("Islamic State Sahel Province",)


def test_devset_leaders_are_dated(kb: ActorKB) -> None:
    def leads(person: str, group: str, on: date) -> bool:
        return any(r.object == group and (r.valid_from is None or r.valid_from <= on)
                   and (r.valid_to is None or on <= r.valid_to) for r in kb.relations_of(person, "leads"))

    assert leads("taliban", "afghanistan", date(2024, 8, 21))
    assert not leads("taliban", "afghanistan", date(2020, 1, 27))
