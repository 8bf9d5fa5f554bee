"""`sitroom recode`, end to end: real pipeline, real SQLite file, the CLI as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from sitroom.cli import main
from sitroom.settings import SETTINGS

pytestmark = pytest.mark.slow

ARTICLES = {
    "a.txt": "Houthi forces fired two anti-ship missiles at a commercial tanker in the Red Sea on Monday, "
             "the US military said. Separately, Israeli aircraft struck a weapons depot near the "
             "Lebanese town of Nabatieh on Tuesday, killing three fighters, the Israeli military said.\n",
    "b.txt": "Yemen's Houthis fired missiles at a tanker in the Red Sea on Monday, US Central Command said. "
             "The Houthis threatened to widen their attacks on shipping.\n",
}


def run(args: list[str], **env: str) -> Result:
    clean: dict[str, str | None] = {s.env: None for s in SETTINGS}
    clean.update(env)
    return CliRunner(env=clean).invoke(main, args, catch_exceptions=False)


def listing(db: Path, what: str) -> list[dict[str, Any]]:
    result = run([what, "--db", str(db), "--format", "json", "--limit", "0"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "recode.db"
    result = run(["ingest", "--db", str(path), "--published", "2024-01-10",
                  str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert result.exit_code == 0, result.output
    return path


def test_recode_with_the_same_settings_keeps_events_and_incidents(db: Path) -> None:
    events, incidents = listing(db, "events"), listing(db, "incidents")
    result = run(["recode", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"re-coded 2 documents: events {len(events)} -> {len(events)}" in result.stdout
    assert listing(db, "events") == events
    assert listing(db, "incidents") == incidents


def test_recode_applies_new_settings_to_stored_documents(db: Path) -> None:
    events = listing(db, "events")
    cut = max(e["confidence"] for e in events)
    kept = [e for e in events if e["confidence"] >= cut]
    assert 0 < len(kept) < len(events)
    result = run(["recode", "--db", str(db)], SITROOM_MIN_CONFIDENCE=str(cut))
    assert result.exit_code == 0, result.output
    assert sorted(e["id"] for e in listing(db, "events")) == sorted(e["id"] for e in kept)
    members = {r["id"] for i in listing(db, "incidents") for r in i["reports"]}
    assert members == {e["id"] for e in kept}  # incidents rebuilt from the kept reports only
