"""The event lexicon, cue words and the PLOVER -> ACLED mapping, loaded from data files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any, Mapping

from ..errors import KnowledgeError


@dataclass(frozen=True)
class TriggerEntry:
    """How one trigger word codes an event."""

    type: str
    mode: str | None = None
    interception: bool = False
    needs_weapon: bool = False
    needs_object_or_weapon: bool = False
    needs_complement: bool = False
    needs_object: tuple[str, ...] = ()
    excludes_object: tuple[str, ...] = ()  # 'struck a deal' is no attack
    needs_verb: bool = False  # a noun that counts only with a verb that makes it happen
    needs_party: bool = False  # a subject naming a party ('the court allowed ...', not 'it allows ...')
    object_types: tuple[tuple[str, str], ...] = ()  # object lemma -> type ('establish ties': SUPPORT)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "TriggerEntry":
        return cls(
            type=data["type"], mode=data.get("mode"),
            interception=bool(data.get("interception")),
            needs_weapon=bool(data.get("needs_weapon")),
            needs_object_or_weapon=bool(data.get("needs_object_or_weapon")),
            needs_complement=bool(data.get("needs_complement")),
            needs_object=tuple(data.get("needs_object") or ()),
            excludes_object=tuple(data.get("excludes_object") or ()),
            needs_verb=bool(data.get("needs_verb")),
            needs_party=bool(data.get("needs_party")),
            object_types=tuple((data.get("object_types") or {}).items()),
        )


@dataclass(frozen=True)
class Cues:
    """Word lists for claims, sources, modality and casualties (see cues.json)."""

    words: Mapping[str, frozenset[str]]

    def __getattr__(self, name: str) -> frozenset[str]:
        try:
            return self.words[name]
        except KeyError as exc:
            raise AttributeError(name) from exc


@dataclass(frozen=True)
class Lexicon:
    verbs: Mapping[str, TriggerEntry]
    nouns: Mapping[str, TriggerEntry]
    light_verbs: frozenset[str]
    enabling_verbs: frozenset[str]
    demand_modals: frozenset[str]  # 'X said Iraq must cooperate' is a demand
    demand_heads: frozenset[str]  # the words of saying such a clause hangs from
    party_nouns: frozenset[str]  # nouns that name a party besides officials and roles ('court', 'parliament')
    undoing_verbs: frozenset[str]  # 'lifted the curfew': the object is no event of its own
    deferring_verbs: frozenset[str]  # 'postponed the rally': the object has not happened (yet)
    demand_not_acts: frozenset[str]  # 'they should know that ...' asks for no act
    demand_not_speakers: frozenset[str]  # texts and commentators: 'the law says ...', 'analysts said ...'
    demand_words: frozenset[str]  # words whose 'that' clause is demanded ('demanded that Israel ease')
    weapons: Mapping[str, str]
    mode_precedence: tuple[str, ...]
    cues: Cues
    acled: Mapping[str, tuple[str, str]]
    roles: Mapping[str, str]  # head noun -> generic actor category ('people' -> 'civilians')

    @classmethod
    def load(cls) -> "Lexicon":
        lex = _read_json("lexicon.json")
        cues = _read_json("cues.json")
        acled = _read_json("acled_map.json")
        roles = _read_json("roles.json")["categories"]
        return cls(
            verbs={k: TriggerEntry.from_dict(v) for k, v in lex["verbs"].items()},
            nouns={k: TriggerEntry.from_dict(v) for k, v in lex["nouns"].items()},
            light_verbs=frozenset(lex["light_verbs"]),
            enabling_verbs=frozenset(lex["enabling_verbs"]),
            demand_modals=frozenset(lex["demand"]["modals"]),
            demand_heads=frozenset(lex["demand"]["heads"]),
            demand_words=frozenset(lex["demand"]["words"]),
            demand_not_acts=frozenset(lex["demand"]["not_acts"]),
            demand_not_speakers=frozenset(lex["demand"]["not_speakers"]),
            undoing_verbs=frozenset(lex["undoing_verbs"]),
            deferring_verbs=frozenset(lex.get("deferring_verbs") or ()),
            party_nouns=frozenset(lex["party_nouns"]),
            weapons=dict(lex["weapons"]),
            mode_precedence=tuple(lex["mode_precedence"]),
            cues=Cues({k: frozenset(v) for k, v in cues.items() if isinstance(v, list)}),
            acled={k: (v[0], v[1]) for k, v in acled["map"].items()},
            roles={word: name for name, words in roles.items() for word in words},
        )

    def acled_for(self, event_type: str, mode: str | None, outcome: str | None) -> tuple[str, str] | None:
        """The ACLED (event type, sub-event type) for a PLOVER type, most specific key first."""
        for key in (f"{event_type}|{outcome}", f"{event_type}|{mode}", event_type):
            if key in self.acled:
                return self.acled[key]
        return None

    def role_category(self, *words: str) -> str | None:
        """The generic actor category of a head noun, e.g. 'villagers' -> 'civilians'."""
        return next((self.roles[w] for w in words if w in self.roles), None)

    def mode_for(self, weapon_modes: set[str]) -> str | None:
        """The mode implied by the weapons named; drones alone give 'drone'."""
        for mode in self.mode_precedence:
            if mode in weapon_modes:
                return mode
        return None


def _read_json(name: str) -> dict[str, Any]:
    path = resources.files("sitroom.knowledge") / "data" / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KnowledgeError(f"cannot read knowledge file {name}: {exc}") from exc
