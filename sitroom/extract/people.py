"""Who speaks for whom: people named in a document, tied to the actor they act for.

News names officials by title ('Turkish Defense Minister Hulusi Akar', 'UNICEF Executive
Director Catherine Russell', "Pakistan's interior minister, Mohsin Naqvi") or by
apposition ('Abdul-Malik al-Houthi, the leader of the Houthi movement'), then by surname
alone ('Akar said') or 'he'/'she'. A person is resolved to the state or organisation
named in the title or apposition; later mentions of the same surname follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from spacy.tokens import Span as SpacySpan, Token

from ..knowledge.actors import ActorKB
from ..nlp import doc_text
from ..records import Actor
from .context import ActorMention, DocContext

BACKED = ("-backed", "-aligned", "-allied", "-linked", "-funded", "-sponsored", "-supported")


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    actor: Actor


def find_people(ctx: DocContext) -> list[PersonMention]:
    """Every PERSON entity whose affiliation the text gives, and later surname mentions."""
    found: list[PersonMention] = []
    by_surname: dict[str, Actor] = {}
    for ent in ctx.doc.ents:
        if ent.label_ != "PERSON" or _known_person(ent, ctx):
            continue
        actor = _title_actor(ent, ctx) or _apposition_actor(ent, ctx)
        surname = ent[-1].text.lower()
        if actor is None:
            actor = by_surname.get(surname)
        else:
            by_surname[surname] = actor
        if actor is not None:
            found.append(PersonMention(ent.start_char, ent.end_char, actor))
    return found


def _known_person(ent: SpacySpan, ctx: DocContext) -> bool:
    return any(m.start <= ent.start_char < m.end and m.actor.kind == "person" for m in ctx.actors)


def _title_actor(ent: SpacySpan, ctx: DocContext) -> Actor | None:
    """'Turkish Defense Minister Hulusi Akar', 'U.S. Secretary of State Marco Rubio'."""
    left = ent.root.left_edge.i
    if left >= ent.start:
        return None
    prefix = ctx.doc[left: ent.start]
    return _actor_in(prefix, ctx) or _demonym_actor(prefix, ctx)


def _apposition_actor(ent: SpacySpan, ctx: DocContext) -> Actor | None:
    """'Abdul-Malik al-Houthi, the leader of Yemen's Houthi movement'."""
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i > ent.end - 1:
            phrase = ctx.doc[child.left_edge.i: child.right_edge.i + 1]
            actor = _actor_in(phrase, ctx) or _demonym_actor(phrase, ctx)
            if actor is not None:
                return actor
    return None


def _actor_in(phrase: SpacySpan, ctx: DocContext) -> Actor | None:
    usable = [m for m in ctx.actors_in(phrase.start_char, phrase.end_char) if not _backer(m, ctx)]
    organisations = [m for m in usable if m.actor.kind != "person"]
    if organisations:
        return organisations[-1].actor  # the head-most (rightmost) name: 'Yemen's Houthi movement'
    return None


def _backer(mention: ActorMention, ctx: DocContext) -> bool:
    after = doc_text(ctx.doc)[mention.end: mention.end + 12].lower()
    return after.startswith(BACKED)


def _demonym_actor(phrase: SpacySpan, ctx: DocContext) -> Actor | None:
    return demonym_state([t for t in phrase if t.pos_ in ("ADJ", "PROPN", "NOUN")], ctx)


def demonym_state(tokens: Iterable[Token], ctx: DocContext) -> Actor | None:
    """The state the first demonym among ``tokens`` names ('Turkish' -> Turkey)."""
    for token in tokens:
        code = ctx.res.gazetteer.demonym(token.text)
        actor = state_actor(code, ctx) if code else None
        if actor is not None:
            return actor
    return None


def state_actor(country: str, ctx: DocContext) -> Actor | None:
    """The state actor of an ISO3 country code."""
    return _states(ctx.res.kb).get(country)


@lru_cache(maxsize=8)
def _states(kb: ActorKB) -> dict[str, Actor]:
    states: dict[str, Actor] = {}
    for actor in kb.actors.values():
        if actor.kind == "state" and actor.country:
            states.setdefault(actor.country, actor)
    return states


def person_at(token: Token, people: list[PersonMention]) -> PersonMention | None:
    return next((p for p in people if p.start <= token.idx < p.end), None)
