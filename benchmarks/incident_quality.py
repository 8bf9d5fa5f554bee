"""Merge precision and recall (pairwise) on the incident fixtures and the bundled corpus.

    .venv/bin/python benchmarks/incident_quality.py          # add --json for JSON

Each corpus is ingested with the real pipeline into a temporary SQLite file; gold
events are matched to stored reports (same type, date and place) and pairs of matched
gold events are scored with ``sitroom.incidents.score`` (see its docstring).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from sitroom.incidents.score import PairScores, score_incidents
from sitroom.pipeline import Pipeline
from sitroom.settings import Options
from sitroom.store import EventFilter, Store

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {
    "fixtures": (sorted(ROOT.glob("tests/fixtures/incidents/*.jsonl")), ROOT / "tests/fixtures/incidents/gold.json"),
    "samples": ([ROOT / "sitroom/data/samples/articles.jsonl"], ROOT / "sitroom/data/samples/gold.json"),
}


def measure(pipeline: Pipeline, sources: list[Path], gold_file: Path, folder: Path) -> PairScores:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    with Store.open(f"sqlite:///{folder / (gold_file.parent.name + '.db')}") as store:
        pipeline.ingest([str(s) for s in sources], store)
        reports = store.events(EventFilter(limit=None))
        return score_incidents(gold, reports, store.incident_ids([r.id for r in reports]), pipeline.resources.kb)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    pipeline = Pipeline(Options.load(environ={}))
    with tempfile.TemporaryDirectory() as tmp:
        results = {name: measure(pipeline, sources, gold, Path(tmp)).as_dict()
                   for name, (sources, gold) in CORPORA.items()}
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'corpus':<10} {'precision':>9} {'recall':>7} {'true':>5} {'false':>6} {'missed':>7} {'gold matched':>13}")
    for name, r in results.items():
        matched = f"{r['gold_events_matched']}/{r['gold_events_matched'] + r['gold_events_unmatched']}"
        print(f"{name:<10} {r['precision']:>9} {r['recall']:>7} {r['true_pairs']:>5} {r['false_pairs']:>6} "
              f"{r['missed_pairs']:>7} {matched:>13}")


if __name__ == "__main__":
    main()
