"""Cost of each extraction part against the spaCy parse of the same text, in one run.

    .venv/bin/python benchmarks/extract_parts.py [--corpus PATH] [--n N]

Prints milliseconds of CPU time per 1,000 words for: the spaCy parse (the baseline),
date finding, actor search, relation patterns and the whole event extraction, and each
part's ratio to the parse. Replaces the timed unit tests the test suite used to have.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Callable

from sitroom.benchmark.corpus import default_corpus, read_corpus, word_count
from sitroom.extract.dates import find_dates
from sitroom.extract.events import extract_events
from sitroom.extract.relations import find_relations
from sitroom.pipeline import Pipeline
from sitroom.settings import Options


def _cpu(step: Callable[[], object]) -> float:
    start = time.process_time()
    step()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="default: the VOA stories under the shared_dir setting")
    parser.add_argument("--n", type=int, default=0, help="first N documents only (0 = all)")
    args = parser.parse_args()
    options = Options.load({})
    documents = read_corpus(str(args.corpus or default_corpus(options)), options, args.n or None)
    pipeline = Pipeline(options)
    res, nlp = pipeline.resources, pipeline.nlp
    words = word_count(documents)
    docs = []
    parts = {"spaCy parse (baseline)": _cpu(lambda: docs.extend(nlp(d.text) for d in documents))}
    pairs = list(zip(documents, docs))
    parts["dates"] = _cpu(lambda: [find_dates(d.text, d.published) for d in documents])
    parts["actor search"] = _cpu(lambda: [res.kb.find(d.text) for d in documents])
    parts["relations"] = _cpu(lambda: [find_relations(doc, res.kb, document_id=d.id) for d, doc in pairs])
    parts["events (all of extraction)"] = _cpu(lambda: [extract_events(d, doc, res) for d, doc in pairs])
    base = parts["spaCy parse (baseline)"]
    print(f"{len(documents)} documents, {words} words")
    for name, seconds in parts.items():
        print(f"{name:28} {seconds * 1000 / words * 1000:8.1f} ms per 1,000 words   x{seconds / base:.3f} of the parse")


if __name__ == "__main__":
    main()
