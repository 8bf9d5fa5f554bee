"""`sitroom serve` as a real process on 127.0.0.1, and the web files it serves."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.api.web import WEB_DIR
from sitroom.settings import SETTINGS, Options

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"sitroom serve exited with {process.returncode}: {process.stderr.read()!r}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url} within {seconds} s")


def test_sitroom_serve_answers_api_stats_on_loopback(api_db: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {s.env for s in SETTINGS}}
    command = [sys.executable, "-m", "sitroom.cli", "serve", "--db", str(api_db), "--host", "127.0.0.1",
               "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        response = wait_for(f"http://127.0.0.1:{port}/api/stats", process)
        assert response.status_code == 200
        assert response.json()["documents"] == 5 and response.json()["events"] >= 4
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_refuses_a_database_in_a_missing_folder(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "sitroom.cli", "serve", "--db", str(tmp_path / "no" / "such.db")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "does not exist" in result.stderr


def test_vendor_files_are_served_from_the_given_node_modules(api_db: Path, tmp_path: Path) -> None:
    (tmp_path / "leaflet" / "dist").mkdir(parents=True)
    (tmp_path / "leaflet" / "dist" / "leaflet.js").write_text("/* leaflet */", encoding="utf-8")
    with TestClient(create_app(Options.load({"db": str(api_db)}, environ={}), vendor_dir=tmp_path)) as client:
        assert client.get("/vendor/leaflet/dist/leaflet.js").text == "/* leaflet */"
        assert client.get("/vendor/leaflet/missing.js").status_code == 404
        home = client.get("/")
        if (WEB_DIR / "index.html").is_file():
            assert home.status_code == 200 and home.text == (WEB_DIR / "index.html").read_text(encoding="utf-8")
        else:
            assert home.status_code == 503 and "files are missing" in home.text
