"""``sitroom bench`` end to end on a tiny corpus of own-written articles (real model,
real temporary SQLite store, real worker processes), plus the corpus helpers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rich.console import Console

from sitroom.benchmark import BenchReport, default_corpus, run_bench
from sitroom.benchmark.corpus import first_documents, read_corpus
from sitroom.benchmark.measure import Measurement, measure
from sitroom.benchmark.report import STAGES
from sitroom.cli import main
from sitroom.errors import ConfigError, InputError
from sitroom.settings import Options

pytestmark = pytest.mark.slow

ARTICLES = [
    {"id": "b1", "published": "2024-02-05", "text": (
        "Militants fired three rockets at a police station in the northern town of Dohuk on Sunday, "
        "wounding two officers, local officials said.\n\nNo group claimed responsibility for the attack.")},
    {"id": "b2", "published": "2024-02-06", "text": (
        "Government troops clashed with rebels near the city of Aleppo on Monday, and at least five "
        "fighters were killed, a monitoring group said.\n\nThe army said it had pushed the rebels back.")},
    {"id": "b3", "published": "2024-02-07", "text": (
        "Foreign ministers from both countries met in Cairo on Tuesday to discuss a ceasefire.\n\n"
        "They agreed to meet again next month, a spokesman said.")},
]


def write_corpus(folder: Path, records: list[dict[str, Any]]) -> Path:
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # the second article twice: the duplicate is neither coded nor counted
    return write_corpus(tmp_path_factory.mktemp("bench"), ARTICLES + [dict(ARTICLES[1], id="b2-copy")])


@pytest.fixture(scope="module")
def report(corpus: Path) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["bench", "--corpus", str(corpus), "--json", "--repeat", "2"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_bench_reports_positive_throughput_for_both_runs(report: dict[str, Any]):
    words = sum(len(a["text"].split()) for a in ARTICLES)
    assert (report["articles"], report["words"], report["repeat"]) == (3, words, 2)
    for side in ("sitroom", "baseline"):
        assert report[side]["articles_per_s"] > 0 and report[side]["words_per_s"] > 0
        assert report[side]["peak_rss_mb"] > report[side]["rss_increase_mb"] > 0
        assert len(report[side]["all_seconds"]) == 2
        assert report["runs"][side]["articles"] == 3
        assert all(run["articles"] == 3 for run in report["runs"][side]["runs"])
    assert report["sitroom"]["events"] > 0 and report["sitroom"]["failed"] == 0


def test_stage_times_sum_to_the_total(report: dict[str, Any]):
    stages = {row["stage"]: row["seconds"] for row in report["sitroom"]["stages"]}
    assert set(STAGES) <= set(stages)
    assert all(stages[name] > 0 for name in STAGES)
    timed = sum(seconds for name, seconds in stages.items() if name != "other")
    total = report["sitroom"]["seconds"]
    assert abs(total - timed) <= 0.05 * total
    assert sum(row["share"] for row in report["sitroom"]["stages"]) == pytest.approx(1.0, abs=0.01)


def test_ratios_compare_sitroom_to_the_baseline(report: dict[str, Any]):
    ratio = report["ratio_sitroom_to_baseline"]
    ours, base = report["sitroom"], report["baseline"]
    assert ratio["articles_per_s"] == pytest.approx(ours["articles_per_s"] / base["articles_per_s"])
    assert ratio["words_per_s"] == pytest.approx(ratio["articles_per_s"])
    assert ratio["peak_rss"] == pytest.approx(ours["peak_rss_mb"] / base["peak_rss_mb"])
    assert ratio["articles_per_s"] > 0


def test_table_output_names_both_runs_and_the_stages(report: dict[str, Any]):
    runs = report["runs"]
    rebuilt = BenchReport(report["corpus"], report["model"], Measurement.from_dict(runs["sitroom"]),
                          Measurement.from_dict(runs["baseline"]), report["load_average"])
    assert rebuilt.as_dict() == report
    console = Console(record=True, width=160)
    console.print(*rebuilt.tables())
    text = console.export_text()
    assert "3 articles" in text and "spaCy alone" in text and "sitroom/spaCy" in text
    for name in STAGES:
        assert name in text


def test_in_process_measure_times_every_stage(corpus: Path):
    options = Options.load(environ={})
    result = measure("sitroom", str(corpus), options, n=2, repeat=1)
    run = result.reported
    assert (result.articles, run.articles) == (2, 2)
    assert set(STAGES) <= set(run.stages)
    assert sum(run.stages.values()) <= run.wall


def test_a_missing_corpus_is_a_clean_error_naming_it(tmp_path: Path):
    missing = tmp_path / "nope.jsonl"
    result = CliRunner().invoke(main, ["bench", "--corpus", str(missing)])
    assert result.exit_code == 2
    assert f"error: {missing}: benchmark corpus not found" in result.output


def test_a_corpus_with_no_articles_is_a_clean_error(tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="no documents to benchmark.*invalid JSON"):
        read_corpus(str(bad), Options.load(environ={}), None)


@pytest.mark.parametrize(("counts", "named"), [({"n": 0}, "--n"), ({"repeat": 0}, "--repeat")])
def test_bad_counts_are_refused_naming_the_flag(counts: dict[str, int], named: str, corpus: Path):
    with pytest.raises(ConfigError, match=f"{named} must be at least 1, not 0"):
        run_bench(str(corpus), Options.load(environ={}), **counts)


def test_first_documents_counts_documents_not_errors(corpus: Path):
    items = [InputError("x", "bad"), *read_corpus(str(corpus), Options.load(environ={}), None)]
    kept = list(first_documents(items, 2))
    assert len(kept) == 3 and isinstance(kept[0], InputError)


def test_default_corpus_is_under_the_shared_setting():
    options = Options.load(environ={"SITROOM_SHARED": "/data/shared"})
    assert default_corpus(options) == Path("/data/shared/eval/voa/voa_stories.jsonl")
