"""Who did it and to whom: actor and target phrases from the dependency parse,
resolved to the actor knowledge base (aliases, demonyms, 'the group' / 'it')."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

from ..nlp import doc_text
from ..records import Actor, ActorRef, Span
from .context import GROUP_KINDS, ActorMention, DocContext, PlaceMention
from .people import demonym_state, person_at, state_actor

BACKING_SUFFIXES = ("-backed", "-aligned", "-allied", "-linked", "-funded", "-sponsored", "-supported", "-affiliated")
PROXY_HEADS = frozenset({"proxy", "ally", "affiliate", "partner", "backer", "sponsor", "client", "patron"})
PRONOUNS = frozenset({"it", "its"})
PLACE_HEADS = frozenset({"target", "position", "site", "base", "facility", "area", "post", "interest"})
PHRASE_DEPS = frozenset({"compound", "amod", "poss", "appos", "conj", "nmod", "pobj", "case", "cc", "det", "npadvmod", "punct"})
REPORT_LEMMAS = frozenset({"say", "claim", "announce", "report", "state", "add", "tell", "confirm", "acknowledge", "insist", "admit"})
STATE_ORGANS = frozenset({"government", "military", "army", "junta", "authority", "authorities", "regime", "administration"})
PEOPLE_CATEGORIES = frozenset({"civilians", "protesters", "journalists", "migrants"})
STATE_KINDS = frozenset({"state", "state military", "police", "government"})
GROUP_NOUNS = frozenset({"group", "militia", "movement", "organization", "organisation", "faction", "militant"})


@dataclass(frozen=True)
class RoleFill:
    """An actor or target as found: the reference and the words it came from."""

    ref: ActorRef
    span: Span


NOBODY = RoleFill(ActorRef(text=""), Span(0, 0, ""))  # a phrase that names no actor: stop looking


def resolve_phrase(head: Token, ctx: DocContext) -> RoleFill | None:
    """The actor a noun phrase names, e.g. 'the Iranian regime-backed Houthis in Yemen':
    a known actor named in it, else whom it refers to (a pronoun, a person, 'the
    government', 'its fighters'), else what it describes ('Turkish troops', 'civilians')."""
    for step in (_named, _referring, _owned, _described):
        found = step(head, ctx)
        if found is not None:
            return None if found is NOBODY else found
    return None


def resolve_target(head: Token, ctx: DocContext) -> RoleFill | None:
    """Like ``resolve_phrase``, but a known person named as the one acted on stays that
    person: 'a court sentenced X' targets X, not the party X leads."""
    named = _named(head, ctx, keep_person=True)
    return named if named is not None else resolve_phrase(head, ctx)


def _named(head: Token, ctx: DocContext, keep_person: bool = False) -> RoleFill | None:
    phrase = ctx.doc[head.left_edge.i: head.right_edge.i + 1]
    candidates = [m for m in ctx.actors_in(phrase.start_char, phrase.end_char) if _names_phrase(m, head) and not _home_state(m, head)]
    if not candidates:
        return None
    best = min(candidates, key=lambda m: _distance(m, head))
    actor = best.actor if keep_person else _organisation(best.actor, ctx)
    return _fill(actor, best.tokens.text, best.start, best.end, ctx)


def _referring(head: Token, ctx: DocContext) -> RoleFill | None:
    """Pronouns and people: 'X said it ...', 'he', a person named with a title."""
    speaker_subject = _reporting_subject(head)
    if speaker_subject is not None:  # 'the Pakistan military said it killed 33 militants'
        found = resolve_phrase(speaker_subject, ctx)
        if found is not None and found.ref.id is not None:
            return RoleFill(found.ref, Span(head.idx, head.idx + len(head.text), head.text))
    if head.lower_ in ("he", "she", "his", "her"):
        speaker = _last_person(head, ctx)
        if speaker is None:
            return NOBODY
        return _fill(_organisation(speaker, ctx), head.text, head.idx, head.idx + len(head.text), ctx)
    person = person_at(head, ctx.people)
    if person is not None:
        return _fill(person.actor, _np_text(head), person.start, person.end, ctx)
    return NOBODY if head.lower_ in ("they", "them", "their", "him", "her", "we", "i", "you") else None


def _owned(head: Token, ctx: DocContext) -> RoleFill | None:
    """'the government' of the story's country, "the group's spokesman", 'it', 'the group'."""
    organ = _state_organ(head, ctx)
    if organ is not None:
        span = ctx.doc[head.left_edge.i: head.i + 1]
        return _fill(organ, span.text, span.start_char, span.end_char, ctx)
    principal = _principal(head, ctx)
    if principal is not None:
        return principal
    possessor = _child_dep(head, "poss")
    if possessor is not None and head.lemma_.lower() not in PROXY_HEADS:
        owner = resolve_phrase(possessor, ctx)
        if owner is not None and owner.ref.id is not None:
            return owner
    if head.lower_ in PRONOUNS or (head.lemma_ in GROUP_NOUNS and is_definite(head)):
        prior = ctx.last_group_before(head.idx)
        return _fill(prior.actor, _np_text(head), head.idx, head.idx + len(head.text), ctx) if prior else NOBODY
    return None


def _described(head: Token, ctx: DocContext) -> RoleFill | None:
    """'Israeli ships' (a state), 'at least five people' (civilians), 'a base used by US
    troops' (the troops' state), else the words themselves."""
    span = ctx.doc[head.left_edge.i: head.i + 1]
    category = ctx.res.lexicon.role_category(head.lemma_.lower(), head.lower_)
    state = _demonym_state(head, ctx) if category not in PEOPLE_CATEGORIES else None
    if state is not None:
        return _fill(state, span.text, span.start_char, span.end_char, ctx)
    if category is not None:
        return RoleFill(ActorRef(text=_np_text(head), name=category), Span(span.start_char, span.end_char, span.text))
    phrase = ctx.doc[head.left_edge.i: head.right_edge.i + 1]
    nested = [m for m in ctx.actors_in(phrase.start_char, phrase.end_char) if _names_phrase_loosely(m) and not _home_state(m, head)]
    if nested:
        return _fill(_organisation(nested[0].actor, ctx), nested[0].tokens.text, nested[0].start, nested[0].end, ctx)
    if head.pos_ in ("NOUN", "PROPN") and head.lower_ not in PRONOUNS:
        return RoleFill(ctx.res.kb.ref(_np_text(head), None), Span(span.start_char, span.end_char, span.text))
    return None


def _principal(head: Token, ctx: DocContext) -> RoleFill | None:
    """Whom a speaker speaks for: 'a spokesman for the Afghan president', 'an envoy of Qatar'."""
    if head.lemma_.lower() not in ctx.res.lexicon.cues.speaker_nouns:
        return None
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "of")):
        whom = _child_dep(prep, "pobj")
        found = resolve_phrase(whom, ctx) if whom is not None else None
        if found is not None and found.ref.id is not None:
            return found
    return None


