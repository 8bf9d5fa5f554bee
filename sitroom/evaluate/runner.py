"""``evaluate``: load gold sets, run the real pipeline over them, score each.

    results = evaluate(["seed", "plover"], Options.load({}), sample=20)
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Sequence

from ..pipeline import Pipeline
from ..settings import Options
from .documents import score_documents
from .gold import NAMED, GoldSet, load
from .mappings import TypeMap
from .metrics import DatasetResult
from .sentences import score_locations, score_petrarch, score_plover

SCORERS: dict[str, Callable[[GoldSet, Pipeline], DatasetResult]] = {
    "documents": score_documents, "plover": score_plover, "petrarch": score_petrarch, "location": score_locations,
}


def shared_path(options: Options, override: str | None = None) -> Path:
    return Path(override or options.shared_dir).expanduser()


def load_sets(specs: Sequence[str], options: Options, shared: Path) -> list[GoldSet]:
    """Every gold set named or given by path (no specs: all named sets)."""
    types = TypeMap.load()
    sets: list[GoldSet] = []
    for spec in specs or NAMED:
        sets += load(spec, shared, options, types)
    return sets


def evaluate(specs: Sequence[str], options: Options, *, shared: Path | None = None, sample: int | None = None,
             pipeline: Pipeline | None = None) -> list[DatasetResult]:
    """Score the pipeline on each gold set; ``sample`` keeps N items per set."""
    pipeline = pipeline or Pipeline(options)
    sets = load_sets(specs, options, shared or shared_path(options))
    _ = (pipeline.resources, pipeline.nlp)  # load once, outside the per-set timings
    results = []
    for gold_set in sets:
        started = time.perf_counter()
        result = SCORERS[gold_set.kind](gold_set.sample(sample), pipeline)
        result.seconds = time.perf_counter() - started
        results.append(result)
    return results
