"""The actor knowledge base: actors, their aliases and their relations.

The shipped file ``knowledge/data/actors.json`` is read first; the user's file (the
``actors_file`` setting) is merged over it. Both have the same format::

    {"actors": [{"id": "houthis", "name": "Houthis", "kind": "non-state armed group",
                 "country": "YEM", "aliases": ["Ansar Allah", ...],
                 "relations": [{"predicate": "backed_by", "object": "iran",
                                "valid_from": null, "valid_to": null, "note": "..."}]}]}

Merging: a user actor with a new id is added; one with an existing id overrides the
fields it gives, adds its aliases and adds (or replaces, same predicate and object)
its relations. Where a user alias is also a shipped alias of another actor, the
user's meaning wins.

Matching normalises case, diacritics, apostrophe and dash variants, hyphen versus
space, a leading "the", a possessive "'s" and a plural "s". Short all-capital
acronyms ("US", "IS", "KH") match only in capitals.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator, Mapping

from ..errors import KnowledgeError
from ..records import Actor, ActorRef, Relation
from ..settings import Options

__all__ = ["ActorKB", "PREDICATES", "SHIPPED_ACTORS_FILE", "normalise"]

SHIPPED_ACTORS_FILE = Path(__file__).resolve().parent / "data" / "actors.json"
PREDICATES: tuple[str, ...] = ("backed_by", "part_of", "leads", "allied_with")

_ACTOR_KEYS = frozenset({"id", "name", "kind", "country", "aliases", "demonyms", "description", "relations"})
_RELATION_KEYS = frozenset({"predicate", "object", "valid_from", "valid_to", "note"})
_ID = re.compile(r"^[a-z0-9][a-z0-9._:-]*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = "'’‘ʼʻʾʿ`´′"
_DASHES = "‐‑‒–—―−"
_LEADING = ("the",)
_END = ""  # trie key holding the actors whose alias ends at that node


class _CharMap(dict):
    """``str.translate`` table mapping each non-ASCII character to exactly one
    character (so offsets are preserved): base letter without diacritics, "'" for
    apostrophe variants, "-" for dash variants. Filled lazily."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _APOSTROPHES:
            out = "'"
        elif char in _DASHES:
            out = "-"
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            out = base if len(base) == 1 else char
        self[code] = out
        return out


def _fold(text: str, charmap: _CharMap) -> tuple[str, str]:
    """(normalised text with case kept, lowercased), both the length of ``text``."""
    norm = text if text.isascii() else text.translate(charmap)
    low = norm.lower()
    if len(low) != len(norm):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in norm)
    return norm, low


def normalise(text: str) -> str:
    """The matching key of a name: lowercase words without diacritics, space-joined."""
    _, low = _fold(text, _CharMap())
    return " ".join(_WORD.findall(low))


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return 0 < len(letters) <= 3 and all(c.isupper() for c in letters)


# ------------------------------------------------------------------ file reading


@dataclass
class _Entry:
    """One actor as read from a file, before merging."""

    data: dict[str, Any]
    path: Path
    user_aliases: list[str] = field(default_factory=list)


def _fail(path: Path, where: str, problem: str) -> KnowledgeError:
    return KnowledgeError(f"{path}: {where}: {problem}")


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError(
            f"{path}: actor file not found; check the actors_file setting (SITROOM_ACTORS_FILE)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot read actor file: {exc}") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise KnowledgeError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc


