"""Gold loaders, on small files written here (shapes copied from the real sets' fields)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.errors import InputError
from sitroom.evaluate.gold import load
from sitroom.evaluate.mappings import TypeMap
from sitroom.settings import Options

OPTIONS = Options.load({}, environ={})
TYPES = TypeMap.load()
ARTICLE = "Rebels shelled the town of Bakwa on Monday, killing two people.\n\nThe army said it had repelled them.\n"


def write(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def event(n: int, evidence: str = "Rebels shelled the town of Bakwa") -> dict:
    return {"id": f"E{n}", "core": True, "type": "ASSAULT", "actor": "rebels", "target": None,
            "date": {"start": "2024-03-04", "end": "2024-03-04", "precision": "day"}, "location": None,
            "claim": {"status": "asserted"}, "evidence": evidence}


def test_seed_shape(tmp_path):
    write(tmp_path / "article.txt", ARTICLE)
    gold = write(tmp_path / "mine.json", {"document": {"file": "article.txt", "published": "2024-03-05"},
                                          "events": [event(1)], "relations_that_must_be_found": [["A", "leads", "B"]]})
    [gold_set] = load(str(gold), tmp_path, OPTIONS, TYPES)
    [doc] = gold_set.items
    assert gold_set.kind == "documents" and doc.document.published.isoformat() == "2024-03-05"
    assert "Bakwa" in doc.document.text and doc.relations == (("A", "leads", "B"),)


def test_samples_shape_needs_every_document(tmp_path):
    write(tmp_path / "articles.jsonl", json.dumps({"id": "a1", "text": ARTICLE, "published": "2024-03-05"}) + "\n")
    gold = write(tmp_path / "gold.json", {"documents": [{"id": "a1", "events": [event(1)]}]})
    [gold_set] = load(str(gold), tmp_path, OPTIONS, TYPES)
    assert [d.id for d in gold_set.items] == ["a1"]
    write(tmp_path / "gold.json", {"documents": [{"id": "a2", "events": []}]})
    with pytest.raises(InputError, match="document a2 is not in"):
        load(str(gold), tmp_path, OPTIONS, TYPES)


def devset(tmp_path: Path) -> Path:
    stories = tmp_path / "shared" / "eval" / "voa" / "voa_stories.jsonl"
    lines = [{"id": "101", "text": ARTICLE, "published": "2024-03-05 10:00:00Z", "title": "t"},
             {"id": "102", "text": "Nothing happened here at all, the weather was fine.", "published": "2024-03-06 10:00:00Z"}]
    write(stories, "\n".join(json.dumps(line) for line in lines) + "\n")
    folder = tmp_path / "devset"
    write(folder / "101.json", {"story_id": "101", "split": "dev", "events": [event(1)]})
    write(folder / "102.json", {"story_id": "102", "split": "heldout", "events": []})
    return folder


def test_devset_folder_gives_both_splits(tmp_path):
    folder = devset(tmp_path)
    dev, heldout = load(str(folder), tmp_path / "shared", OPTIONS, TYPES)
    assert (dev.name, [d.id for d in dev.items]) == ("dev", ["101"])
    assert (heldout.name, [d.id for d in heldout.items]) == ("heldout", ["102"])
    assert dev.items[0].document.published.isoformat() == "2024-03-05"


def test_devset_errors_name_the_file(tmp_path):
    folder = devset(tmp_path)
    write(folder / "103.json", {"story_id": "103", "split": "test", "events": []})
    with pytest.raises(InputError, match="103.json.*split must be one of dev, heldout"):
        load(str(folder), tmp_path / "shared", OPTIONS, TYPES)
    write(folder / "103.json", {"story_id": "999", "split": "dev", "events": []})
    with pytest.raises(InputError, match="story 999 is not in"):
        load(str(folder), tmp_path / "shared", OPTIONS, TYPES)


def test_plover_records(tmp_path):
    records = [
        {"id": "DOC", "event": "DOCUMENT", "eventText": "about"},
        {"id": "P1", "event": "FIGHT", "eventText": "shelled", "text": "Rebels shelled Juba on Sunday.",
         "source": [{"actorText": "Rebels", "code": "SDN"}], "target": [{"actorText": "Juba"}],
         "textInfo": {"markup": "(SRC: Rebels) (EVT: shelled) (TAR: Juba) on Sunday."}},
        {"id": "P2", "event": "DEMAND", "text": "Poland demanded an apology.", "source": [{"actorText": "Poland"}],
         "textInfo": "(SRC: Poland) (EVT: demanded} an apology."},
    ]
    [gold_set] = load(str(write(tmp_path / "plover.json", records)), tmp_path, OPTIONS, TYPES)
    first, second = gold_set.items
    assert (first.type, first.label, first.triggers, first.targets) == ("ASSAULT", "FIGHT", ("shelled",), ("Juba",))
    assert (second.type, second.triggers, second.targets) == ("REQUEST", ("demanded",), ())


def test_petrarch_records(tmp_path):
    records = [
        {"id": "A1", "text": "Troops fought rebels.", "eventcodings": [{"eventcode": "190", "sourcecode": "X", "targetcode": "Y"},
                                                                   {"eventcode": "015", "sourcecode": "X", "targetcode": "Y"}]},
        {"id": "A2", "text": "A protestor demolished the building.", "eventcodings": [{"noevents": "True"}]},
        {"id": "A3", "text": "", "eventcodings": [{"eventcode": "190"}]},
    ]
    [gold_set] = load(str(write(tmp_path / "petr.json", records)), tmp_path, OPTIONS, TYPES)
    assert [(i.id, i.cameo, i.types) for i in gold_set.items] == [("A1", ("190", "015"), ("ASSAULT",)), ("A2", (), ())]


def test_event_location_keeps_sentences_with_a_place(tmp_path):
    records = [
        {"_id": "x1 ", "text": "A bomb killed two in Kabul.", "verb": ["killed"], "locations": [{"text": "Kabul", "start": 5, "end": 5}]},
        {"_id": "x2", "text": "He was shot.", "verb": ["shot"], "locations": []},
    ]
    [gold_set] = load(str(write(tmp_path / "loc.json", records)), tmp_path, OPTIONS, TYPES)
    assert [(i.id, i.verbs, i.places) for i in gold_set.items] == [("x1", ("killed",), ("Kabul",))]


def test_missing_data_names_the_path_and_the_fix(tmp_path):
    with pytest.raises(InputError, match=r"seed-gold.json.*--shared"):
        load("seed", tmp_path / "nowhere", OPTIONS, TYPES)
    with pytest.raises(InputError, match="PLOVER_GSR_CAMEO.parsed.json"):
        load("plover", tmp_path / "nowhere", OPTIONS, TYPES)
    with pytest.raises(InputError, match="not a gold file and not a named set"):
        load(str(tmp_path / "nope.json"), tmp_path, OPTIONS, TYPES)
    with pytest.raises(InputError, match="unrecognised gold file shape"):
        load(str(write(tmp_path / "odd.json", {"x": 1})), tmp_path, OPTIONS, TYPES)
    with pytest.raises(InputError, match="not valid JSON"):
        load(str(write(tmp_path / "broken.json", "{")), tmp_path, OPTIONS, TYPES)


def test_bundled_samples_load_without_shared(tmp_path):
    [gold_set] = load("samples", tmp_path, OPTIONS, TYPES)
    assert len(gold_set.items) == 40
    first = gold_set.sample(5)
    assert len(first.items) == 5 and first.items == gold_set.sample(5).items
    assert gold_set.sample(100) is gold_set
