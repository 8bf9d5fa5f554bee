"""Larger benchmark: the corpus repeated to K documents, over 1..W worker processes.

For each worker count, times the sitroom pipeline (each worker with its own
temporary SQLite store) and the spaCy baseline (the same model, all components,
nlp.pipe) over the same documents, and prints throughput, scaling against one
worker, and the sitroom/spaCy ratio.

    .venv/bin/python benchmarks/bench_corpus.py --docs 400 --workers 1,2
    .venv/bin/python benchmarks/bench_corpus.py --corpus my_articles/ --docs 1000 --json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from rich.console import Console
from rich.table import Table

from sitroom.benchmark import default_corpus
from sitroom.benchmark.corpus import check_corpus, read_corpus
from sitroom.benchmark.parallel import ParallelRun, replicate, run_parallel
from sitroom.errors import SitroomError
from sitroom.settings import Options


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="any path `sitroom ingest` reads (default: the VOA stories)")
    parser.add_argument("--n", type=int, help="use only the first N documents of the corpus")
    parser.add_argument("--docs", type=int, default=200, help="repeat the corpus to this many documents")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args(argv)


def worker_counts(text: str) -> list[int]:
    try:
        counts = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise SitroomError(f"--workers {text!r}: give whole numbers such as 1,2,4") from None
    if not counts or counts[0] < 1:
        raise SitroomError(f"--workers {text!r}: give whole numbers of 1 or more")
    return counts


def measure_all(args: argparse.Namespace, options: Options) -> dict[str, Any]:
    corpus = args.corpus or str(default_corpus(options))
    check_corpus(corpus)
    documents = replicate(read_corpus(corpus, options, args.n), args.docs)
    load = os.getloadavg()[0]
    rows = []
    for workers in worker_counts(args.workers):
        ours = run_parallel("sitroom", documents, options, workers)
        base = run_parallel("spacy", documents, options, workers)
        rows.append(_row(ours, base))
    one = next((row for row in rows if row["workers"] == 1), None)
    for row in rows:
        row["scaling_sitroom"] = row["sitroom"]["articles_per_s"] / one["sitroom"]["articles_per_s"] if one else None
        row["scaling_spacy"] = row["spacy"]["articles_per_s"] / one["spacy"]["articles_per_s"] if one else None
    return {"corpus": corpus, "model": options.model, "documents": len(documents),
            "words": rows[0]["sitroom"]["words"], "cpu_count": os.cpu_count(),
            "load_average_at_start": load, "runs": rows}


def _row(ours: ParallelRun, base: ParallelRun) -> dict[str, Any]:
    mine, theirs = ours.as_dict(), base.as_dict()
    return {"workers": ours.workers, "sitroom": mine, "spacy": theirs,
            "ratio_articles_per_s": mine["articles_per_s"] / theirs["articles_per_s"],
            "ratio_peak_rss": ours.peak_rss / base.peak_rss}


def table(result: dict[str, Any]) -> Table:
    out = Table(title=f"{result['documents']} documents ({result['words']:,} words) from {result['corpus']}, "
                      f"{result['cpu_count']} CPUs, load average at start {result['load_average_at_start']:.2f}")
    for column in ("workers", "sitroom art/s", "spaCy art/s", "sitroom/spaCy", "sitroom words/s",
                   "sitroom art/CPU-s", "scaling sitroom", "scaling spaCy", "peak RSS MB/worker sitroom, spaCy"):
        out.add_column(column, justify="right")
    for row in result["runs"]:
        scale = [f"{row[k]:.2f}x" if row[k] else "-" for k in ("scaling_sitroom", "scaling_spacy")]
        out.add_row(str(row["workers"]), f"{row['sitroom']['articles_per_s']:.2f}",
                    f"{row['spacy']['articles_per_s']:.2f}", f"{row['ratio_articles_per_s']:.2f}",
                    f"{row['sitroom']['words_per_s']:,.0f}", f"{row['sitroom']['articles_per_cpu_s']:.2f}", *scale,
                    f"{row['sitroom']['peak_rss_mb_per_worker']:.0f}, {row['spacy']['peak_rss_mb_per_worker']:.0f}")
    return out


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        result = measure_all(args, Options.load())
    except SitroomError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        Console().print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
