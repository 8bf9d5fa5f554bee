"""The HTTP API (FastAPI) and the web UI's files, for ``sitroom serve``.

    from sitroom.api import create_app
    app = create_app(Options.load({"db": "sitroom.db"}))

Layout: ``app`` builds the application and its error handlers; ``params`` turns query
parameters into a ``BrowseFilter`` (422 naming the parameter on bad input); ``read``
holds the GET endpoints, ``write`` the token-protected ingest, ``web`` the UI files.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
