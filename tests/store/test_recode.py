"""Store.recode: every document's reports replaced, incidents rebuilt, all or nothing."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Iterator, Sequence

import pytest

from sitroom.errors import SitroomError
from sitroom.records import ActorRef, DateRange, Document, EventReport, Location, Relation
from sitroom.store import EventFilter, IncidentFilter, Store

from test_store import dump, make_document, make_report

SANAA = Location("Sanaa", "Sanaa", 15.35, 44.2, "YEM", "Amanat al Asimah", "town")
HOUTHIS = ActorRef("Houthis", "houthis", "Ansar Allah", "rebel", "YEM")
DAY = DateRange(date(2024, 1, 3), date(2024, 1, 3), "day")


def strike(document: Document, report_id: str) -> EventReport:
    return make_report(document, report_id, actor=HOUTHIS, location=SANAA, date=DAY)


def relation(document: Document) -> Relation:
    return Relation("houthis", "backed_by", "iran", source=document.id)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "recode.db"


@pytest.fixture
def store(path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{path}") as opened:
        for n in (1, 2):
            document = make_document(n)
            opened.save_document(document, [strike(document, f"old{n}")], [relation(document)])
        yield opened


def twice(document: Document) -> tuple[Sequence[EventReport], Sequence[Relation]]:
    """A 'new version' of the pipeline: two reports per document, no relations."""
    return [strike(document, f"{document.id}-a"), dataclasses.replace(
        strike(document, f"{document.id}-b"), event_type="THREATEN")], []


def test_recode_replaces_reports_relations_and_incidents(store: Store) -> None:
    assert store.recode(twice) == 4
    assert sorted(r.id for r in store.events(EventFilter(limit=None))) == ["doc1-a", "doc1-b", "doc2-a", "doc2-b"]
    assert [r for r in store.relations() if r.source.startswith("doc")] == []
    members = sorted(sorted(r.id for r in i.reports) for i in store.incidents(IncidentFilter(limit=None)))
    assert members == [["doc1-a", "doc2-a"], ["doc1-b", "doc2-b"]]  # same strike in both documents merges
    assert store.stats()["documents"] == 2


def test_recode_with_the_same_coding_keeps_ids_and_incidents(store: Store) -> None:
    def same(document: Document) -> tuple[Sequence[EventReport], Sequence[Relation]]:
        return [strike(document, f"old{document.id[-1]}")], [relation(document)]

    def snapshot() -> tuple[list[str], list[tuple[str, list[str]]], int]:
        found = store.incidents(IncidentFilter(limit=None))
        return (sorted(r.id for r in store.events(EventFilter(limit=None))),
                sorted((i.id, sorted(r.id for r in i.reports)) for i in found), len(store.relations()))

    before = snapshot()
    assert store.recode(same) == 2
    assert snapshot() == before and len(before[1]) == 1


def test_a_failure_half_way_leaves_the_store_as_it_was(store: Store, path: Path) -> None:
    before = dump(path)
    seen: list[str] = []

    def breaks(document: Document) -> tuple[Sequence[EventReport], Sequence[Relation]]:
        seen.append(document.id)
        if len(seen) == 2:
            raise SitroomError("model failed")
        return twice(document)

    with pytest.raises(SitroomError, match="model failed"):
        store.recode(breaks)
    assert seen == ["doc1", "doc2"]
    assert dump(path) == before
