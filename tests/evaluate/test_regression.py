"""CI regression: `sitroom eval` on the seed gold and a sample of every other set must
stay at or above the floors in sitroom/evaluate/thresholds.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import main
from sitroom.evaluate.gold import NAMED
from sitroom.evaluate.runner import evaluate
from sitroom.evaluate.thresholds import FILE, Thresholds
from sitroom.settings import Options

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
pytestmark = pytest.mark.slow


def test_no_metric_falls_below_its_floor():
    if not (SHARED / "seed" / "seed-gold.json").exists():
        pytest.skip(f"SKIPPED LOUDLY: shared evaluation data missing at {SHARED}")
    bounds = Thresholds.load(FILE)
    results = evaluate(list(NAMED), Options.load({"shared_dir": str(SHARED)}, environ={}), sample=bounds.sample)
    failures = bounds.failures(results)
    assert not failures, "quality regression (see docs/evaluation.md):\n" + "\n".join(failures)


def test_cli_eval_json_on_a_gold_file(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Rebels shelled the town of Bakwa on Monday, killing two people, the army said.\n", encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"document": {"file": "article.txt", "published": "2024-03-05"}, "events": [
        {"id": "E1", "core": True, "type": "ASSAULT", "actor": "rebels", "target": None, "fatalities": 2,
         "date": {"start": "2024-03-04", "end": "2024-03-04", "precision": "day"}, "location": None,
         "claim": {"status": "reported"}, "evidence": "Rebels shelled the town of Bakwa on Monday"},
        {"id": "E2", "core": False, "type": "PROTEST", "actor": "students", "target": None, "date": None,
         "location": None, "claim": {"status": "asserted"}, "evidence": "no such words in the article"}]}), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold), "--json", "--errors", "5", "--shared", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)["datasets"]["gold"]
    assert data["counts"]["detection_recall"] == "1/2" and data["metrics"]["core_recall"] == 1.0
    assert data["metrics"]["type_acc"] == 1.0
    assert any(e["kind"] == "missed" and e["item"] == "gold:E2" for e in data["errors"])


def test_cli_eval_missing_data_is_one_clean_error(tmp_path):
    result = CliRunner().invoke(main, ["eval", "seed", "--shared", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "error:" in result.output and str(tmp_path / "none" / "seed" / "seed-gold.json") in result.output
    assert "SITROOM_SHARED" in result.output


def test_cli_eval_table_output():
    if not (SHARED / "seed" / "seed-gold.json").exists():
        pytest.skip(f"SKIPPED LOUDLY: shared evaluation data missing at {SHARED}")
    result = CliRunner().invoke(main, ["eval", "seed", "petrarch", "--sample", "5", "--errors", "2", "--shared", str(SHARED)])
    assert result.exit_code == 0, result.output
    for words in ("seed: 1 items", "core_recall", "relations_found", "petrarch: 5 items", "detection_f1", "worst misses"):
        assert words in result.output
