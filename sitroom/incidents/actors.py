"""Which two known actors may be named for one incident.

Two actor ids are compatible when they are equal, belong to the same state, or one is
linked to the other by a knowledge relation whose predicate is in the rules'
``actor_links`` (part_of, allied_with, backed_by, leads), directly or through
part_of ancestors. Only shipped/user knowledge counts, never relations found in
text, so the answer does not depend on which articles were read first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

from ..records import Actor, Relation


@dataclass(frozen=True)
class ActorGraph:
    kinds: Mapping[str, str] = field(default_factory=dict)
    links: Mapping[str, frozenset[str]] = field(default_factory=dict)  # actor -> linked ids
    parents: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # part_of objects
    _cache: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, actors: Iterable[Actor], relations: Iterable[Relation],
              predicates: Iterable[str]) -> "ActorGraph":
        wanted = set(predicates)
        links: dict[str, set[str]] = {}
        parents: dict[str, list[str]] = {}
        for rel in relations:
            if rel.source != "knowledge":
                continue
            if rel.predicate == "part_of":
                parents.setdefault(rel.subject, []).append(rel.object)
            if rel.predicate in wanted:
                links.setdefault(rel.subject, set()).add(rel.object)
                links.setdefault(rel.object, set()).add(rel.subject)
        return cls(
            kinds={a.id: a.kind for a in actors},
            links={k: frozenset(v) for k, v in links.items()},
            parents={k: tuple(v) for k, v in parents.items()},
        )

    def family(self, actor_id: str) -> frozenset[str]:
        """The actor, its part_of ancestors, and every actor linked to one of them."""
        if actor_id not in self._cache:
            lineage = self._lineage(actor_id)
            linked = {other for member in lineage for other in self.links.get(member, ())}
            self._cache[actor_id] = frozenset(lineage) | frozenset(linked)
        return self._cache[actor_id]

    def state(self, actor_id: str) -> str | None:
        for member in self._lineage(actor_id):
            if self.kinds.get(member) == "state":
                return member
        return None

    def compatible(self, a: str | None, b: str | None) -> bool:
        """Unknown (None) matches anything; two known actors must be related."""
        if a is None or b is None or a == b:
            return True
        if b in self.family(a) or a in self.family(b):
            return True
        state = self.state(a)
        return state is not None and state == self.state(b)

    def _lineage(self, actor_id: str) -> list[str]:
        seen, queue = [actor_id], [actor_id]
        while queue:
            for parent in self.parents.get(queue.pop(0), ()):
                if parent not in seen:
                    seen.append(parent)
                    queue.append(parent)
        return seen
