"""POST /api/ingest: a text, a URL or an uploaded file, behind the operator's bearer token.

Without ``api_token`` configured the endpoint answers 403; with a wrong or missing
token, 401. The body goes through the same ``Pipeline.ingest`` as ``sitroom ingest``:
a JSON body is read as one article record (``text`` plus optional ``title``, ``url``,
``published``, ``outlet``, ``id``), a JSON body with only ``url`` fetches that page,
a multipart upload (field ``file``, optional field ``published``) is read like stdin.
"""

from __future__ import annotations

import io
import json
import secrets
import threading
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile

from ..pipeline import IngestSummary, Pipeline
from ..settings import Options
from ..store import Store
from .params import ParameterError, parse_date

router = APIRouter(prefix="/api", tags=["write"])

DISABLED = "write endpoints are disabled: set SITROOM_API_TOKEN"
RECORD_FIELDS = ("text", "title", "url", "published", "outlet", "id")


class WriteDisabled(Exception):
    """No token is configured: write endpoints answer 403."""


class Unauthorized(Exception):
    """The bearer token is missing or wrong: 401."""


class Ingester:
    """One pipeline (model loaded on first use) and one lock: ingests run one at a time."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self._pipeline = Pipeline(options)
        self._lock = threading.Lock()

    def ingest(self, source: str, *, stdin: bytes | None, published: date | None) -> IngestSummary:
        with self._lock, Store.open(self.options.db_url) as store:
            handle = io.BytesIO(stdin) if stdin is not None else None
            return self._pipeline.ingest([source], store, published=published, stdin=handle)


def require_token(request: Request) -> None:
    expected = request.app.state.options.api_token
    if not expected:
        raise WriteDisabled(DISABLED)
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), expected.encode()):
        raise Unauthorized("missing or wrong bearer token (send Authorization: Bearer <SITROOM_API_TOKEN>)")


_BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"type": "object", "properties": {
                name: {"type": "string"} for name in RECORD_FIELDS}}},
            "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
                "file": {"type": "string", "format": "binary"}, "published": {"type": "string"}}}},
        },
    }
}


@router.post("/ingest", dependencies=[Depends(require_token)], openapi_extra=_BODY_DOC,
             summary="Ingest one article: JSON text, JSON url, or a file upload (bearer token)")
async def ingest(request: Request) -> JSONResponse:
    source, body, published, field = await _read_request(request)
    ingester: Ingester = request.app.state.ingester
    summary = await run_in_threadpool(ingester.ingest, source, stdin=body, published=published)
    result = _summary(summary)
    if summary.failed:
        return JSONResponse({"error": str(summary.failures[0]), "parameter": field, **result}, 422)
    return JSONResponse(result)


async def _read_request(request: Request) -> tuple[str, bytes | None, date | None, str]:
    """(source for Pipeline.ingest, stdin bytes, published, the field named on failure)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        return await _read_upload(request)
    if kind == "application/json":
        return _read_json(await request.body())
    raise ParameterError("body", "send a JSON object (Content-Type: application/json) "
                                 "or a multipart/form-data upload with a 'file' field")


def _read_json(raw: bytes) -> tuple[str, bytes | None, date | None, str]:
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise ParameterError("body", f"the body is not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ParameterError("body", "the body must be a JSON object with 'text' or 'url'")
    for name in RECORD_FIELDS:
        if data.get(name) is not None and not isinstance(data[name], str):
            raise ParameterError(name, f"{name} must be a string")
    published = parse_date("published", data.get("published"))
    if isinstance(data.get("text"), str) and data["text"].strip():
        record = {k: data[k] for k in RECORD_FIELDS if data.get(k)}
        return "-", json.dumps(record).encode("utf-8"), published, "text"
    if data.get("url"):
        return data["url"], None, published, "url"
    raise ParameterError("text", "give the article as 'text' (or a 'url' to fetch)")


async def _read_upload(request: Request) -> tuple[str, bytes | None, date | None, str]:
    limit = request.app.state.options.max_bytes
    form = await request.form()
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise ParameterError("file", "the multipart upload has no 'file' field")
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise ParameterError("file", f"{upload.filename or 'the file'} is larger than {limit} bytes")
    published = form.get("published")
    return "-", data, parse_date("published", published if isinstance(published, str) else None), "file"


def _summary(summary: IngestSummary) -> dict[str, Any]:
    return {
        "documents_read": summary.read, "duplicates": summary.duplicates, "failed": summary.failed,
        "events_stored": summary.events,
        "errors": [{"source": f.source, "error": f.reason} for f in summary.failures],
    }
