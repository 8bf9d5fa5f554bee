"""Tests for sitroom.knowledge.actors on the shipped actor file (no mocks)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitroom.errors import KnowledgeError
from sitroom.knowledge.actors import PREDICATES, SHIPPED_ACTORS_FILE, SHIPPED_STATES_FILE, ActorKB, normalise
from sitroom.settings import Options

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED_ARTICLE = SHARED / "seed" / "seed-article.txt"
SEED_GOLD = SHARED / "seed" / "seed-gold.json"


def user_kb(tmp_path: Path, data: object) -> ActorKB:
    path = tmp_path / "my-actors.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return ActorKB.load(Options.load(environ={}).replace(actors_file=str(path)))


# ------------------------------------------------------------------ the shipped file


def test_shipped_file_is_rich_and_consistent(kb: ActorKB) -> None:
    assert len(kb.actors) >= 100
    assert sum(len(a.aliases) for a in kb.actors.values()) >= 400
    assert {r.predicate for r in kb.relations} == set(PREDICATES)
    for rel in kb.relations:
        assert rel.subject in kb.actors and rel.object in kb.actors
        assert rel.source == "knowledge"
        assert rel.subject_name == kb.actors[rel.subject].name
    for actor in kb.actors.values():
        assert actor.country is None or len(actor.country) == 3


@pytest.mark.parametrize("path", [SHIPPED_ACTORS_FILE, SHIPPED_STATES_FILE], ids=["actors", "states"])
def test_every_shipped_relation_has_a_note(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    for actor in data["actors"]:
        for rel in actor["relations"]:
            assert rel.get("note"), (actor["id"], rel)


@pytest.mark.parametrize("name", [
    "Israel", "Iran", "Iraq", "Syria", "Lebanon", "Yemen", "Saudi Arabia", "UAE", "Jordan", "Egypt",
    "Qatar", "Turkey", "United States", "United Kingdom", "Russia", "France", "Palestinian Authority",
    "Bahrain", "Oman", "Kuwait", "IDF", "Israeli Air Force", "Mossad", "Shin Bet", "IRGC",
    "IRGC Quds Force", "IRGC Navy", "Iranian army", "US military", "US Navy", "CENTCOM", "Pentagon",
    "State Department", "Royal Navy", "RAF", "Iraqi security forces", "Iraqi government",
    "Syrian army", "Assad government", "Lebanese Armed Forces", "Saudi-led coalition",
    "Yemeni government", "UNIFIL", "United Nations", "Hamas", "Qassam Brigades",
    "Palestinian Islamic Jihad", "al-Quds Brigades", "Hizbullah", "Houthis",
    "Islamic Resistance in Iraq", "Kata'ib Hizballah", "Kata'ib Sayyid al-Shuhada",
    "Harakat al-Nujaba", "Badr Organization", "Asa'ib Ahl al-Haq", "Popular Mobilization Forces",
    "ISIS", "SDF", "YPG", "PKK", "HTS", "Syrian National Army", "Fatemiyoun", "Zainabiyoun", "Amal",
    "al-Qaeda", "AQAP", "al-Shabaab", "Iraqi militias",
])
def test_required_actors_are_shipped(kb: ActorKB, name: str) -> None:
    assert kb.lookup(name) is not None, name


@pytest.mark.skipif(not SEED_GOLD.exists(), reason=f"seed gold not found at {SEED_GOLD}")
def test_seed_gold_actors_and_aliases_resolve(kb: ActorKB) -> None:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    for entry in gold["actors"]:
        actor = kb.lookup(entry["name"])
        assert actor is not None, entry["name"]
        assert actor.country == entry["country"]
        for alias in entry.get("aliases", []):
            found = kb.lookup(alias)
            assert found is not None, alias
            # "US Navy" may resolve to the navy: it must then belong to the gold actor
            assert found.id == actor.id or kb.parent_state(found.id) == actor.id, alias


# ------------------------------------------------------------------ lookup


@pytest.mark.parametrize("text,actor_id", [
    ("Hizbullah", "hizbullah"), ("Hezbollah", "hizbullah"), ("Hizballah", "hizbullah"),
    ("Hizbollah", "hizbullah"), ("hezbollah", "hizbullah"), ("Hezbollah's", "hizbullah"),
    ("Lebanese Hizbullah", "hizbullah"),
    ("Kata'ib Sayyid al-Shuhada", "kataib-sayyid-al-shuhada"),
    ("Kataib Sayyid al-Shuhada", "kataib-sayyid-al-shuhada"),
    ("Kata’ib Sayyid al‑Shuhada", "kataib-sayyid-al-shuhada"),  # curly apostrophe, non-breaking hyphen
    ("Sayed al-Shuhada Brigades", "kataib-sayyid-al-shuhada"),
    ("Sayyed al Shuhada Brigades", "kataib-sayyid-al-shuhada"),  # space for hyphen
    ("the Sayyid al-Shuhada Brigades", "kataib-sayyid-al-shuhada"),
    ("KSS", "kataib-sayyid-al-shuhada"),
    ("Houthi", "houthis"), ("Houthis", "houthis"), ("the Houthis", "houthis"),
    ("Houthi forces", "houthis"), ("Houthi rebels", "houthis"), ("Houthi movement", "houthis"),
    ("Ansarallah", "houthis"), ("Ansar Allah", "houthis"),
    ("Islamic Republic", "iran"), ("Iranian regime", "iran"), ("Tehran", "iran"),
    ("the Islamic Republic's", "iran"),
    ("Washington", "united-states"), ("US", "united-states"), ("U.S.", "united-states"),
    ("American forces", "us-military"), ("US forces", "us-military"), ("US troops", "us-military"),
    ("US Navy", "us-navy"), ("U.S. Navy", "us-navy"), ("Pentagon", "pentagon"),
    ("Türkiye", "turkey"), ("Turkiye", "turkey"),
    ("Daesh", "isis"), ("ISIL", "isis"), ("IS", "isis"), ("Islamic State", "isis"),
    ("Hashd al-Shaabi", "pmf"), ("PMF", "pmf"), ("Iraqi militia", "iraqi-militias"),
    ("Quds Force", "irgc-quds-force"), ("Quds Brigades", "al-quds-brigades"),
    ("Abu Alaa al-Walai", "abu-alaa-al-walai"),
])
def test_lookup_variants(kb: ActorKB, text: str, actor_id: str) -> None:
    actor = kb.lookup(text)
    assert actor is not None and actor.id == actor_id, (text, actor)


@pytest.mark.parametrize("text", ["us", "is", "un", "", "  ", "the", "Iran-backed Houthis", "weather"])
def test_lookup_refuses_non_names(kb: ActorKB, text: str) -> None:
    assert kb.lookup(text) is None


def test_normalise() -> None:
    assert normalise("Kata’ib  Ḥizballah") == normalise("kata'ib hizballah") == "kata ib hizballah"
    assert normalise("al-Shuhada") == normalise("al Shuhada")


def test_demonyms_are_not_aliases(kb: ActorKB) -> None:
    assert kb.demonym("Iranian").id == "iran"
    assert kb.demonym("Turkish").id == "turkey"
    assert kb.demonym("Martian") is None
    assert kb.lookup("Iranian") is None
    assert kb.find("Iranian officials met.") == []


# ------------------------------------------------------------------ find


def test_find_offsets_and_longest_match(kb: ActorKB) -> None:
    text = ("The US and its allies told us that IS and the U.S. Navy, the Iran-backed Houthi rebels "
            "and Hezbollah’s fighters — Kata’ib Hizballah — fought the Islamic State of Iraq and Syria.")
    found = [(text[s:e], a.id) for s, e, a in kb.find(text)]
    assert found == [
        ("US", "united-states"), ("IS", "isis"), ("U.S. Navy", "us-navy"), ("Iran", "iran"),
        ("Houthi rebels", "houthis"), ("Hezbollah", "hizbullah"), ("Kata’ib Hizballah", "kataib-hizballah"),
        ("Islamic State of Iraq and Syria", "isis"),
    ]


def test_find_respects_word_boundaries_and_plurals(kb: ActorKB) -> None:
    text = "Irani dishes, the Houthis, Iraqi militias, Hamasville and Amalgamated Steel."
    assert [(text[s:e], a.id) for s, e, a in kb.find(text)] == [
        ("Houthis", "houthis"), ("Iraqi militias", "iraqi-militias"),
    ]


def test_find_on_non_ascii_text_keeps_offsets(kb: ActorKB) -> None:
    text = "Ḥizballah — “Katā’ib Ḥizballah” and Türkiye."
    found = [(text[s:e], a.id) for s, e, a in kb.find(text)]
    assert found == [("Ḥizballah", "hizbullah"), ("Katā’ib Ḥizballah", "kataib-hizballah"), ("Türkiye", "turkey")]


@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason=f"seed article not found at {SEED_ARTICLE}")
def test_find_on_a_long_article_repeats_the_matches_of_one_copy(kb: ActorKB) -> None:
    # Speed is measured by benchmarks/actor_find.py, not here.
    one = SEED_ARTICLE.read_text(encoding="utf-8")
    copies = 1 + 2000 // len(one.split())
    text = "\n\n".join([one] * copies)  # >= 2,000 words
    single = [(s, e, a.id) for s, e, a in kb.find(one)]
    found = [(s, e, a.id) for s, e, a in kb.find(text)]
    step = len(one) + 2
    assert found == [(s + k * step, e + k * step, i) for k in range(copies) for s, e, i in single]
    assert len(found) > 100
    assert {"iran", "united-states", "kataib-sayyid-al-shuhada", "irgc", "houthis"} <= {i for _, _, i in single}


# ------------------------------------------------------------------ relations, backers, states


def test_backers_follow_part_of(kb: ActorKB) -> None:
    assert kb.backers("houthis") == ("Iran",)
    assert kb.backers("kataib-sayyid-al-shuhada") == ("Iran",)
    assert "Iran" in kb.backers("qassam-brigades")  # via Hamas
    assert kb.backers("us-navy") == ()
    assert kb.backers("assad-government") == ("Iran", "Russia")
    assert kb.backers("assad-government", on=date(2025, 6, 1)) == ()


def test_parent_state(kb: ActorKB) -> None:
    assert kb.parent_state("us-navy") == "united-states"
    assert kb.parent_state("irgc-quds-force") == "iran"
    assert kb.parent_state("israeli-air-force") == "israel"
    assert kb.parent_state("iran") == "iran"
    assert kb.parent_state("hizbullah") is None
    assert kb.parent_state("no-such-actor") is None


def test_leaders_with_dates(kb: ActorKB) -> None:
    leads = {(r.subject, r.object): r for r in kb.relations if r.predicate == "leads"}
    assert ("abu-alaa-al-walai", "kataib-sayyid-al-shuhada") in leads
    assert ("akram-al-kaabi", "harakat-al-nujaba") in leads
    assert ("esmail-qaani", "irgc-quds-force") in leads
    assert leads[("hassan-nasrallah", "hizbullah")].valid_to == date(2024, 9, 27)
    assert leads[("ismail-haniyeh", "hamas")].valid_to == date(2024, 7, 31)
    assert kb.relations_of("us-navy", "part_of")[0].object == "us-military"


def test_ref(kb: ActorKB) -> None:
    ref = kb.ref("Houthi forces", kb.lookup("Houthi forces"))
    assert (ref.text, ref.id, ref.name, ref.kind, ref.country, ref.backers) == (
        "Houthi forces", "houthis", "Houthis", "non-state armed group", "YEM", ("Iran",))
    assert kb.ref("the Sayed al-Shuhada Brigades", None).id == "kataib-sayyid-al-shuhada"
    unknown = kb.ref("unknown gunmen", None)
    assert unknown.text == "unknown gunmen" and unknown.id is None and unknown.backers == ()


# ------------------------------------------------------------------ the user's file


def test_user_file_adds_and_overrides(tmp_path: Path) -> None:
    kb = user_kb(tmp_path, {"actors": [
        {"id": "saraya-awliya-al-dam", "name": "Saraya Awliya al-Dam", "kind": "militia", "country": "IRQ",
         "aliases": ["Awliya al-Dam"],
         "relations": [{"predicate": "backed_by", "object": "iran", "note": "test"},
                       {"predicate": "part_of", "object": "iraqi-militias"}]},
        {"id": "houthis", "aliases": ["Yemeni Ansar"], "description": "overridden"},
        {"id": "pmf", "aliases": ["Hashd"], "relations": [{"predicate": "backed_by", "object": "iran"}]},
    ]})
    assert kb.lookup("Awliya al-Dam").id == "saraya-awliya-al-dam"
    assert kb.backers("saraya-awliya-al-dam") == ("Iran",)
    houthis = kb.actors["houthis"]
    assert houthis.description == "overridden" and houthis.name == "Houthis"
    assert kb.lookup("Yemeni Ansar").id == "houthis" and kb.lookup("Ansar Allah").id == "houthis"
    assert kb.backers("pmf") == ("Iran",)
    assert len(kb.relations_of("pmf", "part_of")) == 1  # shipped relations kept


def test_user_alias_wins_over_shipped(tmp_path: Path) -> None:
    kb = user_kb(tmp_path, {"actors": [
        {"id": "my-nujaba", "name": "My Nujaba", "kind": "militia", "aliases": ["Nujaba"]},
    ]})
    assert kb.lookup("Nujaba").id == "my-nujaba"
    assert kb.lookup("Harakat al-Nujaba").id == "harakat-al-nujaba"


def test_user_relation_replaces_same_predicate_and_object(tmp_path: Path) -> None:
    kb = user_kb(tmp_path, {"actors": [
        {"id": "houthis", "relations": [{"predicate": "backed_by", "object": "iran", "valid_to": "2020-01-01"}]},
    ]})
    rels = kb.relations_of("houthis", "backed_by")
    assert len(rels) == 1 and rels[0].valid_to == date(2020, 1, 1)
    assert kb.backers("houthis", on=date(2023, 1, 1)) == ()


@pytest.mark.parametrize("content,problem", [
    ("{not json", "not valid JSON"),
    ({"people": []}, "'actors' list"),
    ({"actors": [{"name": "X", "kind": "militia"}]}, "'id'"),
    ({"actors": [{"id": "Bad Id", "name": "X", "kind": "militia"}]}, "'id'"),
    ({"actors": [{"id": "x", "kind": "militia"}]}, "missing 'name'"),
    ({"actors": [{"id": "x", "name": "X", "kind": "militia", "country": "Iraq"}]}, "ISO 3166"),
    ({"actors": [{"id": "x", "name": "X", "kind": "militia", "aliases": "X1"}]}, "'aliases'"),
    ({"actors": [{"id": "x", "name": "X", "kind": "militia", "alias": ["X1"]}]}, "unknown keys"),
    ({"actors": [{"id": "x", "name": "X", "kind": "militia",
                  "relations": [{"predicate": "funds", "object": "iran"}]}]}, "predicate 'funds'"),
    ({"actors": [{"id": "x", "name": "X", "kind": "militia",
                  "relations": [{"predicate": "backed_by", "object": "atlantis"}]}]}, "unknown actor 'atlantis'"),
    ({"actors": [{"id": "x", "name": "X", "kind": "militia",
                  "relations": [{"predicate": "leads", "object": "iran", "valid_from": "2024-13-01"}]}]}, "ISO date"),
    ({"actors": [{"id": "x", "name": "X", "kind": "militia",
                  "relations": [{"predicate": "leads", "object": "iran", "valid_from": "2024-02-01",
                                 "valid_to": "2023-01-01"}]}]}, "after valid_to"),
    ({"actors": [{"id": "x", "name": "X", "kind": "militia"}, {"id": "x", "name": "Y", "kind": "militia"}]}, "used twice"),
    ({"actors": [{"id": "x", "name": "Zed", "kind": "militia"}, {"id": "y", "name": "zed", "kind": "militia"}]}, "also names"),
    ({"actors": [], "capitalised_only": "Turkey"}, "'capitalised_only'"),
    ({"actors": [], "not_actors": ["Sea of Japan", ""]}, "'not_actors'"),
    ({"actors": [{"id": "x", "name": "X", "kind": "militia", "relations": [{"predicate": "part_of", "object": "y"}]},
                 {"id": "y", "name": "Y", "kind": "militia", "relations": [{"predicate": "part_of", "object": "x"}]}]}, "cycle"),
])
def test_invalid_user_file_names_file_and_problem(tmp_path: Path, content: object, problem: str) -> None:
    with pytest.raises(KnowledgeError) as info:
        user_kb(tmp_path, content)
    message = str(info.value)
    assert problem in message
    assert "my-actors.json" in message


def test_missing_user_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(KnowledgeError, match="nope.json: actor file not found"):
        ActorKB.load(Options.load(environ={}).replace(actors_file=str(missing)))


@pytest.mark.parametrize(("actor_id", "state"), [
    ("irgc-quds-force", "iran"),       # force -> force -> state
    ("us-navy", "united-states"),
    ("peshmerga", "iraq"),             # regional forces -> regional government -> state
    ("kataib-hizballah", None),        # a militia under a state-sanctioned umbrella speaks for itself
    ("pmf", None),
    ("qassam-brigades", None),
])
def test_parent_state_climbs_through_state_organs_only(kb: ActorKB, actor_id: str, state: str | None) -> None:
    assert kb.parent_state(actor_id) == state
