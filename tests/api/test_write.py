"""POST /api/ingest: token rules, then real ingests of a JSON text, an upload and a URL."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.settings import Options

pytestmark = pytest.mark.slow

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
KERBALA = ("Unidentified drones struck a militia depot near Kerbala in central Iraq on Thursday, "
           "killing two guards, a police source said.\n")
UPLOAD = ("Houthi forces fired a ballistic missile at a cargo ship near Mokha on Friday, the British "
          "maritime agency UKMTO said.\n")


@pytest.fixture(scope="module")
def writer(api_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client over a copy of the database, with a token configured."""
    db = tmp_path_factory.mktemp("write") / "write.db"
    shutil.copy(api_db, db)
    options = Options.load({"db": str(db), "api_token": TOKEN}, environ={})
    with TestClient(create_app(options, vendor_dir=db.parent)) as client:
        yield client


def test_writes_are_disabled_without_a_configured_token(client: TestClient) -> None:
    response = client.post("/api/ingest", json={"text": KERBALA}, headers=AUTH)
    assert response.status_code == 403
    assert response.json() == {"error": "write endpoints are disabled: set SITROOM_API_TOKEN"}


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}])
def test_a_missing_or_wrong_token_is_401(writer: TestClient, headers: dict[str, str]) -> None:
    response = writer.post("/api/ingest", json={"text": KERBALA}, headers=headers)
    assert response.status_code == 401 and "token" in response.json()["error"]


def test_json_text_is_ingested_and_listed(writer: TestClient) -> None:
    body = {"text": KERBALA, "title": "Depot hit near Kerbala", "published": "2024-04-12", "id": "api-kerbala"}
    response = writer.post("/api/ingest", json=body, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["documents_read"] == 1 and response.json()["events_stored"] >= 1
    found = writer.get("/api/events", params={"q": "Kerbala"}).json()["items"]
    assert found and found[0]["document"]["title"] == "Depot hit near Kerbala"
    assert found[0]["document"]["source_id"] == "api-kerbala"
    assert found[0]["date"]["start"] == "2024-04-11"  # "Thursday" before the publication date
    again = writer.post("/api/ingest", json=body, headers=AUTH).json()
    assert again["duplicates"] == 1 and again["events_stored"] == 0


def test_file_upload_is_ingested(writer: TestClient) -> None:
    files = {"file": ("mokha.txt", UPLOAD.encode("utf-8"), "text/plain")}
    response = writer.post("/api/ingest", files=files, data={"published": "2024-05-04"}, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["events_stored"] >= 1
    assert writer.get("/api/events", params={"q": "Mokha"}).json()["items"]


def test_url_is_fetched_and_ingested(writer: TestClient, server: str) -> None:
    response = writer.post("/api/ingest", json={"url": f"{server}/article.html"}, headers=AUTH)
    assert response.status_code == 200, response.text
    items = writer.get("/api/events", params={"q": "Tanf"}).json()["items"]
    assert items and items[0]["document"]["url"]


@pytest.mark.parametrize("kwargs, parameter", [
    ({"json": {"title": "no text"}}, "text"),
    ({"json": {"text": "   "}}, "text"),
    ({"json": ["not", "an", "object"]}, "body"),
    ({"json": {"text": KERBALA, "published": "12/04/2024"}}, "published"),
    ({"json": {"text": 42}}, "text"),
    ({"content": b"plain words", "headers": {"Content-Type": "text/plain"}}, "body"),
    ({"files": {"other": ("a.txt", b"x", "text/plain")}}, "file"),
    ({"files": {"file": ("empty.txt", b"", "text/plain")}}, "file"),
])
def test_bad_bodies_are_422_naming_the_field(writer: TestClient, kwargs: dict, parameter: str) -> None:
    headers = {**AUTH, **kwargs.pop("headers", {})}
    response = writer.post("/api/ingest", headers=headers, **kwargs)
    assert response.status_code == 422, response.text
    assert response.json()["parameter"] == parameter and response.json()["error"]


def test_an_unreachable_url_is_422_with_the_fetch_error(writer: TestClient, closed_port_url: str) -> None:
    response = writer.post("/api/ingest", json={"url": closed_port_url}, headers=AUTH)
    assert response.status_code == 422
    assert response.json()["parameter"] == "url" and closed_port_url in response.json()["error"]


def test_an_unreachable_llm_server_is_503_and_stores_nothing(api_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "llm.db"
    shutil.copy(api_db, db)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = Options.load({"db": str(db), "api_token": TOKEN, "extractor": "llm",
                            "llm_url": f"http://127.0.0.1:{port}/v1", "llm_timeout": 2.0}, environ={})
    with TestClient(create_app(options, vendor_dir=db.parent)) as client:
        before = client.get("/api/stats").json()
        response = client.post("/api/ingest", json={"text": KERBALA, "id": "llm-down"}, headers=AUTH)
        assert response.status_code == 503, response.text
        assert f"127.0.0.1:{port}" in response.json()["error"]
        assert client.get("/api/stats").json() == before
