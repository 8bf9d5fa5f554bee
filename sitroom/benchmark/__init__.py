"""``sitroom bench``: throughput, time per stage and memory of the pipeline, next to spaCy alone.

    run_bench(corpus, options, n=None, repeat=1) -> BenchReport

Layout: ``corpus`` picks and reads the corpus; ``measure`` holds the two runners
(the sitroom pipeline with a ``timing.StageTimer``, and spaCy's ``nlp.pipe`` as the
baseline) and memory readings; ``worker`` runs each measurement in its own process;
``report`` turns the two measurements into figures, ratios and tables. Larger runs
(the corpus repeated, several worker processes) are in ``benchmarks/`` at the repo root.
"""

from __future__ import annotations

import os

from ..errors import ConfigError
from ..settings import Options
from .corpus import check_corpus, default_corpus
from .report import BenchReport
from .worker import measure_in_subprocess

__all__ = ["BenchReport", "default_corpus", "run_bench"]


def run_bench(corpus: str | None, options: Options, *, n: int | None = None, repeat: int = 1) -> BenchReport:
    """Measure the sitroom pipeline, then spaCy alone, each in a fresh process, over the same texts."""
    if n is not None and n < 1:
        raise ConfigError(f"--n must be at least 1, not {n}")
    if repeat < 1:
        raise ConfigError(f"--repeat must be at least 1, not {repeat}")
    path = corpus or str(default_corpus(options))
    check_corpus(path)
    load = os.getloadavg()[0]
    ours = measure_in_subprocess("sitroom", path, options, n=n, repeat=repeat)
    baseline = measure_in_subprocess("spacy", path, options, n=n, repeat=repeat)
    return BenchReport(path, options.model, ours, baseline, load)
