"""Shared fixtures: a real local HTTP server (used by the ingest and CLI tests)."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator

import pytest

ARTICLE_HTML = """<!DOCTYPE html><html><head><title>Drones target al-Tanf garrison | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2023-10-24T08:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Drones target al-Tanf garrison</h1>
<p>Three drones were launched at the al-Tanf garrison in Syria on Monday, a US official said, adding that no casualties were reported.</p>
<figure><img src="smoke.jpg" alt=""><figcaption>Smoke rises over the garrison on October 23. [Jalaa Marey/AFP]</figcaption></figure>
<p>The Islamic Resistance in Iraq claimed responsibility for the attack in a statement posted on Telegram later that day.</p>
<p>Share this article</p>
<p>The Pentagon did not comment on the claim, and the group gave no evidence for the launch of the drones.</p>
</article><footer>Copyright 2023 Example News. All rights reserved.</footer></body></html>"""

EMPTY_HTML = "<!DOCTYPE html><html><head><title>Login</title></head><body><form></form></body></html>"
PLAIN_TEXT = ("Houthi forces fired two missiles toward Eilat on Tuesday, the army said.\n\n"
              "Do you like this article?\n\nBoth missiles were intercepted over the Red Sea.\n")

ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/article.html": (200, "text/html; charset=utf-8", ARTICLE_HTML.encode()),
    "/empty.html": (200, "text/html; charset=utf-8", EMPTY_HTML.encode()),
    "/plain.txt": (200, "text/plain; charset=utf-8", PLAIN_TEXT.encode()),
    "/file.bin": (200, "application/octet-stream", bytes(range(256))),
    "/big.txt": (200, "text/plain", b"word " * 2000),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.end_headers()
            return
        status, content_type, body = ROUTES.get(self.path, (404, "text/html", b"<p>not found</p>"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output quiet


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """Base URL of a real HTTP server on 127.0.0.1 serving ``ROUTES``."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture
def closed_port_url() -> str:
    """A URL on 127.0.0.1 whose port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/article.html"