def _check_date(path: Path, where: str, value: Any) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _fail(path, where, f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def _check_relation(path: Path, where: str, rel: Any) -> None:
    if not isinstance(rel, dict):
        raise _fail(path, where, "a relation must be an object")
    unknown = set(rel) - _RELATION_KEYS
    if unknown:
        raise _fail(path, where, f"unknown keys {sorted(unknown)}; allowed: {sorted(_RELATION_KEYS)}")
    if rel.get("predicate") not in PREDICATES:
        raise _fail(path, where, f"predicate {rel.get('predicate')!r} is not one of {', '.join(PREDICATES)}")
    if not isinstance(rel.get("object"), str) or not rel["object"]:
        raise _fail(path, where, "'object' must be an actor id")
    start = _check_date(path, where, rel.get("valid_from"))
    end = _check_date(path, where, rel.get("valid_to"))
    if start and end and start > end:
        raise _fail(path, where, f"valid_from {start} is after valid_to {end}")
    if not isinstance(rel.get("note", ""), str):
        raise _fail(path, where, "'note' must be a string")


def _check_actor(path: Path, index: int, data: Any) -> None:
    if not isinstance(data, dict):
        raise _fail(path, f"actor #{index}", "each actor must be an object")
    where = f"actor #{index} ({data.get('id')!r})"
    if not isinstance(data.get("id"), str) or not _ID.match(data["id"]):
        raise _fail(path, where, "'id' must be a lowercase slug such as 'kataib-hizballah'")
    unknown = set(data) - _ACTOR_KEYS
    if unknown:
        raise _fail(path, where, f"unknown keys {sorted(unknown)}; allowed: {sorted(_ACTOR_KEYS)}")
    for key in ("name", "kind", "description"):
        if key in data and data[key] is not None and not (isinstance(data[key], str) and data[key].strip()):
            raise _fail(path, where, f"{key!r} must be a non-empty string")
    country = data.get("country")
    if country is not None and not (isinstance(country, str) and _ISO3.match(country)):
        raise _fail(path, where, f"country {country!r} is not an ISO 3166 alpha-3 code such as 'IRQ'")
    for key in ("aliases", "demonyms"):
        names = data.get(key, [])
        if not isinstance(names, list) or not all(isinstance(a, str) and normalise(a) for a in names):
            raise _fail(path, where, f"{key!r} must be a list of non-empty strings")
    relations = data.get("relations", [])
    if not isinstance(relations, list):
        raise _fail(path, where, "'relations' must be a list")
    for number, rel in enumerate(relations, 1):
        _check_relation(path, f"{where} relation #{number}", rel)


def _check_unique(path: Path, actors: list[dict[str, Any]]) -> None:
    """No id twice in one file; no alias naming two actors in one file."""
    ids: set[str] = set()
    owners: dict[tuple[str, bool], str] = {}
    for data in actors:
        if data["id"] in ids:
            raise _fail(path, f"actor {data['id']!r}", "id used twice in this file")
        ids.add(data["id"])
        for alias in [data.get("name") or "", *data.get("aliases", [])]:
            if not alias:
                continue
            key = (normalise(alias) if not _is_acronym(alias) else alias, _is_acronym(alias))
            other = owners.setdefault(key, data["id"])
            if other != data["id"]:
                raise _fail(path, f"actor {data['id']!r}", f"alias {alias!r} also names actor {other!r}")


def _read_file(path: Path) -> list[dict[str, Any]]:
    raw = _read_json(path)
    actors = raw.get("actors") if isinstance(raw, dict) else raw
    if not isinstance(actors, list):
        raise KnowledgeError(f"{path}: expected an object with an 'actors' list")
    for index, data in enumerate(actors, 1):
        _check_actor(path, index, data)
    _check_unique(path, actors)
    return actors


def _merge(entries: dict[str, _Entry], actors: list[dict[str, Any]], path: Path) -> None:
    """Merge one (user) file's actors into ``entries``, in place."""
    for data in actors:
        entry = entries.get(data["id"])
        if entry is None:
            entries[data["id"]] = _Entry(dict(data), path, list(data.get("aliases", [])))
            continue
        old = entry.data
        merged = {**old, **{k: v for k, v in data.items() if k not in ("aliases", "relations")}}
        new_aliases = [a for a in data.get("aliases", []) if a not in old.get("aliases", [])]
        merged["aliases"] = [*old.get("aliases", []), *new_aliases]
        merged["demonyms"] = [*old.get("demonyms", []), *data.get("demonyms", [])]
        new_rels = data.get("relations", [])
        replaced = {(r["predicate"], r["object"]) for r in new_rels}
        kept = [r for r in old.get("relations", []) if (r["predicate"], r["object"]) not in replaced]
        merged["relations"] = [*kept, *new_rels]
        entries[data["id"]] = _Entry(merged, path, [*entry.user_aliases, *new_aliases])


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _relation(subject: Actor, rel: Mapping[str, Any], objects: Mapping[str, Actor]) -> Relation:
    return Relation(
        subject=subject.id, predicate=rel["predicate"], object=rel["object"],
        subject_name=subject.name, object_name=objects[rel["object"]].name,
        valid_from=_date(rel.get("valid_from")), valid_to=_date(rel.get("valid_to")),
        source="knowledge",
    )


def _demonyms(entries: dict[str, _Entry]) -> dict[str, str]:
    return {normalise(word): actor_id for actor_id, e in entries.items() for word in e.data.get("demonyms", [])}


def _build(entries: dict[str, _Entry]) -> tuple[dict[str, Actor], tuple[Relation, ...]]:
    actors: dict[str, Actor] = {}
    for actor_id, entry in entries.items():
        for key in ("name", "kind"):
            if not entry.data.get(key):
                raise _fail(entry.path, f"actor {actor_id!r}", f"missing {key!r}")
        actors[actor_id] = Actor.from_dict(entry.data)
    relations = []
    for actor_id, entry in entries.items():
        for rel in entry.data.get("relations", []):
            if rel["object"] not in actors:
                problem = f"relation {rel['predicate']} names unknown actor {rel['object']!r}"
                raise _fail(entry.path, f"actor {actor_id!r}", problem)
            if rel["object"] == actor_id:
                raise _fail(entry.path, f"actor {actor_id!r}", f"relation {rel['predicate']} points to itself")
            relations.append(_relation(actors[actor_id], rel, actors))
    _check_cycles(entries, relations)
    return actors, tuple(relations)


def _check_cycles(entries: dict[str, _Entry], relations: list[Relation]) -> None:
    parents: dict[str, list[str]] = {}
    for rel in relations:
        if rel.predicate == "part_of":
            parents.setdefault(rel.subject, []).append(rel.object)
    for actor_id in parents:
        stack, seen = list(parents[actor_id]), set()
        while stack:
            current = stack.pop()
            if current == actor_id:
                raise _fail(entries[actor_id].path, f"actor {actor_id!r}", "part_of relations form a cycle")
            if current not in seen:
                seen.add(current)
                stack.extend(parents.get(current, ()))


# ------------------------------------------------------------------ the KB


class ActorKB:
    """Actors, aliases and relations, with fast alias matching."""

    def __init__(self, actors: Mapping[str, Actor], relations: tuple[Relation, ...],
                 late_aliases: Mapping[str, tuple[str, ...]] | None = None,
                 demonyms: Mapping[str, str] | None = None) -> None:
        """``late_aliases``: aliases indexed last, so they win over earlier ones (the
        user's). ``demonyms``: normalised adjective -> state id ("iranian" -> "iran")."""
        self.actors: Mapping[str, Actor] = MappingProxyType(dict(actors))
        self.relations: tuple[Relation, ...] = relations
        self._demonyms = dict(demonyms or {})
        self._charmap = _CharMap()
        self._trie: dict[str, Any] = {}
        self._out: dict[str, list[Relation]] = {}
        for rel in relations:
            self._out.setdefault(rel.subject, []).append(rel)
        for actor in self.actors.values():
            for alias in (actor.name, *actor.aliases):
                self._index(alias, actor.id)
        for actor_id, aliases in (late_aliases or {}).items():
            for alias in aliases:
                self._index(alias, actor_id)

    @classmethod
    def load(cls, options: Options | None = None) -> "ActorKB":
        """The shipped actors, with ``options.actors_file`` (if set) merged over them."""
        entries = {d["id"]: _Entry(d, SHIPPED_ACTORS_FILE) for d in _read_file(SHIPPED_ACTORS_FILE)}
        if options is not None and options.actors_file:
            path = Path(options.actors_file).expanduser()
            _merge(entries, _read_file(path), path)
        actors, relations = _build(entries)
        late = {i: tuple(e.user_aliases) for i, e in entries.items() if e.user_aliases}
        return cls(actors, relations, late, _demonyms(entries))

    # -------------------------------------------------------------- indexing

    def _index(self, alias: str, actor_id: str) -> None:
        norm, low = _fold(alias, self._charmap)
        spans = [m.span() for m in _WORD.finditer(low)]
        node = self._trie
        for start, end in spans:
            node = node.setdefault(low[start:end], {})
        payload = node.setdefault(_END, {})
        if _is_acronym(alias):
            payload[tuple(norm[s:e] for s, e in spans)] = actor_id
        else:
            payload[None] = actor_id

    def _ancestors(self, actor_id: str) -> Iterator[str]:
        """part_of parents, grandparents, ... breadth first, each once."""
        queue, seen = [actor_id], {actor_id}
        while queue:
            current = queue.pop(0)
            for rel in self._out.get(current, ()):
                if rel.predicate == "part_of" and rel.object not in seen:
                    seen.add(rel.object)
                    queue.append(rel.object)
                    yield rel.object

    # -------------------------------------------------------------- matching

    @staticmethod
    def _accept(payload: Mapping[Any, str] | None, exact: tuple[str, ...]) -> str | None:
        if not payload:
            return None
        return payload.get(exact) or payload.get(None)

    def _walk(self, low: str, norm: str, spans: list[tuple[int, int]], i: int) -> tuple[int, str] | None:
        """Longest alias starting at word ``i``: (index of its last word, actor id)."""
        node, best = self._trie, None
        for j in range(i, len(spans)):
            start, end = spans[j]
            word = low[start:end]
            child, plural = node.get(word), False
            if child is None and len(word) > 3 and word.endswith("s"):  # plural of an alias' last word
                child, plural, end = node.get(word[:-1]), True, end - 1
            if child is None:
                break
            if _END in child:
                exact = tuple(norm[s:e] for s, e in spans[i:j]) + (norm[start:end],)
                found = self._accept(child[_END], exact)
                if found:
                    best = (j, found)
            if plural:
                break
            node = child
        return best

    def find(self, text: str) -> list[tuple[int, int, Actor]]:
        """All non-overlapping, leftmost-longest alias matches: (start, end, actor),
        character offsets into ``text``. A possessive "'s" is not part of the match."""
        norm, low = _fold(text, self._charmap)
        spans = [m.span() for m in _WORD.finditer(low)]
        found: list[tuple[int, int, Actor]] = []
        i = 0
        while i < len(spans):
            match = self._walk(low, norm, spans, i)
            if match is None:
                i += 1
                continue
            last, actor_id = match
            found.append((spans[i][0], spans[last][1], self.actors[actor_id]))
            i = last + 1
        return found

    def lookup(self, text: str) -> Actor | None:
        """The actor the whole of ``text`` names, or None."""
        norm, low = _fold(text.strip(), self._charmap)
        spans = [m.span() for m in _WORD.finditer(low)]
        if spans and low[spans[0][0]:spans[0][1]] in _LEADING and len(spans) > 1:
            spans = spans[1:]
        if len(spans) > 1 and low[spans[-1][0]:spans[-1][1]] == "s" and norm[spans[-1][0] - 1] == "'":
            spans = spans[:-1]  # possessive 's
        if not spans:
            return None
        words = [low[s:e] for s, e in spans]
        exact = tuple(norm[s:e] for s, e in spans)
        for variant in _number_variants(words[-1]):
            node: Mapping[str, Any] | None = self._trie
            for word in [*words[:-1], variant]:
                node = node.get(word) if node else None
            exact_variant = exact[:-1] + (variant if variant != words[-1] else exact[-1],)
            found = self._accept(node.get(_END) if node else None, exact_variant)
            if found:
                return self.actors[found]
        return None

    def demonym(self, word: str) -> Actor | None:
        """The state an adjective of nationality names ("Iranian" -> Iran), or None.
        Demonyms are not aliases: ``find`` and ``lookup`` do not use them."""
        actor_id = self._demonyms.get(normalise(word))
        return self.actors.get(actor_id) if actor_id else None

    # -------------------------------------------------------------- relations

    def relations_of(self, actor_id: str, predicate: str | None = None) -> tuple[Relation, ...]:
        """The relations whose subject is ``actor_id`` (optionally of one predicate)."""
        return tuple(r for r in self._out.get(actor_id, ()) if predicate in (None, r.predicate))

    def backers(self, actor_id: str, on: date | None = None) -> tuple[str, ...]:
        """Names of the actor's backers and those of the groups it is part of.
        With ``on``, only relations valid on that date count."""
        names: list[str] = []
        for current in (actor_id, *self._ancestors(actor_id)):
            for rel in self.relations_of(current, "backed_by"):
                if _valid(rel, on) and rel.object_name not in names:
                    names.append(rel.object_name or rel.object)
        return tuple(names)

    def parent_state(self, actor_id: str) -> str | None:
        """Id of the state the actor belongs to through part_of (itself if a state)."""
        for current in (actor_id, *self._ancestors(actor_id)):
            actor = self.actors.get(current)
            if actor is not None and actor.kind == "state":
                return actor.id
        return None

    def ref(self, text: str, actor: Actor | None = None) -> ActorRef:
        """An ActorRef for a mention; resolves ``text`` itself when no actor is given."""
        actor = actor or self.lookup(text)
        if actor is None:
            return ActorRef(text=text)
        return ActorRef(
            text=text, id=actor.id, name=actor.name, kind=actor.kind,
            country=actor.country, backers=self.backers(actor.id),
        )


def _valid(rel: Relation, on: date | None) -> bool:
    if on is None:
        return True
    return (rel.valid_from is None or rel.valid_from <= on) and (rel.valid_to is None or on <= rel.valid_to)


def _number_variants(word: str) -> tuple[str, ...]:
    """The word, then its singular or plural forms ("houthis" -> "houthi")."""
    if word.endswith("ies") and len(word) > 4:
        return (word, word[:-3] + "y", word[:-1])
    if word.endswith("es") and len(word) > 4:
        return (word, word[:-1], word[:-2])
    if word.endswith("s") and len(word) > 3:
        return (word, word[:-1])
    return (word, word + "s", word + "es")