def _reporting_subject(head: Token) -> Token | None:
    """For a pronoun subject of a reported clause, the reporter: in 'X said it ...',
    'X said its (his) forces ...' and '"I urge ...," he said', X (or he)."""
    subject = head.head if head.dep_ == "poss" and head.lower_ in ("its", "their", "his", "her", "our", "my") else head
    if subject.i == head.i and head.lower_ not in ("it", "they", "we", "he", "she", "i"):
        return None
    if subject.dep_ != "nsubj":
        return None
    clause = subject.head
    if clause.dep_ != "ccomp" or clause.head is clause:
        return None
    reporter = clause.head
    if reporter.lemma_.lower() not in REPORT_LEMMAS:
        return None
    subject = _child_dep(reporter, "nsubj")
    if subject is None or subject.i == head.i:
        return None
    return subject if subject.pos_ != "PRON" or subject.lower_ in ("he", "she") else None


def _state_organ(head: Token, ctx: DocContext) -> Actor | None:
    """'the government', 'the military', 'the junta', 'security forces' with no owner
    named: the state the story is about (its most mentioned country)."""
    modifiers = [c for c in head.children if c.i < head.i and c.dep_ in ("poss", "compound", "amod", "nmod")]
    words = " ".join([c.lemma_.lower() for c in modifiers] + [head.lemma_.lower()])
    if words in ctx.res.lexicon.cues.state_force_phrases:  # 'security forces', 'the officials'
        if any(c.dep_ == "det" and c.lower_ not in ("the",) for c in head.children):
            return None
    elif head.lemma_.lower() not in STATE_ORGANS or not is_definite(head) or modifiers:
        return None
    code = ctx.main_country
    return state_actor(code, ctx) if code else None


def _home_state(mention: ActorMention, head: Token) -> bool:
    """'armed factions in Iraq' are groups based in Iraq, not the Iraqi state."""
    root = mention.tokens.root
    return (
        mention.actor.kind == "state" and head.lemma_.lower() in GROUP_NOUNS | {"faction", "fighter", "rebel", "insurgent"}
        and root.dep_ == "pobj" and root.head.lower_ in ("in", "from") and root.head.head.i == head.i
    )


def owner_of(head: Token, ctx: DocContext) -> RoleFill | None:
    """Whose weapon or unit a phrase names: "Hizbullah's drones", 'Russian warplanes'."""
    for child in head.children:
        if child.i < head.i and child.dep_ in ("poss", "compound", "amod", "nmod"):
            if ctx.actors_in(child.idx, child.idx + len(child.text)) or child.lemma_ in GROUP_NOUNS or child.lower_ in PRONOUNS:
                return resolve_phrase(child, ctx)
    state = _demonym_state(head, ctx)
    if state is None:
        return None
    span = head.doc[head.left_edge.i: head.i]
    return _fill(state, span.text, span.start_char, span.end_char, ctx)


