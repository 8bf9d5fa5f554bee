"""Gold loaders: every evaluation set -> typed records the scorers read.

Named sets (``NAMED``) and where their files are:

    seed            <shared>/seed/seed-gold.json + seed-article.txt
    samples         sitroom/data/samples/gold.json over articles.jsonl (bundled)
    dev, heldout    sitroom/data/devset/voa/*.json (split field) over <shared>/eval/voa/voa_stories.jsonl
    plover          <shared>/eval/plover/PLOVER_GSR_CAMEO.parsed.json
    petrarch        <shared>/eval/petrarch/PETR2_GSR_validation.slim.json
    event-location  <shared>/eval/event_location/gold_relabel_slim.json

A gold file given by path is recognised by its shape. Missing or malformed data raises
``InputError`` naming the path and saying what to do.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence, TypeVar

from ..errors import InputError, SitroomError
from ..records import Document
from ..settings import Options
from ..ingest import read_sources
from .mappings import TypeMap

NAMED = ("seed", "samples", "dev", "heldout", "plover", "petrarch", "event-location")
SPLITS = ("dev", "heldout")
VOA_STORIES = Path("eval") / "voa" / "voa_stories.jsonl"
SENTENCE_FILES = {
    "plover": Path("eval") / "plover" / "PLOVER_GSR_CAMEO.parsed.json",
    "petrarch": Path("eval") / "petrarch" / "PETR2_GSR_validation.slim.json",
    "event-location": Path("eval") / "event_location" / "gold_relabel_slim.json",
}
_EVT = re.compile(r"\(EVT:\s*([^(){}]*?)\s*[)}]")


@dataclass(frozen=True)
class GoldDocument:
    """One document and the events (seed-gold shape) an analyst coded in it."""

    id: str
    document: Document
    events: tuple[Mapping[str, Any], ...]
    relations: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class PloverItem:
    id: str
    text: str
    label: str  # as written in the gold
    type: str  # current PLOVER
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    triggers: tuple[str, ...]


@dataclass(frozen=True)
class PetrarchItem:
    id: str
    text: str
    cameo: tuple[str, ...]  # gold CAMEO codes; empty for a "no event" sentence
    types: tuple[str, ...]  # their PLOVER types (codes with no PLOVER counterpart dropped)


@dataclass(frozen=True)
class LocationItem:
    id: str
    text: str
    verbs: tuple[str, ...]
    places: tuple[str, ...]


Item = GoldDocument | PloverItem | PetrarchItem | LocationItem
T = TypeVar("T", GoldDocument, PloverItem, PetrarchItem, LocationItem)


@dataclass(frozen=True)
class GoldSet:
    """``kind``: documents, plover, petrarch or location."""

    name: str
    kind: str
    source: str
    items: tuple[Item, ...]

    def sample(self, n: int | None) -> "GoldSet":
        """A deterministic sample of ``n`` items (ordered by a hash of their ids)."""
        if n is None or n >= len(self.items):
            return self
        ranked = sorted(self.items, key=lambda item: hashlib.sha1(item.id.encode()).hexdigest())
        return replace(self, items=tuple(ranked[:n]))

    def items_of(self, kind: type[T]) -> list[T]:
        """The items, each checked to be a ``kind`` (the record type the scorer reads)."""
        wrong = [item for item in self.items if not isinstance(item, kind)]
        if wrong:
            raise TypeError(f"gold set {self.name}: expected {kind.__name__} items, got {wrong[0]!r}")
        return list(self.items)  # type: ignore[arg-type]


# ------------------------------------------------------------------ reading helpers


def read_json(path: Path, what: str) -> Any:
    if not path.is_file():
        raise InputError(str(path), f"{what} not found; put the file there or point --shared (SITROOM_SHARED) at your copy")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"{what} is not valid JSON: {exc}") from exc


def read_documents(path: Path, options: Options, published: date | None = None) -> dict[str, Document]:
    """Documents of an article file, by source id (read as ``sitroom ingest`` reads them)."""
    if not path.is_file():
        raise InputError(str(path), "article text not found; put it there or point --shared (SITROOM_SHARED) at your copy")
    found: dict[str, Document] = {}
    for item in read_sources([str(path)], options, published=published):
        if isinstance(item, SitroomError):
            raise item
        found[item.source_id] = item
    return found


def _need(data: Any, keys: Sequence[str], where: str) -> None:
    missing = [k for k in keys if not isinstance(data, Mapping) or k not in data]
    if missing:
        raise InputError(where, f"missing field(s) {', '.join(missing)}")


# ------------------------------------------------------------------ document sets


def seed_format(gold_path: Path, options: Options, name: str = "seed") -> GoldSet:
    """A gold file in the seed shape: {document: {file, published}, events, relations...}."""
    gold = read_json(gold_path, "gold file")
    _need(gold, ("document", "events"), str(gold_path))
    published = date.fromisoformat(gold["document"]["published"]) if gold["document"].get("published") else None
    text_path = gold_path.parent / gold["document"].get("file", "")
    docs = read_documents(text_path, options, published)
    relations = tuple(tuple(r) for r in gold.get("relations_that_must_be_found", ()))
    item = GoldDocument(name, next(iter(docs.values())), tuple(gold["events"]), relations)  # type: ignore[arg-type]
    return GoldSet(name, "documents", str(gold_path), (item,))


def samples_format(gold_path: Path, options: Options, name: str = "samples") -> GoldSet:
    """{documents: [{id, events}]} over ``articles.jsonl`` beside the gold file."""
    gold = read_json(gold_path, "gold file")
    _need(gold, ("documents",), str(gold_path))
    docs = read_documents(gold_path.parent / "articles.jsonl", options)
    items = []
    for entry in gold["documents"]:
        _need(entry, ("id", "events"), f"{gold_path}: document {entry.get('id', '?')}")
        if entry["id"] not in docs:
            raise InputError(str(gold_path), f"document {entry['id']} is not in {gold_path.parent / 'articles.jsonl'}")
        items.append(GoldDocument(entry["id"], docs[entry["id"]], tuple(entry["events"])))
    return GoldSet(name, "documents", str(gold_path), tuple(items))


def devset_dir() -> Path:
    return Path(str(resources.files("sitroom") / "data" / "devset" / "voa"))


def devset_files(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not files:
        raise InputError(str(folder), "no development-set files (<story id>.json); see docs/annotation-guideline.md")
    return files


def read_annotation(path: Path) -> dict[str, Any]:
    data = read_json(path, "annotation file")
    _need(data, ("story_id", "split", "events"), str(path))
    if data["split"] not in SPLITS:
        raise InputError(str(path), f"split must be one of {', '.join(SPLITS)}, not {data['split']!r}")
    return data


def devset(files: Iterable[Path], split: str | None, shared: Path, options: Options) -> GoldSet:
    """Annotations of one split (None: every file) over the VOA story texts."""
    files = list(files)
    notes = [(p, read_annotation(p)) for p in files]
    stories = read_documents(shared / VOA_STORIES, options)
    items = []
    for path, note in notes:
        if split is not None and note["split"] != split:
            continue
        story = stories.get(str(note["story_id"]))
        if story is None:
            raise InputError(str(path), f"story {note['story_id']} is not in {shared / VOA_STORIES}")
        items.append(GoldDocument(str(note["story_id"]), story, tuple(note["events"])))
    source = str(files[0].parent) if len(files) > 1 else str(files[0])
    return GoldSet(split or files[0].stem, "documents", source, tuple(items))


# ------------------------------------------------------------------ sentence sets


def _actor_texts(actors: Any) -> tuple[str, ...]:
    return tuple(a["actorText"] for a in actors or () if isinstance(a, Mapping) and a.get("actorText"))


def _markup(record: Mapping[str, Any]) -> str:
    info = record.get("textInfo")
    return str(info.get("markup", "")) if isinstance(info, Mapping) else str(info or "")


def plover_item(record: Mapping[str, Any], types: TypeMap, where: str) -> PloverItem:
    label = str(record["event"])
    current = types.plover(label)
    if current is None:
        raise InputError(where, f"record {record['id']}: unknown PLOVER label {label!r}; add it to old_labels in cameo_plover.json")
    triggers = tuple(t for t in _EVT.findall(_markup(record)) if t)
    return PloverItem(str(record["id"]), record["text"], label, current, _actor_texts(record.get("source")),
                      _actor_texts(record.get("target")), triggers)


def plover_set(path: Path, types: TypeMap, name: str = "plover") -> GoldSet:
    records = read_json(path, "PLOVER gold file")
    items = tuple(plover_item(r, types, str(path)) for r in records if r.get("text") and r.get("event"))
    return GoldSet(name, "plover", str(path), items)


def petrarch_set(path: Path, types: TypeMap, name: str = "petrarch") -> GoldSet:
    items = []
    for record in read_json(path, "PETRARCH gold file"):
        _need(record, ("id", "text", "eventcodings"), f"{path}: record {record.get('id', '?')}")
        if not str(record["text"]).strip():
            continue  # one record has a coding but no sentence: nothing to score
        codes = tuple(str(c["eventcode"]) for c in record["eventcodings"] if c.get("eventcode"))
        mapped = tuple(dict.fromkeys(t for t in map(types.from_cameo, codes) if t))
        items.append(PetrarchItem(str(record["id"]), record["text"], codes, mapped))
    return GoldSet(name, "petrarch", str(path), tuple(items))


def location_set(path: Path, name: str = "event-location") -> GoldSet:
    """Sentences with at least one gold place (the others are not scored)."""
    items = []
    for record in read_json(path, "event-location gold file"):
        _need(record, ("_id", "text", "verb", "locations"), f"{path}: record {record.get('_id', '?')}")
        places = tuple(loc["text"] for loc in record["locations"] if loc.get("text"))
        if places:
            items.append(LocationItem(str(record["_id"]).strip(), record["text"], tuple(record["verb"]), places))
    return GoldSet(name, "location", str(path), tuple(items))


# ------------------------------------------------------------------ resolving names and paths


def load(spec: str, shared: Path, options: Options, types: TypeMap) -> list[GoldSet]:
    """The gold set(s) a named set or a file path stands for."""
    if spec in NAMED:
        return [_named(spec, shared, options, types)]
    path = Path(spec).expanduser()
    if path.is_dir():
        return [devset(devset_files(path), s, shared, options) for s in SPLITS]
    if not path.is_file():
        raise InputError(spec, f"not a gold file and not a named set ({', '.join(NAMED)})")
    return [_by_shape(path, read_json(path, "gold file"), shared, options, types)]


def _named(name: str, shared: Path, options: Options, types: TypeMap) -> GoldSet:
    if name == "seed":
        return seed_format(shared / "seed" / "seed-gold.json", options)
    if name == "samples":
        return samples_format(Path(str(resources.files("sitroom") / "data" / "samples" / "gold.json")), options)
    if name in SPLITS:
        return devset(devset_files(devset_dir()), name, shared, options)
    path = shared / SENTENCE_FILES[name]
    if name == "plover":
        return plover_set(path, types)
    return petrarch_set(path, types) if name == "petrarch" else location_set(path)


def _by_shape(path: Path, data: Any, shared: Path, options: Options, types: TypeMap) -> GoldSet:
    name = path.stem
    if isinstance(data, Mapping):
        if "story_id" in data:
            return devset([path], None, shared, options)
        if "documents" in data:
            return samples_format(path, options, name)
        if "document" in data and "events" in data:
            return seed_format(path, options, name)
    if isinstance(data, list) and data and isinstance(data[0], Mapping):
        keys = set().union(*(d.keys() for d in data if isinstance(d, Mapping)))
        if "eventcodings" in keys:
            return petrarch_set(path, types, name)
        if "verb" in keys and "locations" in keys:
            return location_set(path, name)
        if "event" in keys:
            return plover_set(path, types, name)
    raise InputError(str(path), "unrecognised gold file shape (expected seed, samples, devset, PLOVER, PETRARCH or event-location JSON)")
