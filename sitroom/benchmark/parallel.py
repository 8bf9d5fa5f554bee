"""Larger runs: the corpus repeated to K documents, coded by W worker processes.

Used by ``benchmarks/bench_corpus.py``. Each worker loads its runner (the sitroom
pipeline, or spaCy alone), warms up, then waits at a barrier; the clock starts
when all are loaded and stops when the last one has finished its share (documents
dealt round-robin). A sitroom worker writes to its own temporary SQLite file, and
its "clean" stage re-cleans the already-read text (no file reading). Callers that
start workers need an ``if __name__ == "__main__":`` guard (processes are spawned).
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import queue
import threading
import traceback
from dataclasses import dataclass
from time import perf_counter
from typing import Any, Iterator, Sequence

from ..errors import SitroomError
from ..ingest import make_document
from ..records import Document
from ..settings import Options
from .corpus import word_count
from .measure import MB, RUNNERS, peak_rss

LOAD_TIMEOUT = 600.0  # seconds a worker may take to load and warm up


def replicate(documents: Sequence[Document], k: int) -> list[Document]:
    """``k`` documents cycling through ``documents``; copies get their own id and hash
    (same text), so the store codes each one instead of skipping it as a duplicate."""
    if not documents or k < 1:
        raise SitroomError(f"cannot repeat {len(documents)} documents to {k}: "
                           "give a corpus with at least one document and --docs of 1 or more")
    copies = []
    for number in range(k):
        doc, round_ = documents[number % len(documents)], number // len(documents)
        if round_:
            doc = dataclasses.replace(doc, id=f"{doc.id}-{round_}", source_id=f"{doc.source_id}#{round_}",
                                      content_hash=f"{doc.content_hash}-{round_}")
        copies.append(doc)
    return copies


@dataclass(frozen=True)
class ParallelRun:
    """One runner over the whole batch with ``workers`` processes."""

    runner: str
    workers: int
    articles: int
    words: int
    wall: float
    cpu: float  # CPU seconds summed over the workers
    stages: dict[str, float]  # seconds summed over the workers
    peak_rss: int  # the largest worker's, bytes

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {
            "articles_per_s": self.articles / self.wall, "words_per_s": self.words / self.wall,
            "articles_per_s_per_worker": self.articles / self.wall / self.workers,
            "articles_per_cpu_s": self.articles / self.cpu,
            "peak_rss_mb_per_worker": self.peak_rss / MB,
        }


def run_parallel(kind: str, documents: Sequence[Document], options: Options, workers: int) -> ParallelRun:
    """Time runner ``kind`` over ``documents`` split across ``workers`` fresh processes."""
    if not 1 <= workers <= len(documents):
        raise SitroomError(f"workers must be between 1 and the number of documents ({len(documents)}), "
                           f"not {workers}")
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(workers + 1), context.Queue()
    shares = [list(documents[i::workers]) for i in range(workers)]
    processes = [context.Process(target=_work, args=(kind, dataclasses.asdict(options), share, barrier, results))
                 for share in shares]
    for process in processes:
        process.start()
    try:
        outcomes, wall = _timed_results(barrier, results, processes)
    finally:
        for process in processes:
            process.join(timeout=60)
    return _combine(kind, workers, word_count(documents), wall, outcomes)


def _combine(kind: str, workers: int, words: int, wall: float, outcomes: list[dict[str, Any]]) -> ParallelRun:
    """The workers' outcomes as one run: articles, CPU and stage seconds summed, the largest peak."""
    stages: dict[str, float] = {}
    for outcome in outcomes:
        for name, seconds in outcome["stages"].items():
            stages[name] = stages.get(name, 0.0) + seconds
    return ParallelRun(kind, workers, sum(o["articles"] for o in outcomes), words, wall,
                       sum(o["cpu"] for o in outcomes), stages, max(o["peak_rss"] for o in outcomes))


def _timed_results(barrier: Any, results: Any, processes: list[Any]) -> tuple[list[dict[str, Any]], float]:
    try:
        barrier.wait(timeout=LOAD_TIMEOUT)
    except threading.BrokenBarrierError as exc:
        raise SitroomError(f"a benchmark worker failed while loading: {_first_error(results)}") from exc
    start = perf_counter()
    outcomes = _collect(results, processes)
    wall = perf_counter() - start
    failed = [o["error"] for o in outcomes if "error" in o]
    if failed:
        raise SitroomError(f"a benchmark worker failed: {failed[0]}")
    return outcomes, wall


def _collect(results: Any, processes: list[Any]) -> list[dict[str, Any]]:
    """One outcome per worker; raises if a worker dies without sending one."""
    outcomes: list[dict[str, Any]] = []
    while len(outcomes) < len(processes):
        try:
            outcomes.append(results.get(timeout=1.0))
        except queue.Empty:
            dead = [p.exitcode for p in processes if p.exitcode not in (None, 0)]
            if dead:
                raise SitroomError(f"a benchmark worker died (exit status {dead[0]})") from None
    return outcomes


def _first_error(results: Any) -> str:
    try:
        return str(results.get(timeout=5).get("error", "unknown error"))
    except queue.Empty:
        return "no message (see the worker's traceback above)"


def _work(kind: str, options: dict[str, Any], share: list[Document], barrier: Any, results: Any) -> None:
    """One worker process: load, warm up, wait for the others, code the share, report."""
    try:
        runner = RUNNERS[kind](Options(**options))
        runner.load()
        runner.warm(share[0])
    except Exception as exc:
        _hand_over(exc, results)
        barrier.abort()
        return
    barrier.wait()
    try:
        timing = runner.run(_recleaned(share))
    except Exception as exc:
        _hand_over(exc, results)
        return
    results.put(timing.as_dict() | {"peak_rss": peak_rss()})


def _hand_over(exc: Exception, results: Any) -> None:
    """Give the parent the failure to raise; a bug (not a SitroomError) also shows its traceback here."""
    results.put({"error": str(exc) if isinstance(exc, SitroomError) else f"{type(exc).__name__}: {exc}"})
    if not isinstance(exc, SitroomError):
        traceback.print_exception(exc)


def _recleaned(share: list[Document]) -> Iterator[Document]:
    """Each document built again from its text, keeping the copy's id and hash."""
    for doc in share:
        built = make_document(doc.text, source_id=doc.source_id, title=doc.title, url=doc.url,
                              outlet=doc.outlet, published=doc.published, byline=doc.byline)
        yield dataclasses.replace(built, id=doc.id, content_hash=doc.content_hash, captions=doc.captions)