def reciprocal_order(actor: RoleFill | None, target: RoleFill | None) -> tuple[RoleFill | None, RoleFill | None]:
    """The two sides of a mutual act ('Israel traded fire with Hizbullah', 'troops clashed
    with militants'), ordered by the guideline's convention: an armed group facing a state
    or its forces is the actor, the state the target; otherwise the text's order stands."""
    if actor is not None and target is not None and _state_side(actor.ref) and _group_side(target.ref):
        return target, actor
    return actor, target


def exchange_border(actor: RoleFill | None, target: RoleFill | None, places: list[PlaceMention], sentence: SpacySpan,
                    ctx: DocContext) -> PlaceMention | None:
    """Where a mutual exchange between sides from two neighbouring countries happens when
    the text names no more than countries: their shared border, if the gazetteer knows it
    ('Israel traded fire with Hizbullah in Lebanon' -> the Israel-Lebanon border)."""
    if actor is None or target is None or any(p.place.precision != "country" for p in places):
        return None
    codes = {actor.ref.country, target.ref.country}
    states = [state_actor(c, ctx) for c in codes if c]
    if len(codes) != 2 or len(states) != 2 or None in states:
        return None
    first, second = (s.name for s in states if s is not None)
    border = ctx.res.gazetteer.resolve(f"{first}-{second} border") or ctx.res.gazetteer.resolve(f"{second}-{first} border")
    if border is None or border.feature != "border":
        return None
    named = ctx.places_in(sentence.start_char, sentence.end_char)
    words = [t for t in sentence if t.lemma_.lower() == "border"] or [p.tokens.root for p in named if p.place.country in codes]
    if not words:
        return None
    span = sentence.doc[words[0].i: words[0].i + 1]
    return PlaceMention(span.start_char, span.end_char, border, span)


def _state_side(ref: ActorRef) -> bool:
    return ref.kind in STATE_KINDS or (ref.id is None and ref.name == "police")


def _group_side(ref: ActorRef) -> bool:
    return ref.kind in GROUP_KINDS or (ref.id is None and ref.name == "militants")


def _names_phrase(mention: ActorMention, head: Token) -> bool:
    """The mention names the phrase's own actor: not a backer or proxy-owner, and not
    inside a clause hanging on the head."""
    return _names_phrase_loosely(mention) and _inside_phrase(mention.tokens.root, head)


def _names_phrase_loosely(mention: ActorMention) -> bool:
    """Not a backer ('Iran-backed') and not a possessor of proxies."""
    root = mention.tokens.root
    after = doc_text(root.doc)[mention.end: mention.end + 12].lower()
    if after.startswith(BACKING_SUFFIXES) or after.startswith(tuple(x.lstrip("-") for x in BACKING_SUFFIXES)):
        return False
    return not (root.dep_ in ("poss", "amod") and root.head.lemma_ in PROXY_HEADS)


def _organisation(actor: Actor, ctx: DocContext) -> Actor:
    """A person acts for the group they lead: 'the Houthi leader warned' codes the Houthis."""
    if actor.kind != "person":
        return actor
    day = ctx.published
    for relation in ctx.res.kb.relations_of(actor.id, "leads"):
        led = ctx.res.kb.actors.get(relation.object)
        if led is None:
            continue
        if day is None and relation.valid_to is None:
            return led
        if day is not None and (relation.valid_from or day) <= day and (relation.valid_to is None or day <= relation.valid_to):
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


def is_definite(token: Token) -> bool:
    """'the attack', 'this strike', 'the same group': a phrase that refers back."""
    return any((c.dep_ == "det" and c.lower_ in ("the", "this", "that")) or c.lemma_ == "same" for c in token.children)


def _demonym_state(head: Token, ctx: DocContext) -> Actor | None:
    """'Turkish troops', 'Pakistani security forces personnel': a demonym modifying the
    head, or a compound noun before it, names the state."""
    before = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i]
    nested = [g for c in before if c.dep_ == "compound" for g in c.children if g.dep_ in ("amod", "compound", "nmod") and g.i < c.i]
    return demonym_state(before + nested, ctx)


def _last_person(head: Token, ctx: DocContext) -> Actor | None:
    """The person 'he' or 'she' most likely is: the latest one named shortly before."""
    known = ctx.last_person_before(head.idx)
    named = [p for p in ctx.people if p.end <= head.idx and head.idx - p.end <= 600]
    if named and (known is None or named[-1].end > known.end):
        return named[-1].actor
    return known.actor if known is not None else None


def _child_dep(token: Token, dep: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == dep), None)


def _np_text(head: Token) -> str:
    span = head.doc[head.left_edge.i: head.i + 1]
    words = [t.text_with_ws for t in span if t.dep_ not in ("det", "poss") or t.i == head.i]
    return "".join(words).strip()


def _fill(actor: Actor, text: str, start: int, end: int, ctx: DocContext) -> RoleFill:
    return RoleFill(ctx.res.kb.ref(text, actor), Span(start, end, ctx.document.text[start:end]))
