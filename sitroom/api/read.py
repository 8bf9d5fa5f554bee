"""GET endpoints: events, event, stats, actors, actor, document, incidents.

Lists read the stored records and a few columns, never document texts; only
``/api/events/{id}`` and ``/api/documents/{id}`` return a text.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from ..errors import ConfigError, StoreError
from ..store.browse import Browser, BrowseFilter, Page
from .params import ParameterError, event_filter, free_text

router = APIRouter(prefix="/api", tags=["read"])

Filter = Annotated[BrowseFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=500, description="items per page (at most 500)")]
CursorParam = Annotated[str | None, Query(description="next_cursor of the previous page")]

INCIDENT_COUNTS = ("n_reports", "n_documents", "n_sources", "n_outlets")
FEATURE_KEYS = ("id", "event_type", "mode", "date_start", "date_end", "claim_status", "actor_name",
                "target_name", "location_name", "country", "incident_id", "n_sources")


def browser(request: Request) -> Browser:
    return request.app.state.browser  # type: ignore[no-any-return]


Db = Annotated[Browser, Depends(browser)]


def _page(load: Any, cursor: str | None) -> Page:
    try:
        return load()  # type: ignore[no-any-return]
    except ConfigError as exc:
        if cursor:
            raise ParameterError("cursor", str(exc)) from exc
        raise


@router.get("/events", summary="Events matching the filters, newest first, one page")
def list_events(db: Db, filt: Filter, limit: Limit = 50, cursor: CursorParam = None,
                format: Literal["json", "geojson"] = "json") -> Response:
    geo = format == "geojson"
    page = _page(lambda: db.events(filt, limit=limit, cursor=cursor, records=not geo), cursor)
    if geo:
        return JSONResponse({"type": "FeatureCollection", "features": [_feature(row) for row in page.rows],
                             "next_cursor": page.next_cursor})
    items = ",".join(_item_json(row) for row in page.rows)
    body = f'{{"items":[{items}],"next_cursor":{json.dumps(page.next_cursor)}}}'
    return Response(body, media_type="application/json")


def _item_json(row: dict[str, Any]) -> str:
    """The stored record's JSON text with incident_id added, without parsing it again."""
    record = row["record_json"].rstrip()
    if not record.endswith("}"):
        raise StoreError(f"event {row['id']}: stored record is not a JSON object")
    return f'{record[:-1]},"incident_id":{json.dumps(row["incident_id"])}}}'


def _feature(row: dict[str, Any]) -> dict[str, Any]:
    props = {key: row[key] for key in FEATURE_KEYS}
    for key in ("date_start", "date_end"):
        props[key] = props[key].isoformat() if props[key] else None
    has_point = row["lat"] is not None and row["lon"] is not None
    geometry = {"type": "Point", "coordinates": [row["lon"], row["lat"]]} if has_point else None
    return {"type": "Feature", "id": row["id"], "geometry": geometry, "properties": props}


@router.get("/events/{event_id}", summary="One event with its document's text")
def get_event(db: Db, event_id: str) -> dict[str, Any]:
    found = db.event(event_id)
    return {"event": found["record"], "document": found["document"], "incident_id": found["incident_id"]}


@router.get("/stats", summary="Counts of the matching events: by type, country, claim status, day")
def get_stats(db: Db, filt: Filter) -> JSONResponse:
    return JSONResponse(db.stats(filt))  # a plain dict: no per-item validation of by_day


@router.get("/actors", summary="Knowledge-base actors by name, with aliases and event counts")
def list_actors(db: Db, q: Annotated[str | None, Query(description="part of a name, id or alias")] = None,
                limit: Limit = 50, cursor: CursorParam = None) -> dict[str, Any]:
    text = free_text("q", q)
    page = _page(lambda: db.actors(text, limit=limit, cursor=cursor), cursor)
    return {"items": page.rows, "next_cursor": page.next_cursor}


@router.get("/actors/{actor_id}", summary="An actor, its relations and its newest events")
def get_actor(db: Db, actor_id: str) -> dict[str, Any]:
    return db.actor(actor_id)


@router.get("/documents/{document_id}", summary="A document with its text and event ids")
def get_document(db: Db, document_id: str) -> dict[str, Any]:
    return db.document(document_id)


@router.get("/incidents", summary="Incidents (the reports of one real-world event merged), newest first")
def list_incidents(db: Db, filt: Filter, limit: Limit = 50, cursor: CursorParam = None,
                   format: Literal["json", "geojson"] = "json") -> JSONResponse:
    page = _page(lambda: db.incidents(filt, limit=limit, cursor=cursor), cursor)
    if format == "geojson":
        return JSONResponse({"type": "FeatureCollection", "features": [_incident_feature(r["record"]) for r in page.rows],
                             "next_cursor": page.next_cursor})
    items = [{k: v for k, v in row["record"].items() if k != "reports"} for row in page.rows]
    return JSONResponse({"items": items, "next_cursor": page.next_cursor})


def _incident_feature(record: dict[str, Any]) -> dict[str, Any]:
    place, when = record.get("location") or {}, record.get("date") or {}
    props = {
        "id": record["id"], "event_type": record["event_type"], "mode": record.get("mode"),
        "date_start": when.get("start"), "date_end": when.get("end"), "claim_status": record["claim"]["status"],
        "actor_name": _name(record.get("actor")), "target_name": _name(record.get("target")),
        "location_name": place.get("name") or place.get("text"), "country": place.get("country"),
        **{key: record[key] for key in INCIDENT_COUNTS},
    }
    has_point = place.get("lat") is not None and place.get("lon") is not None
    geometry = {"type": "Point", "coordinates": [place["lon"], place["lat"]]} if has_point else None
    return {"type": "Feature", "id": record["id"], "geometry": geometry, "properties": props}


def _name(ref: dict[str, Any] | None) -> str | None:
    return (ref.get("name") or ref.get("text")) if ref else None


@router.get("/incidents/{incident_id}", summary="One incident: consensus, reports, sources, disagreements")
def get_incident(db: Db, incident_id: str) -> JSONResponse:
    return JSONResponse(db.incident(incident_id))
