"""Bench figures: throughput, stage times, memory, and the ratios to the baseline.

``BenchReport`` holds the sitroom and baseline measurements of one run; its
``as_dict()`` is what ``sitroom bench --json`` prints and ``tables()`` what it
prints otherwise. Throughput is per core: each measurement is one process on one
core, so articles/s of the whole run is also articles/s per core.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.table import Table

from .measure import MB, Measurement

STAGES: dict[str, str] = {
    "clean": "read, clean, build Document",
    "parse": "spaCy parse (all components)",
    "extract": "event extraction",
    "relations": "relations",
    "store": "SQLite store write",
}


def throughput(measurement: Measurement) -> dict[str, float]:
    """Articles and words per wall-clock second and per CPU-second of the reported (median)
    run. Per CPU-second is the steadier figure on a machine shared with other work."""
    run = measurement.reported
    return {"articles_per_s": measurement.articles / run.wall, "words_per_s": measurement.words / run.wall,
            "articles_per_cpu_s": measurement.articles / run.cpu, "words_per_cpu_s": measurement.words / run.cpu}


def memory(measurement: Measurement) -> dict[str, float]:
    """Peak RSS and its increase over the RSS before the model loaded, in MB."""
    return {"peak_rss_mb": measurement.peak_rss / MB,
            "rss_increase_mb": (measurement.peak_rss - measurement.rss_before_load) / MB}


def stage_table(measurement: Measurement) -> list[dict[str, Any]]:
    """Seconds, share of the run and ms per article for each stage, then the untimed rest."""
    run = measurement.reported
    rows = [{"stage": name, "seconds": run.stages.get(name, 0.0)} for name in STAGES]
    rows += [{"stage": name, "seconds": secs} for name, secs in run.stages.items() if name not in STAGES]
    rows.append({"stage": "other", "seconds": max(run.wall - sum(run.stages.values()), 0.0)})
    for row in rows:
        row["share"] = row["seconds"] / run.wall
        row["ms_per_article"] = 1000 * row["seconds"] / measurement.articles
    return rows


@dataclass(frozen=True)
class BenchReport:
    corpus: str
    model: str
    sitroom: Measurement
    baseline: Measurement
    load_average: float = 0.0  # the machine's 1-minute load average when the run started

    def ratios(self) -> dict[str, float]:
        """sitroom / baseline: throughput (below 1 = slower) and memory (above 1 = more)."""
        ours, base = throughput(self.sitroom), throughput(self.baseline)
        our_mem, base_mem = memory(self.sitroom), memory(self.baseline)
        return {
            "articles_per_s": ours["articles_per_s"] / base["articles_per_s"],
            "words_per_s": ours["words_per_s"] / base["words_per_s"],
            "articles_per_cpu_s": ours["articles_per_cpu_s"] / base["articles_per_cpu_s"],
            "peak_rss": our_mem["peak_rss_mb"] / base_mem["peak_rss_mb"],
            "rss_increase": our_mem["rss_increase_mb"] / max(base_mem["rss_increase_mb"], 1e-9),
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus, "model": self.model, "processes": 1, "load_average": self.load_average,
            "articles": self.sitroom.articles, "words": self.sitroom.words, "repeat": len(self.sitroom.runs),
            "sitroom": _summary(self.sitroom) | {"stages": stage_table(self.sitroom)},
            "baseline": _summary(self.baseline), "ratio_sitroom_to_baseline": self.ratios(),
            "runs": {"sitroom": self.sitroom.as_dict(), "baseline": self.baseline.as_dict()},
        }

    def tables(self) -> list[Table]:
        return [self._overview(), self._stages()]

    def _overview(self) -> Table:
        title = (f"sitroom bench: {self.sitroom.articles} articles, {self.sitroom.words:,} words, "
                 f"one process (one core), median of {len(self.sitroom.runs)} run(s)")
        table = Table(title=title, caption=f"corpus {self.corpus}; spaCy model {self.model}; "
                                           f"load average at start {self.load_average:.2f}")
        for column in ("", "sitroom", "spaCy alone", "sitroom/spaCy"):
            table.add_column(column, justify="right")
        ours, base, ratio = _summary(self.sitroom), _summary(self.baseline), self.ratios()
        for key, ratio_key, label, fmt in _OVERVIEW_ROWS:
            ratio_text = f"{ratio[ratio_key]:.2f}" if ratio_key else ""
            table.add_row(label, fmt.format(ours[key]), fmt.format(base[key]), ratio_text)
        return table

    def _stages(self) -> Table:
        table = Table(title="sitroom time per stage (median run)")
        for column in ("stage", "what", "seconds", "share", "ms/article"):
            table.add_column(column, justify="left" if column in ("stage", "what") else "right")
        for row in stage_table(self.sitroom):
            table.add_row(row["stage"], STAGES.get(row["stage"], "untimed: loop, bookkeeping"),
                          f"{row['seconds']:.3f}", f"{row['share']:.1%}", f"{row['ms_per_article']:.1f}")
        run = self.sitroom.reported
        table.add_row("total", "", f"{run.wall:.3f}", "100.0%", f"{1000 * run.wall / self.sitroom.articles:.1f}")
        return table


_OVERVIEW_ROWS: tuple[tuple[str, str | None, str, str], ...] = (
    # summary key, ratio key, label, format
    ("articles_per_s", "articles_per_s", "articles/s (per core)", "{:.2f}"),
    ("words_per_s", "words_per_s", "words/s (per core)", "{:,.0f}"),
    ("articles_per_cpu_s", "articles_per_cpu_s", "articles per CPU-second", "{:.2f}"),
    ("words_per_cpu_s", None, "words per CPU-second", "{:,.0f}"),
    ("seconds", None, "timed seconds", "{:.2f}"),
    ("cpu_seconds", None, "CPU seconds", "{:.2f}"),
    ("peak_rss_mb", "peak_rss", "peak RSS MB", "{:.0f}"),
    ("rss_increase_mb", "rss_increase", "RSS increase over pre-load MB", "{:.0f}"),
    ("load_seconds", None, "load seconds (not timed)", "{:.2f}"),
    ("warmup_seconds", None, "warm-up seconds (not timed)", "{:.2f}"),
)


def _summary(measurement: Measurement) -> dict[str, Any]:
    run = measurement.reported
    return (throughput(measurement) | memory(measurement) | {
        "seconds": run.wall, "cpu_seconds": run.cpu, "all_seconds": [r.wall for r in measurement.runs],
        "load_seconds": measurement.load_seconds, "warmup_seconds": measurement.warmup_seconds,
        "events": run.events, "failed": run.failed,
    })
