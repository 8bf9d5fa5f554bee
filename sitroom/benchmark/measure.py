"""Timed runs of the sitroom pipeline and of spaCy alone, and process memory.

A runner loads once (``load``), is warmed on one document (``warm``), then
``run`` codes a batch and returns a ``RunTiming``: wall and CPU seconds and the
seconds per stage. ``SitroomRunner`` runs the whole pipeline (read and clean ->
parse -> extract -> relations -> a temporary SQLite store) with a ``StageTimer``;
``SpacyRunner`` is the baseline: the same spaCy model as ``Options.model``, all its
components, over the same cleaned texts with ``nlp.pipe``. Both run in the calling
process, on one core.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter, process_time
from typing import Any, Iterable

from ..errors import InputError
from ..records import Document
from ..settings import Options
from ..timing import NO_TIMER, StageTimer
from .corpus import corpus_items, read_corpus, word_count

MB = 1024 * 1024


@dataclass(frozen=True)
class RunTiming:
    """One timed pass over a batch."""

    wall: float
    cpu: float
    articles: int
    stages: dict[str, float] = field(default_factory=dict)
    events: int = 0
    failed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"wall": self.wall, "cpu": self.cpu, "articles": self.articles, "stages": dict(self.stages),
                "events": self.events, "failed": self.failed}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RunTiming":
        return cls(float(data["wall"]), float(data["cpu"]), int(data["articles"]),
                   {str(k): float(v) for k, v in data["stages"].items()}, int(data["events"]), int(data["failed"]))


@dataclass(frozen=True)
class Measurement:
    """One runner's figures over one corpus: load, warm-up, every timed run, memory (bytes)."""

    runner: str
    articles: int
    words: int
    load_seconds: float
    warmup_seconds: float
    runs: tuple[RunTiming, ...]
    rss_before_load: int
    peak_rss: int

    @property
    def reported(self) -> RunTiming:
        """The median run (of an even number, the faster middle one)."""
        ordered = sorted(self.runs, key=lambda run: run.wall)
        return ordered[(len(ordered) - 1) // 2]

    def as_dict(self) -> dict[str, Any]:
        return {"runner": self.runner, "articles": self.articles, "words": self.words,
                "load_seconds": self.load_seconds, "warmup_seconds": self.warmup_seconds,
                "runs": [run.as_dict() for run in self.runs], "rss_before_load": self.rss_before_load,
                "peak_rss": self.peak_rss}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Measurement":
        return cls(str(data["runner"]), int(data["articles"]), int(data["words"]), float(data["load_seconds"]),
                   float(data["warmup_seconds"]), tuple(RunTiming.from_dict(r) for r in data["runs"]),
                   int(data["rss_before_load"]), int(data["peak_rss"]))


class SitroomRunner:
    """The full pipeline, writing to a fresh temporary SQLite store on every run."""

    name = "sitroom"

    def __init__(self, options: Options) -> None:
        from ..pipeline import Pipeline

        self.pipeline = Pipeline(options)

    def load(self) -> None:
        _ = (self.pipeline.nlp, self.pipeline.resources)  # cached properties: load them now

    def warm(self, document: Document) -> None:
        self.pipeline.extract(document)

    def run(self, items: Iterable[Document | InputError]) -> RunTiming:
        from ..store import Store

        timer = StageTimer()
        self.pipeline.timer = timer
        with tempfile.TemporaryDirectory(prefix="sitroom-bench-") as folder:
            with Store.open("sqlite:///" + str(Path(folder) / "bench.db")) as store:
                wall, cpu = perf_counter(), process_time()
                summary = self.pipeline.ingest_items(items, store)
                wall, cpu = perf_counter() - wall, process_time() - cpu
        self.pipeline.timer = NO_TIMER
        return RunTiming(wall, cpu, summary.read - summary.duplicates, dict(timer.seconds),
                         summary.events, summary.failed)


class SpacyRunner:
    """The baseline: the spaCy model named by ``options.model``, all components, ``nlp.pipe``."""

    name = "spacy"

    def __init__(self, options: Options) -> None:
        self.model = options.model
        self.nlp: Any = None

    def load(self) -> None:
        import spacy

        from ..errors import ModelError

        try:
            self.nlp = spacy.load(self.model)
        except OSError as exc:
            raise ModelError(f"spaCy model {self.model!r} is not installed: install it or set SITROOM_MODEL "
                             f"to an installed pipeline ({exc})") from exc

    def warm(self, document: Document) -> None:
        self.nlp(document.text)

    def run(self, items: Iterable[Document | InputError]) -> RunTiming:
        # the distinct texts, as the pipeline skips exact duplicates
        texts = list({item.content_hash: item.text for item in items if isinstance(item, Document)}.values())
        wall, cpu = perf_counter(), process_time()
        for _ in self.nlp.pipe(texts):
            pass
        wall, cpu = perf_counter() - wall, process_time() - cpu
        return RunTiming(wall, cpu, len(texts), {"parse": wall})


RUNNERS: dict[str, type[SitroomRunner] | type[SpacyRunner]] = {"sitroom": SitroomRunner, "spacy": SpacyRunner}


def current_rss() -> int:
    """Resident set size of this process now, in bytes (Linux /proc; else the peak so far)."""
    statm = Path("/proc/self/statm")
    if statm.exists():
        return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    return peak_rss()


def peak_rss() -> int:
    """Peak resident set size of this process so far, in bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def measure(kind: str, corpus: str, options: Options, *, n: int | None, repeat: int) -> Measurement:
    """Load runner ``kind``, warm it up, then time ``repeat`` passes over the corpus here.

    The corpus is read once first (not timed) for the word count and the warm-up
    document; each timed pass reads it again, so the pipeline's cleaning is timed.
    """
    documents = read_corpus(corpus, options, n)
    rss_before = current_rss()
    runner = RUNNERS[kind](options)
    start = perf_counter()
    runner.load()
    loaded = perf_counter()
    runner.warm(documents[0])
    warmed = perf_counter()
    runs = tuple(runner.run(corpus_items(corpus, options, n)) for _ in range(repeat))
    return Measurement(kind, len(documents), word_count(documents), loaded - start, warmed - loaded,
                       runs, rss_before, peak_rss())
