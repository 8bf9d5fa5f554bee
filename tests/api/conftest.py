"""A real SQLite database built by ingesting own-written articles through the real
pipeline (spaCy model included), and an in-process client of the API over it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.pipeline import Pipeline
from sitroom.settings import Options
from sitroom.store import Store

ARTICLES = [
    {"id": "api-yemen", "title": "Missiles fired at tanker off Yemen", "outlet": "Test Wire",
     "published": "2024-01-10",
     "text": "Houthi forces fired two anti-ship missiles at a commercial tanker in the Red Sea on Monday, "
             "the US military said.\n\nThe tanker was not damaged, US Central Command said."},
    {"id": "api-lebanon", "title": "Strike near Nabatieh <script>alert(1)</script>", "outlet": "Test Wire",
     "published": "2024-02-14",
     "text": "Israeli aircraft struck a Hezbollah weapons depot near the southern Lebanese town of "
             "Nabatieh on Tuesday, killing three fighters, the Israeli military said."},
    {"id": "api-syria", "title": "Convoy ambushed near Palmyra", "outlet": "Test Wire",
     "published": "2024-03-05",
     "text": "Islamic State militants ambushed an army convoy near Palmyra in central Syria on Sunday, "
             "killing four soldiers, the Syrian Observatory for Human Rights said."},
    {"id": "api-iraq", "title": "Drones launched at base in Iraq", "outlet": "Test Wire",
     "published": "2024-01-22",
     "text": "The Islamic Resistance in Iraq said it launched drones at the Ain al-Asad air base in "
             "western Iraq on Saturday. A US official said the attack could not be confirmed."},
    {"id": "api-jordan", "title": "Students rally in Amman", "outlet": "Test Wire", "published": "2024-02-08",
     "text": "Hundreds of students protested outside the parliament in Amman on Wednesday, demanding an end "
             "to the war, witnesses said."},
]


@pytest.fixture(scope="session")
def api_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database file: the four articles above, ingested with the real pipeline."""
    folder = tmp_path_factory.mktemp("api")
    source = folder / "articles.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    db = folder / "api.db"
    options = Options.load({"db": str(db)}, environ={})
    with Store.open(options.db_url) as store:
        summary = Pipeline(options).ingest([str(source)], store)
    assert summary.failed == 0 and summary.events >= 4, summary
    return db


@pytest.fixture(scope="session")
def client(api_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Read-only use: no token configured, an empty vendor folder."""
    options = Options.load({"db": str(api_db)}, environ={})
    vendor = tmp_path_factory.mktemp("no-node-modules")
    with TestClient(create_app(options, vendor_dir=vendor)) as test_client:
        yield test_client
