"""The multi-process runs behind benchmarks/bench_corpus.py, on a few own-written articles."""

from __future__ import annotations

import pytest

from sitroom.benchmark.parallel import replicate, run_parallel
from sitroom.errors import SitroomError
from sitroom.ingest import make_document
from sitroom.settings import Options

TEXTS = [
    "Gunmen attacked a checkpoint near Kirkuk on Sunday, killing two soldiers, police said.",
    "Protesters gathered outside parliament in Baghdad on Monday to demand jobs.",
]


def documents():
    return [make_document(text, source_id=f"t{i}") for i, text in enumerate(TEXTS)]


def test_replicate_gives_distinct_copies_of_the_same_text():
    copies = replicate(documents(), 5)
    assert [c.text for c in copies] == [TEXTS[0], TEXTS[1]] * 2 + [TEXTS[0]]
    assert len({c.id for c in copies}) == len({c.content_hash for c in copies}) == 5


def test_replicate_refuses_an_empty_corpus():
    with pytest.raises(SitroomError, match="cannot repeat 0 documents"):
        replicate([], 3)


@pytest.mark.slow
def test_two_workers_code_every_copy():
    run = run_parallel("sitroom", replicate(documents(), 4), Options.load(environ={}), 2)
    figures = run.as_dict()
    assert (run.workers, run.articles) == (2, 4)
    assert figures["articles_per_s"] > 0 and run.peak_rss > 0
    assert {"clean", "parse", "extract", "relations", "store"} <= set(run.stages)


@pytest.mark.slow
def test_a_worker_that_cannot_load_is_a_clean_error():
    options = Options.load(environ={"SITROOM_MODEL": "no_such_model_xyz"})
    with pytest.raises(SitroomError, match="no_such_model_xyz"):
        run_parallel("spacy", documents(), options, 1)


def test_more_workers_than_documents_is_refused():
    with pytest.raises(SitroomError, match="workers must be between 1 and"):
        run_parallel("spacy", documents(), Options.load(environ={}), 3)
