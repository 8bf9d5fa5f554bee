"""Tests for sitroom.store on a temporary SQLite file."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any, Iterator

import pytest

import sitroom.store
from sitroom.errors import ConfigError, NotFoundError, StoreError
from sitroom.records import (
    Actor, ActorRef, Claim, Count, DateRange, Document, EventReport, Location, Modality,
    Relation, Span,
)
from sitroom.store import EventFilter, Store

TEXT = (
    "The Iran-backed Houthis said they fired drones at a ship in the Red Sea on 3 January. "
    "The US could not confirm the attack, CENTCOM said."
)


# -- record builders -------------------------------------------------------------------


def make_document(n: int = 1, text: str = TEXT) -> Document:
    return Document(
        id=f"doc{n}", source_id=f"src-{n}", text=text, title=f"Title {n}",
        url=f"https://example.org/{n}", outlet="Example Wire", published=date(2024, 1, 4),
        byline="A. Reporter", captions=("A drone.", "A ship."), content_hash=f"hash{n}",
    )


def make_report(document: Document, report_id: str, **changes: Any) -> EventReport:
    base = EventReport(
        id=report_id, document=document, event_type="ASSAULT",
        trigger=Span(42, 47, "fired"), sentence=Span(0, 86, TEXT[:86]),
    )
    return dataclasses.replace(base, **changes)


def full_report(document: Document, report_id: str = "ev-full") -> EventReport:
    """A report with every field filled."""
    return make_report(
        document, report_id,
        mode="drone",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        actor=ActorRef("The Iran-backed Houthis", "houthis", "Ansar Allah", "rebel", "YEM", ("iran",)),
        target=ActorRef("a ship", None, None, "civilian", None, ()),
        location=Location("the Red Sea", "Red Sea", 20.0, 38.5, None, None, "region", "sup:red-sea"),
        date=DateRange(date(2024, 1, 3), date(2024, 1, 3), "day", "on 3 January"),
        weapons=("drone", "cruise missile"),
        outcome="intercepted",
        intercepted_by="USS Carney",
        fatalities=Count(2, 5),
        injured=Count(3, 3),
        claim=Claim("unconfirmed", "The Iran-backed Houthis", ("CENTCOM", "US officials")),
        modality=Modality(negated=False, hypothetical=True, future=False),
        confidence=0.875,
        evidence={
            "actor": Span(0, 23, "The Iran-backed Houthis"),
            "date": Span(71, 83, "on 3 January"),
            "claim": Span(87, 121, "The US could not confirm the attack"),
        },
    )


def dated(document: Document, report_id: str, start: date | None, end: date | None = None,
          **changes: Any) -> EventReport:
    span = DateRange(start, end or start, "day" if start else "unknown")
    return make_report(document, report_id, date=span, **changes)


def houthis() -> Actor:
    return Actor("houthis", "Ansar Allah", "rebel", "YEM", ("Houthis", "Huthis", "Houthi movement"),
                 "Yemeni armed movement")


def knowledge() -> tuple[list[Actor], list[Relation]]:
    actors = [houthis(), Actor("iran", "Iran", "state", "IRN", ("Islamic Republic of Iran",))]
    relations = [Relation("houthis", "backed_by", "iran", "Ansar Allah", "Iran",
                          valid_from=date(2015, 1, 1))]
    return actors, relations


# -- fixtures ----------------------------------------------------------------------------


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sitroom.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{db_path}") as opened:
        yield opened


def dump(path: Path) -> list[str]:
    """Every statement needed to rebuild the database: equal dumps mean equal databases."""
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def ids(reports: list[EventReport]) -> list[str]:
    return [report.id for report in reports]


# -- opening -----------------------------------------------------------------------------


def test_exports_are_exactly_store_and_filters() -> None:
    assert sorted(sitroom.store.__all__) == ["EventFilter", "IncidentFilter", "Store"]


def test_creates_database_on_first_use(db_path: Path) -> None:
    assert not db_path.exists()
    with Store.open(f"sqlite:///{db_path}") as store:
        assert store.stats()["documents"] == 0
    assert db_path.exists()
    with sqlite3.connect(db_path) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "event_reports", "actors", "actor_aliases", "relations", "sources"} <= names


def test_reopening_keeps_data(db_path: Path) -> None:
    document = make_document()
    with Store.open(f"sqlite:///{db_path}") as store:
        store.save_document(document, [full_report(document)])
    with Store.open(f"sqlite:///{db_path}") as store:
        assert store.event("ev-full") == full_report(document)


def test_wal_mode_and_foreign_keys_on(store: Store, db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with store._engine.connect() as conn:  # foreign_keys is per connection
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nowhere' / 'x.db'}"
    with pytest.raises(StoreError) as caught:
        Store.open(url)
    message = str(caught.value)
    assert message.startswith(f"cannot open database {url}")
    assert "does not exist" in message and "SITROOM_DB" in message
    assert not (tmp_path / "nowhere").exists()


def test_unopenable_file_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "adir").mkdir()
    with pytest.raises(StoreError, match="cannot open database .*SITROOM_DB"):
        Store.open(f"sqlite:///{tmp_path / 'adir'}")


def test_bad_url_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        Store.open("nosuchdialect://x/y")


# -- saving ------------------------------------------------------------------------------


def test_round_trip_of_a_full_report(store: Store) -> None:
    document = make_document()
    report = full_report(document)
    assert store.has_document("hash1") is False
    assert store.save_document(document, [report]) is True
    assert store.has_document("hash1") is True
    assert store.event(report.id) == report
    assert store.events(EventFilter()) == [report]
    assert store.document(document.id) == document


def test_round_trip_of_a_minimal_report_and_document(store: Store) -> None:
    document = Document(id="bare", source_id="bare", text="x")
    report = make_report(document, "ev-bare")
    assert store.save_document(document, [report])
    assert store.document("bare") == document
    assert store.event("ev-bare") == report


def test_resaving_is_idempotent(store: Store, db_path: Path) -> None:
    document = make_document()
    reports = [full_report(document), dated(document, "ev-2", date(2024, 1, 2))]
    assert store.save_document(document, reports) is True
    before = dump(db_path)
    assert store.save_document(document, reports) is False
    assert store.save_document(dataclasses.replace(document, id="other"), []) is False
    assert dump(db_path) == before
    assert ids(store.events(EventFilter())) == ["ev-full", "ev-2"]
    assert store.stats()["events"] == 2


def test_failure_mid_save_leaves_database_unchanged(store: Store, db_path: Path) -> None:
    first = make_document(1)
    store.save_document(first, [full_report(first)])
    before = dump(db_path)
    second = make_document(2)
    clashing = [dated(second, "ev-a", date(2024, 1, 1)), dated(second, "ev-a", date(2024, 1, 2))]
    with pytest.raises(StoreError, match="cannot save document doc2"):
        store.save_document(second, clashing, [Relation("x", "leads", "y", source="doc2")])
    assert dump(db_path) == before
    assert store.has_document("hash2") is False
    assert store.save_document(second, clashing[:1]) is True


def test_report_of_another_document_is_refused(store: Store, db_path: Path) -> None:
    before = dump(db_path)
    with pytest.raises(StoreError, match="belongs to document doc2"):
        store.save_document(make_document(1), [full_report(make_document(2))])
    assert dump(db_path) == before


def test_cited_sources_are_stored(store: Store, db_path: Path) -> None:
    document = make_document()
    store.save_document(document, [full_report(document)])
    with sqlite3.connect(db_path) as conn:
        rows = sorted(conn.execute("SELECT event_id, name FROM sources"))
    assert rows == [("ev-full", "CENTCOM"), ("ev-full", "US officials")]


def test_relations_found_in_a_document_are_stored(store: Store) -> None:
    document = make_document()
    found = Relation("abu-alaa", "leads", "kss", "Abu Alaa al-Walai", "Kata'ib Sayyid al-Shuhada",
                     source="doc1", evidence=Span(0, 10, "Abu Alaa a"))
    store.save_document(document, [], [found])
    assert store.relations() == [found]


# -- knowledge ---------------------------------------------------------------------------


def test_sync_knowledge_is_idempotent(store: Store, db_path: Path) -> None:
    actors, relations = knowledge()
    store.sync_knowledge(actors, relations)
    before = dump(db_path)
    store.sync_knowledge(actors, relations)
    assert dump(db_path) == before
    actor, linked = store.actor("houthis")
    assert actor == houthis()
    assert linked == relations
    assert store.relations() == relations


def test_sync_knowledge_updates(store: Store) -> None:
    actors, relations = knowledge()
    store.sync_knowledge(actors, relations)
    renamed = dataclasses.replace(houthis(), name="Houthis", aliases=("Ansar Allah",))
    later = dataclasses.replace(relations[0], valid_to=date(2030, 1, 1))
    store.sync_knowledge([renamed], [later])
    assert store.actor("houthis") == (renamed, [later])
    assert store.stats()["actors"] == 2 and store.stats()["relations"] == 1


# -- reading -----------------------------------------------------------------------------


@pytest.fixture
def filled(store: Store) -> Store:
    actors, relations = knowledge()
    store.sync_knowledge(actors, relations)
    one, two = make_document(1), make_document(2)
    houthi = ActorRef("Yemen's Houthis", "houthis", "Ansar Allah", "rebel", "YEM")
    us = ActorRef("US forces", "usa", "United States", "state", "USA")
    yem = Location("Sanaa", "Sanaa", 15.35, 44.2, "YEM", "Amanat al Asimah", "town")
    irq = Location("Erbil", "Erbil", 36.19, 44.01, "IRQ", "Erbil", "town")
    store.save_document(one, [
        dated(one, "e1", date(2024, 1, 3), actor=houthi, location=yem),
        dated(one, "e2", date(2024, 1, 1), date(2024, 1, 10), target=houthi, location=yem,
              event_type="THREATEN", claim=Claim("claimed", "Houthis")),
        dated(one, "e3", None, location=irq),
    ])
    store.save_document(two, [
        dated(two, "e4", date(2024, 2, 1), actor=us, location=irq, claim=Claim("denied")),
        dated(two, "e5", date(2024, 1, 3), actor=ActorRef("Ansarallah fighters"), location=yem),
    ])
    return store


def listed(store: Store, **criteria: Any) -> list[str]:
    return ids(store.events(EventFilter(**criteria)))


def test_events_newest_first_undated_last(filled: Store) -> None:
    assert listed(filled) == ["e4", "e1", "e5", "e2", "e3"]


def test_filter_by_event_type_country_and_claim(filled: Store) -> None:
    assert listed(filled, event_type="THREATEN") == ["e2"]
    assert listed(filled, event_type="threaten") == ["e2"]
    assert listed(filled, country="IRQ") == ["e4", "e3"]
    assert listed(filled, country="yem") == ["e1", "e5", "e2"]
    assert listed(filled, claim_status="denied") == ["e4"]
    assert listed(filled, claim_status="asserted") == ["e1", "e5", "e3"]


@pytest.mark.parametrize("needle", ["houthis", "ANSAR ALLAH", "huthis", "Houthi movement",
                                    "yemen's houthis"])
def test_filter_by_actor_id_name_alias_or_text(filled: Store, needle: str) -> None:
    assert listed(filled, actor=needle) == ["e1", "e2"]


def test_filter_by_actor_text_as_written(filled: Store) -> None:
    assert listed(filled, actor="ansarallah fighters") == ["e5"]
    assert listed(filled, actor="United States") == ["e4"]
    assert listed(filled, actor="nobody") == []


def test_filter_by_overlapping_dates(filled: Store) -> None:
    assert listed(filled, since=date(2024, 1, 5)) == ["e4", "e2"]
    assert listed(filled, until=date(2024, 1, 2)) == ["e2"]
    assert listed(filled, since=date(2024, 1, 3), until=date(2024, 1, 3)) == ["e1", "e5", "e2"]
    assert listed(filled, since=date(2024, 3, 1)) == []


def test_filters_combine(filled: Store) -> None:
    assert listed(filled, actor="houthis", event_type="ASSAULT", country="YEM") == ["e1"]


def test_limit_and_offset(filled: Store) -> None:
    assert listed(filled, limit=2) == ["e4", "e1"]
    assert listed(filled, limit=2, offset=2) == ["e5", "e2"]
    assert listed(filled, limit=None, offset=3) == ["e2", "e3"]
    assert listed(filled, limit=0) == []
    assert EventFilter().limit == 100


def test_default_limit_is_100(store: Store) -> None:
    document = make_document()
    store.save_document(document, [dated(document, f"e{i:03}", date(2024, 1, 1)) for i in range(105)])
    assert len(store.events(EventFilter())) == 100
    assert len(store.events(EventFilter(limit=None))) == 105


def test_bad_filter_values_are_refused() -> None:
    with pytest.raises(ConfigError):
        EventFilter(limit=-1)
    with pytest.raises(ConfigError):
        EventFilter(offset=-1)


def test_events_carry_their_document_with_text(filled: Store) -> None:
    first = filled.events(EventFilter(limit=1))[0]
    assert first.document == make_document(2)


def test_not_found_errors(filled: Store) -> None:
    with pytest.raises(NotFoundError, match="no event with id nope; list ids with `sitroom events`"):
        filled.event("nope")
    with pytest.raises(NotFoundError, match="no document with id nope"):
        filled.document("nope")
    with pytest.raises(NotFoundError, match="no actor with id nope"):
        filled.actor("nope")


def test_stats(filled: Store) -> None:
    assert filled.stats() == {
        "documents": 2,
        "events": 5,
        "incidents": 4,
        "actors": 2,
        "relations": 1,
        "by_type": {"ASSAULT": 4, "THREATEN": 1},
        "by_country": {"YEM": 3, "IRQ": 2},
    }
