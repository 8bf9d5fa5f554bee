"""Incident merging at scale: time and peak memory to merge N synthetic reports.

    .venv/bin/python benchmarks/incident_merge.py                 # 125k, 250k, 500k, 1M
    .venv/bin/python benchmarks/incident_merge.py --sizes 20000   # a quick run

Synthetic world: 5,000 towns in 12 pseudo-countries over a 26 x 26 degree box, 10 years,
16 event types, 100 actors (30% of reports name none). Each true incident gets 1-5
reports (same town, a town nearby or the country, the same day or a day range), so
there is real merging to do; reports arrive in a random order, three per "document",
through the same incremental ``attach`` the store uses (``MemoryBackend``). Each size
runs in a fresh process; peak memory is that process's maximum resident set size
(synthetic reports included). Ratios use CPU seconds (``time.process_time``), which
other work on a shared machine disturbs less than wall-clock seconds; the last two
columns compare the CPU-time ratio between consecutive sizes with the n log n ratio.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import time
from datetime import date

from sitroom.incidents import ActorGraph, Features, MemoryBackend, MergeRules, attach
from sitroom.records import EVENT_TYPES

DAY0 = date(2015, 1, 1).toordinal()
DAYS = 3650
ACTORS = [f"actor-{i}" for i in range(100)]


def world(rng: random.Random) -> list[tuple[float, float, str]]:
    towns = []
    for _ in range(5000):
        lat, lon = 12 + rng.random() * 26, 34 + rng.random() * 26
        towns.append((lat, lon, f"C{int(lat // 9)}{int(lon // 9)}"))
    return towns


def synthetic(n: int, seed: int = 7) -> list[Features]:
    rng = random.Random(seed)
    towns = world(rng)
    out: list[Features] = []
    incident = 0
    while len(out) < n:
        incident += 1
        lat, lon, country = rng.choice(towns)
        day, kind = DAY0 + rng.randrange(DAYS), rng.choice(EVENT_TYPES)
        actor = rng.choice(ACTORS) if rng.random() > 0.3 else None
        for _ in range(min(rng.randint(1, 5), n - len(out))):
            out.append(_report(rng, len(out), kind, day, lat, lon, country, actor))
    rng.shuffle(out)
    return out


def _report(rng: random.Random, i: int, kind: str, day: int, lat: float, lon: float,
            country: str, actor: str | None) -> Features:
    roll = rng.random()
    precision = "country" if roll < 0.1 else "point" if roll < 0.3 else "town"
    if roll > 0.8:  # a nearby town or a slightly different point
        lat, lon = lat + rng.uniform(-0.1, 0.1), lon + rng.uniform(-0.1, 0.1)
    span = rng.choice([0, 0, 0, 0, 1, 3])
    start = day - rng.randint(0, span)
    return Features(
        id=f"ev-{i:012d}", event_type=kind, mergeable=True, start=start, end=start + span, day=span == 0,
        lat=lat, lon=lon, precision=precision, country=country,
        actor=actor if rng.random() > 0.2 else None, target=None,
    )


def run_one(n: int) -> dict[str, float]:
    rules, graph = MergeRules.load(), ActorGraph()
    reports = synthetic(n)
    backend = MemoryBackend()
    decided = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for i in range(0, len(reports), 3):
        decided += attach(reports[i:i + 3], backend, rules, graph).decided
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    sizes = [len(v) for v in backend.partition().values()]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": n, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "peak_rss_mb": round(peak_mb), "incidents": len(sizes),
            "merged_incidents": sum(s > 1 for s in sizes), "largest": max(sizes),
            "decided_per_report": round(decided / n, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[125_000, 250_000, 500_000, 1_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    rows = []
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], check=True, capture_output=True, text=True)
        rows.append(json.loads(out.stdout))
    print_table(rows)


def print_table(rows: list[dict[str, float]]) -> None:
    """One line per size; the last two columns compare it with the previous size."""
    print(f"{'reports':>10} {'seconds':>8} {'cpu s':>8} {'us/report':>9} {'peak MB':>8} {'incidents':>9} "
          f"{'merged':>8} {'largest':>7} {'cpu ratio':>9} {'n log n ratio':>13}")
    for prev, row in zip([None, *rows], rows):
        n = row["n"]
        ratio = nlogn = ""
        if prev:
            ratio = f"{row['cpu_seconds'] / prev['cpu_seconds']:.2f}"
            nlogn = f"{n * math.log(n) / (prev['n'] * math.log(prev['n'])):.2f}"
        print(f"{n:>10} {row['seconds']:>8} {row['cpu_seconds']:>8} {1e6 * row['cpu_seconds'] / n:>9.1f} "
              f"{row['peak_rss_mb']:>8} {row['incidents']:>9} {row['merged_incidents']:>8} {row['largest']:>7} "
              f"{ratio:>9} {nlogn:>13}")


if __name__ == "__main__":
    main()
