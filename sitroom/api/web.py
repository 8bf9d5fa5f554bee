"""The web UI's files: ``/`` (index.html), ``/static/*`` (sitroom/web/) and ``/vendor/*``
(the npm packages in node_modules). Pages here are fixed files, never built from
article text; the UI fetches data from the JSON API and escapes it itself."""

from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
PROJECT_NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"

_MISSING = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>sitroom</title></head>
<body><h1>sitroom</h1><p>{problem}</p><p>{fix}</p>
<p>The JSON API works without it: <a href="/docs">/docs</a>.</p></body></html>"""


def vendor_folder(vendor_dir: Path | None, setting: str) -> Path:
    """The node_modules folder: the argument, else the web_vendor setting, else the project's."""
    if vendor_dir is not None:
        return vendor_dir
    return Path(setting).expanduser() if setting else PROJECT_NODE_MODULES


def mount_web(app: FastAPI, vendor: Path) -> None:
    """Serve the UI: ``/`` plus the static and vendor folders."""
    app.mount("/static", StaticFiles(directory=WEB_DIR, check_dir=False), name="static")
    app.mount("/vendor", StaticFiles(directory=vendor, check_dir=False), name="vendor")

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        if not (vendor / "leaflet").is_dir():
            return HTMLResponse(_MISSING.format(
                problem=f"The web UI's libraries are not installed (looked in {escape(str(vendor))}).",
                fix="Run <code>npm ci</code> in the project folder (or set SITROOM_WEB_VENDOR), "
                    "then reload."), status_code=503)
        page = WEB_DIR / "index.html"
        if not page.is_file():
            return HTMLResponse(_MISSING.format(
                problem="The web UI's files are missing from this installation.",
                fix="Reinstall sitroom from the project folder."), status_code=503)
        return FileResponse(page, media_type="text/html")
