"""Incidents over the API: two differently worded articles about one ambush, ingested
through the real pipeline, become one incident with two sources and a disagreement."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest
from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.pipeline import Pipeline
from sitroom.settings import Options
from sitroom.store import Store

pytestmark = pytest.mark.slow

ARTICLES = [
    {"id": "inc-wire", "title": "Convoy ambushed in the desert", "outlet": "Test Wire", "published": "2024-03-05",
     "text": "Islamic State militants ambushed an army convoy near Palmyra in central Syria on Sunday, "
             "killing four soldiers, the Syrian Observatory for Human Rights said."},
    {"id": "inc-daily", "title": "Soldiers die in attack on trucks", "outlet": "Desert Daily",
     "published": "2024-03-05",
     "text": "Five Syrian soldiers were killed on Sunday when Islamic State fighters attacked a military "
             "convoy outside Palmyra, state media reported. The jihadist group opened fire on the trucks "
             "on the desert road east of the ancient city."},
    {"id": "inc-amman", "title": "Students rally in Amman", "outlet": "Test Wire", "published": "2024-02-08",
     "text": "Hundreds of students protested outside the parliament in Amman on Wednesday, demanding an "
             "end to the war, witnesses said."},
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("incidents-api")
    source = folder / "articles.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    options = Options.load({"db": str(folder / "incidents.db")}, environ={})
    with Store.open(options.db_url) as store:
        assert Pipeline(options).ingest([str(source)], store).failed == 0
    with TestClient(create_app(options, vendor_dir=folder / "no-node-modules")) as test_client:
        yield test_client


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def ambush(client: TestClient) -> dict[str, Any]:
    found = [i for i in get(client, "/api/incidents", limit=500)["items"] if i["n_reports"] > 1]
    assert len(found) == 1, found
    return found[0]


def test_the_two_reports_are_one_incident_with_two_sources(client: TestClient) -> None:
    incident = ambush(client)
    assert incident["event_type"] == "ASSAULT" and incident["location"]["country"] == "SYR"
    assert incident["n_reports"] == 2 and incident["n_documents"] == 2
    assert incident["n_sources"] == 2 and incident["n_outlets"] == 2
    assert sorted(incident["outlets"]) == ["Desert Daily", "Test Wire"]
    assert "reports" not in incident  # lists are summaries; the detail has the reports


def test_incident_detail_has_reports_documents_claim_and_disagreements(client: TestClient) -> None:
    body = get(client, f"/api/incidents/{ambush(client)['id']}")
    incident = body["incident"]
    assert {r["document"]["source_id"] for r in incident["reports"]} == {"inc-wire", "inc-daily"}
    assert all(r["document"]["title"] and "text" not in r["document"] for r in incident["reports"])
    assert incident["claim"]["status"] in {"confirmed", "claimed", "reported", "asserted", "alleged"}
    fatalities = next(d for d in incident["disagreements"] if d["field"] == "fatalities")
    assert sorted(v["value"] for v in fatalities["values"]) == [4, 5]
    assert {e["id"] for e in body["events"]} == {r["id"] for r in incident["reports"]}
    assert all(e["incident_id"] == incident["id"] for e in body["events"])


def test_events_carry_their_incident_id_and_source_count(client: TestClient) -> None:
    incident = ambush(client)
    events = get(client, "/api/events", country="SYR")["items"]
    assert len(events) == 2 and {e["incident_id"] for e in events} == {incident["id"]}
    detail = get(client, f"/api/events/{events[0]['id']}")
    assert detail["incident_id"] == incident["id"]
    features = get(client, "/api/events", format="geojson")["features"]
    by_country = {f["properties"]["country"]: f["properties"] for f in features}
    assert by_country["SYR"]["incident_id"] == incident["id"] and by_country["SYR"]["n_sources"] == 2
    assert by_country["JOR"]["n_sources"] == 1 and by_country["JOR"]["incident_id"]


@pytest.mark.parametrize("params, expected", [
    ({"type": "ASSAULT"}, 1), ({"type": "PROTEST"}, 1), ({"country": "SYR"}, 1), ({"country": "IRQ"}, 0),
    ({"since": "2024-03-01"}, 1), ({"until": "2024-02-29"}, None), ({"actor": "Islamic State"}, 1),
    ({"q": "palmyra"}, 1), ({"q": "fighters"}, 1), ({"bbox": "38,34,39,35"}, 1), ({"bbox": "0,0,1,1"}, 0),
])
def test_incident_filters(client: TestClient, params: dict[str, str], expected: int | None) -> None:
    items = get(client, "/api/incidents", **params)["items"]
    if expected is None:  # only the Amman incidents, not the ambush
        assert items and all(i["location"] is None or i["location"]["country"] != "SYR" for i in items)
    else:
        assert len([i for i in items if params.get("type") or i["event_type"] == "ASSAULT"]) == expected, items


def test_incident_pages_follow_the_cursor_and_geojson_has_the_counts(client: TestClient) -> None:
    everything = [i["id"] for i in get(client, "/api/incidents", limit=500)["items"]]
    seen, params = [], {"limit": 1}
    while True:
        body = get(client, "/api/incidents", **params)
        seen += [i["id"] for i in body["items"]]
        if not body["next_cursor"]:
            break
        params["cursor"] = body["next_cursor"]
    assert seen == everything and len(seen) >= 2
    geo = get(client, "/api/incidents", format="geojson", country="SYR")
    props = geo["features"][0]["properties"]
    assert props["n_sources"] == 2 and props["n_reports"] == 2 and props["location_name"]
    assert geo["features"][0]["geometry"]["type"] == "Point"


def test_unknown_incident_and_bad_filters(client: TestClient) -> None:
    response = client.get("/api/incidents/in-missing")
    assert response.status_code == 404 and "in-missing" in response.json()["error"]
    response = client.get("/api/incidents", params={"type": "BOMBING"})
    assert response.status_code == 422 and response.json()["parameter"] == "type"
