"""The in-memory facet columns answer exactly as SQL does: stats for every filter, and
pages (cursor by cursor) for the filters they serve; and they follow new documents."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from sitroom.pipeline import Pipeline
from sitroom.settings import Options
from sitroom.store import Store
from sitroom.store import browse
from sitroom.store.browse import Browser, BrowseFilter, event_conditions, sql_stats

pytestmark = pytest.mark.slow

FILTERS = [
    BrowseFilter(),
    BrowseFilter(event_type="ASSAULT"),
    BrowseFilter(event_type="protest"),
    BrowseFilter(event_type="AGREE"),  # no such events
    BrowseFilter(country="LBN"),
    BrowseFilter(country="XXX"),
    BrowseFilter(claim_status="claimed"),
    BrowseFilter(since=date(2024, 2, 1)),
    BrowseFilter(until=date(2024, 1, 31)),
    BrowseFilter(since=date(2024, 1, 1), until=date(2024, 2, 10), event_type="ASSAULT"),
    BrowseFilter(bbox=(35.0, 33.0, 36.0, 34.0)),
    BrowseFilter(actor="Hezbollah"),
    BrowseFilter(actor="hizbullah"),
    BrowseFilter(actor="islamic state militants"),
    BrowseFilter(actor="nobody at all"),
    BrowseFilter(text="missiles"),
    BrowseFilter(text="ambush palmyra"),
    BrowseFilter(text="drone", country="IRQ"),
]


UNDATED = {"id": "facets-undated", "title": "Checkpoint attacked", "outlet": "Test Wire",
           "text": "Rebel fighters attacked an army checkpoint near Idlib, killing two soldiers, a war "
                   "monitor said. Government troops shelled villages near Idlib in response, the monitor said."}


@pytest.fixture(scope="module")
def facet_db(api_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The API test database plus an article whose event has no date."""
    folder = tmp_path_factory.mktemp("facets")
    db = folder / "facets.db"
    shutil.copy(api_db, db)
    source = folder / "undated.jsonl"
    source.write_text(json.dumps(UNDATED) + "\n", encoding="utf-8")
    options = Options.load({"db": str(db)}, environ={})
    with Store.open(options.db_url) as store:
        assert Pipeline(options).ingest([str(source)], store).events >= 1
    with Browser.open(f"sqlite:///{db}") as browser:
        assert any(row["date_start"] is None for row in browser.events(BrowseFilter(), limit=500).rows)
    return db


def sql_counts(browser: Browser, filt: BrowseFilter) -> dict:
    with browser.engine.connect() as conn:
        return sql_stats(conn, event_conditions(filt, fulltext=True))


@pytest.mark.parametrize("filt", FILTERS, ids=repr)
def test_facet_stats_equal_sql_stats(facet_db: Path, filt: BrowseFilter) -> None:
    with Browser.open(f"sqlite:///{facet_db}") as browser:
        found = browser.stats(filt, cached=False)
        assert found == sql_counts(browser, filt)
        assert list(found) == ["events", "documents", "actors", "by_type", "by_country", "by_claim", "by_day"]


def test_some_filters_do_match_so_the_comparison_means_something(facet_db: Path) -> None:
    with Browser.open(f"sqlite:///{facet_db}") as browser:
        matched = [f for f in FILTERS if browser.stats(f)["events"]]
    assert len(matched) >= 12


def test_facets_follow_documents_stored_after_they_were_loaded(api_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(api_db, db)
    with Browser.open(f"sqlite:///{db}") as browser:
        before = browser.stats(BrowseFilter(country="YEM"))
        source = tmp_path / "more.jsonl"
        source.write_text('{"id": "more-yemen", "title": "Second strike", "published": "2024-04-02", '
                          '"text": "Houthi forces fired a ballistic missile at a cargo ship near Hodeidah '
                          'on Tuesday, the US military said."}\n', encoding="utf-8")
        options = Options.load({"db": str(db)}, environ={})
        with Store.open(options.db_url) as store:
            assert Pipeline(options).ingest([str(source)], store).events >= 1
        after = browser.stats(BrowseFilter(country="YEM"))
        assert after["events"] > before["events"] and after["documents"] == before["documents"] + 1
        assert after == sql_counts(browser, BrowseFilter(country="YEM"))


@pytest.mark.parametrize("filt", [BrowseFilter(text="said"), BrowseFilter(text="missiles"),
                                  BrowseFilter(text="said", country="IRQ"), BrowseFilter(text="nothingmatches")],
                         ids=repr)
def test_free_text_pages_are_the_same_whether_matches_are_few_or_many(
        facet_db: Path, filt: BrowseFilter, monkeypatch: pytest.MonkeyPatch) -> None:
    """Few matches are fetched by rowid; many walk the newest-first index (forced here)."""
    def pages(browser: Browser) -> list[str]:
        seen, cursor = [], None
        while True:
            page = browser.events(filt, limit=1, cursor=cursor, records=False)
            seen += [row["id"] for row in page.rows]
            if page.next_cursor is None:
                return seen
            cursor = page.next_cursor

    with Browser.open(f"sqlite:///{facet_db}") as browser:
        few = pages(browser)
        everything = [row["id"] for row in browser.events(BrowseFilter(), limit=500).rows]
        monkeypatch.setattr(browse, "_MANY", 0)
        assert pages(browser) == few
    assert few == [i for i in everything if i in set(few)]  # newest first, as without the filter
    assert filt.text == "nothingmatches" or few


PAGE_FILTERS = [f for f in FILTERS if browse._selective(f)] + [
    BrowseFilter(event_type="ASSAULT", since=date(2024, 1, 1)),
    BrowseFilter(claim_status="claimed", country="LBN"),
    BrowseFilter(event_type="ASSAULT", country="SYR"),
    BrowseFilter(bbox=(30.0, 30.0, 40.0, 40.0)),
    BrowseFilter(actor="Hezbollah", text="struck"),
]


@pytest.mark.parametrize("filt", PAGE_FILTERS, ids=repr)
@pytest.mark.parametrize("limit", [1, 2, 50])
def test_pages_from_the_facets_equal_pages_from_sql(facet_db: Path, filt: BrowseFilter, limit: int) -> None:
    def pages(browser: Browser) -> list[str]:
        seen, cursor = [], None
        while True:
            page = browser.events(filt, limit=limit, cursor=cursor, records=False)
            assert len(page.rows) <= limit
            seen += [row["id"] for row in page.rows]
            if page.next_cursor is None:
                return seen
            cursor = page.next_cursor

    with Browser.open(f"sqlite:///{facet_db}") as browser:
        in_sql = pages(browser)  # the facet columns are not loaded yet
        browser.warm()
        assert pages(browser) == in_sql


def test_facets_reload_when_a_report_is_removed(facet_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "gap.db"
    shutil.copy(facet_db, db)
    with Browser.open(f"sqlite:///{db}") as browser:
        browser.warm()
        with browser.engine.begin() as conn:  # a gap in the rowids, as a removed report leaves
            conn.exec_driver_sql("DELETE FROM event_reports WHERE rowid = 2")
            conn.exec_driver_sql("UPDATE documents SET ingested_at = '2099-01-01 00:00:00'")
        for filt in (BrowseFilter(text="said"), BrowseFilter(country="SYR"), BrowseFilter(actor="Hezbollah")):
            assert browser.stats(filt) == sql_counts(browser, filt)
