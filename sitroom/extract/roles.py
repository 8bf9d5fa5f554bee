"""Who did it and to whom: actor and target phrases from the dependency parse,
resolved to the actor knowledge base (aliases, demonyms, 'the group' / 'it')."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..records import Actor, ActorRef, Span
from .context import ActorMention, DocContext

BACKING_SUFFIXES = ("-backed", "-aligned", "-allied", "-linked", "-funded", "-sponsored", "-supported", "-affiliated")
PROXY_HEADS = frozenset({"proxy", "ally", "affiliate", "partner", "backer", "sponsor", "client", "patron"})
PRONOUNS = frozenset({"it", "its"})
PLACE_HEADS = frozenset({"target", "position", "site", "base", "facility", "area", "post", "interest"})
PHRASE_DEPS = frozenset({"compound", "amod", "poss", "appos", "conj", "nmod", "pobj", "case", "cc", "det", "npadvmod", "punct"})
GROUP_NOUNS = frozenset({"group", "militia", "movement", "organization", "organisation", "faction", "militant"})


@dataclass(frozen=True)
class RoleFill:
    """An actor or target as found: the reference and the words it came from."""

    ref: ActorRef
    span: Span


def resolve_phrase(head: Token, ctx: DocContext) -> RoleFill | None:
    """The actor a noun phrase names, e.g. 'the Iranian regime-backed Houthis in Yemen'."""
    doc = ctx.doc
    phrase = doc[head.left_edge.i: head.right_edge.i + 1]
    kb = ctx.res.kb
    candidates = [m for m in ctx.actors_in(phrase.start_char, phrase.end_char) if _names_phrase(m, head)]
    if candidates:
        best = min(candidates, key=lambda m: _distance(m, head))
        return _fill(_organisation(best.actor, ctx), best.tokens.text, best.start, best.end, ctx)
    if head.lower_ in ("they", "them", "their", "he", "she", "him", "her", "we", "i", "you"):
        return None
    if head.lower_ in PRONOUNS or (head.lemma_ in GROUP_NOUNS and _is_definite(head)):
        prior = ctx.last_group_before(head.idx)
        if prior is not None:
            return _fill(prior.actor, _np_text(head), head.idx, head.idx + len(head.text), ctx)
        return None
    state = _demonym_state(head, ctx)
    if state is not None:
        span = doc[head.left_edge.i: head.i + 1]
        return _fill(state, span.text, span.start_char, span.end_char, ctx)
    nested = [m for m in ctx.actors_in(phrase.start_char, phrase.end_char) if _names_phrase_loosely(m)]
    if nested:  # 'a base used by US troops': the troops' state
        return _fill(_organisation(nested[0].actor, ctx), nested[0].tokens.text, nested[0].start, nested[0].end, ctx)
    if head.pos_ in ("NOUN", "PROPN") and head.lower_ not in PRONOUNS:
        text = _np_text(head)
        span = doc[head.left_edge.i: head.i + 1]
        ref = kb.ref(text, None)
        return RoleFill(ref, Span(span.start_char, span.end_char, span.text))
    return None


def _names_phrase(mention: ActorMention, head: Token) -> bool:
    """The mention names the phrase's own actor: not a backer or proxy-owner, and not
    inside a clause hanging on the head."""
    return _names_phrase_loosely(mention) and _inside_phrase(mention.tokens.root, head)


def _names_phrase_loosely(mention: ActorMention) -> bool:
    """Not a backer ('Iran-backed') and not a possessor of proxies."""
    root = mention.tokens.root
    after = root.doc.text[mention.end: mention.end + 12].lower()
    if after.startswith(BACKING_SUFFIXES) or after.startswith(tuple(x.lstrip("-") for x in BACKING_SUFFIXES)):
        return False
    return not (root.dep_ in ("poss", "amod") and root.head.lemma_ in PROXY_HEADS)


def _organisation(actor: Actor, ctx: DocContext) -> Actor:
    """A person acts for the group they lead: 'the Houthi leader warned' codes the Houthis."""
    if actor.kind != "person":
        return actor
    for relation in ctx.res.kb.relations_of(actor.id, "leads"):
        led = ctx.res.kb.actors.get(relation.object)
        if led is not None and relation.valid_to is None:
            return led
    return actor


def _inside_phrase(token: Token, head: Token) -> bool:
    """True when ``token`` belongs to the noun phrase of ``head`` itself, not to a clause
    hanging on it ('forces fighting ISIS' does not name ISIS)."""
    for _ in range(12):
        if token.i == head.i:
            return True
        if token.dep_ not in PHRASE_DEPS and not _of_or_in(token, head):
            return False
        token = token.head
    return False


def _distance(mention: ActorMention, head: Token) -> int:
    """Prefer the mention that is the head itself, then the closest to it in the tree."""
    root = mention.tokens.root
    depth = 0
    token = root
    while token.i != head.i and token.head.i != token.i and depth < 20:
        token = token.head
        depth += 1
    penalty = 0 if token.i == head.i else 50
    if root.dep_ == "poss":
        penalty += 5
    return depth + penalty


def _of_or_in(token: Token, head: Token) -> bool:
    """'representatives of Hamas' names Hamas; 'targets in Israel' names Israel."""
    if token.dep_ != "prep":
        return False
    return token.lower_ == "of" or (token.lower_ == "in" and token.head.i == head.i and head.lemma_ in PLACE_HEADS)


def _is_definite(token: Token) -> bool:
    return any(c.lower_ in ("the", "this", "that") or c.lemma_ == "same" for c in token.children)


def _demonym_state(head: Token, ctx: DocContext) -> Actor | None:
    gaz = ctx.res.gazetteer
    for child in head.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < head.i:
            code = gaz.demonym(child.text)
            if code:
                actor = _state_actor(code, ctx)
                if actor is not None:
                    return actor
    return None


def _state_actor(country: str, ctx: DocContext) -> Actor | None:
    for actor in ctx.res.kb.actors.values():
        if actor.kind == "state" and actor.country == country:
            return actor
    return None


def _np_text(head: Token) -> str:
    span = head.doc[head.left_edge.i: head.i + 1]
    words = [t.text_with_ws for t in span if t.dep_ not in ("det", "poss") or t.i == head.i]
    return "".join(words).strip()


def _fill(actor: Actor, text: str, start: int, end: int, ctx: DocContext) -> RoleFill:
    return RoleFill(ctx.res.kb.ref(text, actor), Span(start, end, ctx.document.text[start:end]))
