"""``create_app(options)``: the FastAPI application over one database.

Errors are JSON: 422 {"error", "parameter"} for a bad parameter, 404 {"error"} for an
unknown id or path, 401/403 for writes without the right token, 503 when the database
cannot be read. OpenAPI at /openapi.json, interactive docs at /docs.
"""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException

from ..errors import ConfigError, LLMUnavailable, NotFoundError, SitroomError, StoreError
from ..settings import Options
from ..store.browse import Browser
from . import read, write
from .params import ParameterError
from .web import mount_web, vendor_folder

LOG = logging.getLogger(__name__)
DESCRIPTION = (
    "Read endpoints are open; `POST /api/ingest` needs `Authorization: Bearer <token>` "
    "with the token set by the operator in SITROOM_API_TOKEN."
)


def create_app(options: Options, *, vendor_dir: Path | None = None) -> FastAPI:
    """The API and UI over ``options.db``; ``vendor_dir`` is the npm node_modules folder."""
    browser = Browser.open(options.db_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        threading.Thread(target=_warm, args=(browser,), name="sitroom-facets", daemon=True).start()
        yield
        browser.close()

    app = FastAPI(title="sitroom", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.options = options
    app.state.browser = browser
    app.state.ingester = write.Ingester(options)
    app.include_router(read.router)
    app.include_router(write.router)
    _add_error_handlers(app)
    mount_web(app, vendor_folder(vendor_dir, options.web_vendor))
    return app


def _warm(browser: Browser) -> None:
    """Load the stats columns at startup (seconds at a million events) instead of at the
    first /api/stats request; if that fails, the first request tries again and reports it."""
    try:
        browser.warm()
    except (SitroomError, SQLAlchemyError) as exc:
        LOG.warning("could not load the stats columns at startup: %s", exc)


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ParameterError)
    async def bad_parameter(_: Request, exc: ParameterError) -> JSONResponse:
        return _error(422, exc.message, parameter=exc.parameter)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        name = str(first["loc"][-1]) if first.get("loc") else "request"
        return _error(422, f"{name}: {first.get('msg', 'invalid value')}", parameter=name)

    @app.exception_handler(NotFoundError)
    async def not_found(_: Request, exc: NotFoundError) -> JSONResponse:
        return _error(404, str(exc))

    @app.exception_handler(write.WriteDisabled)
    async def disabled(_: Request, exc: write.WriteDisabled) -> JSONResponse:
        return _error(403, str(exc))

    @app.exception_handler(write.Unauthorized)
    async def unauthorized(_: Request, exc: write.Unauthorized) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, 401, headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        message = f"no such path: {request.url.path}" if exc.status_code == 404 else str(exc.detail)
        return JSONResponse({"error": message}, exc.status_code, headers=exc.headers)

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError) -> JSONResponse:
        return _error(503, str(exc))

    @app.exception_handler(LLMUnavailable)
    async def llm_unavailable(_: Request, exc: LLMUnavailable) -> JSONResponse:
        return _error(503, str(exc))

    @app.exception_handler(ConfigError)
    async def config_error(_: Request, exc: ConfigError) -> JSONResponse:
        return _error(422, str(exc), parameter="request")

    @app.exception_handler(SitroomError)
    async def sitroom_error(_: Request, exc: SitroomError) -> JSONResponse:
        return _error(500, str(exc))
