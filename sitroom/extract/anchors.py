"""Places carried by the thing an event creates or acts on.

'The IRGC has formed a joint operations room ...' gives no place, but a later
'... joined the operations room in southern Lebanon' does: the same object (head
noun and its compounds) placed elsewhere in the document places the event too.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..records import Span
from .context import DocContext, PlaceMention
from .mentions import Draft
from .people import state_actor
from .places import LOCATIVE, loose_place
from .roles import RoleFill

ANCHOR_TYPES = frozenset({"COOPERATE", "MOBILIZE", "AGREE", "CONSULT"})
PHYSICAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST"})
NEAR_SENTENCES = 3


def anchor_places(drafts: list[Draft], ctx: DocContext) -> None:
    for draft in drafts:
        if draft.place is None and draft.place_fallback is None and draft.event_type in ANCHOR_TYPES:
            obj = _object(draft, ctx)
            if obj is not None:
                draft.place = _placed_elsewhere(obj, ctx)


def _object(draft: Draft, ctx: DocContext) -> Token | None:
    span = ctx.doc.char_span(draft.trigger.start, draft.trigger.end)
    if span is None:
        return None
    return next((c for c in span.root.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _key(token: Token) -> tuple[str, ...]:
    compounds = [c.lemma_.lower() for c in token.children if c.dep_ == "compound"]
    return (*compounds, token.lemma_.lower())


def _placed_elsewhere(obj: Token, ctx: DocContext) -> PlaceMention | None:
    key = _key(obj)
    if len(key) < 2:
        return None  # a bare 'room' or 'force' is too vague to follow
    for token in ctx.doc:
        if token.i == obj.i or token.pos_ != "NOUN" or _key(token) != key:
            continue
        for place in ctx.places:
            prep = place.root.head
            if place.root.dep_ == "pobj" and prep.lower_ in LOCATIVE and prep.head.i in (token.i, token.head.i):
                return place
    return None


def story_places(drafts: list[Draft], ctx: DocContext) -> None:
    """An attack, arrest or deployment that the parse does not place happened at a place
    its sentence names in passing, else where the story is: at the place of a placed event
    a few sentences before, else (an arrest by a state's agency) in that state, else in
    the country the story names most (country precision, evidence at its first mention)."""
    placed = [d for d in drafts if d.place is not None and not d.place_weak]
    country = _main_country(ctx)
    for draft in drafts:
        if draft.place is not None or draft.place_fallback is not None:
            continue
        near = [d for d in placed if 0 <= draft.sent_index - d.last_sent <= NEAR_SENTENCES and d.event_type == draft.event_type]
        if draft.event_type not in PHYSICAL_TYPES:
            draft.place = loose_place(ctx.places_in(draft.sentence.start, draft.sentence.end), ctx) or _venue(draft, ctx) or (
                near[-1].place if near else _seat(country, ctx))
            continue
        draft.place = loose_place(ctx.places_in(draft.sentence.start, draft.sentence.end), ctx)
        if draft.place is not None:
            continue
        draft.place = near[-1].place if near else _seat(_home_country(draft, ctx), ctx) or country


def _seat(mention: PlaceMention | None, ctx: DocContext) -> PlaceMention | None:
    """A country's own statements, decisions and arrests come from its seat of government:
    the country, pinned at its capital rather than its geographic centre."""
    if mention is None or mention.place.precision != "country" or mention.place.country is None:
        return mention
    capital = ctx.res.gazetteer.capital(mention.place.country)
    if capital is None:
        return mention
    return replace(mention, place=replace(mention.place, lat=capital.lat, lon=capital.lon))


def _venue(draft: Draft, ctx: DocContext) -> PlaceMention | None:
    """A statement or meeting of a body that meets in one place ('a meeting of the UN
    Security Council') with no place of its own happened there."""
    for mention in ctx.actors_in(draft.sentence.start, draft.sentence.end):
        place = ctx.res.gazetteer.venue(mention.actor.id)
        if place is not None:
            return PlaceMention(mention.start, mention.end, place, mention.tokens)
    return None


def _home_country(draft: Draft, ctx: DocContext) -> PlaceMention | None:
    """An arrest or seizure by a state's own agency ('the Moroccan counterterror agency
    broke up a cell') happened in that state, at country precision."""
    actor = draft.actor
    if draft.event_type != "COERCE" or actor is None or not actor.ref.country or actor.ref.kind == "person":
        return None
    place = ctx.res.gazetteer.country(actor.ref.country)
    span = ctx.doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
    return PlaceMention(actor.span.start, actor.span.end, place, span) if place is not None and span is not None else None


def _main_country(ctx: DocContext) -> PlaceMention | None:
    """The country the story names most, at country precision; evidence at its first
    mention as a place, else as an actor, else as a demonym."""
    code = ctx.main_country
    place = ctx.res.gazetteer.country(code) if code else None
    if place is None:
        return None
    spans = [m.tokens for m in ctx.places if m.place.country == code]
    spans = spans or [a.tokens for a in ctx.actors if a.actor.kind == "state" and a.actor.country == code]
    spans = spans or [e for e in ctx.doc.ents if e.label_ == "NORP" and ctx.res.gazetteer.demonym(e.text) == code]
    first = min(spans, key=lambda t: t.start_char)
    return PlaceMention(first.start_char, first.end_char, place, first)


def default_targets(drafts: list[Draft], ctx: DocContext) -> None:
    """Targets the text implies but does not name. A denial answers the latest accusation
    against the denier ('Iran denied any involvement' after 'Israel accused Iran'). Projectiles shot down with no target
    named were aimed at the side that shot them down ('US forces shot down two drones').
    A projectile fired from one country that lands in another hit that other state ('a
    rocket fired from Lebanon ... in the Israeli town of Kiryat Shmona')."""
    for draft in drafts:
        if draft.target is None and draft.event_type == "REJECT":
            draft.target = _accuser(draft, drafts)
        if draft.target is not None or draft.event_type != "ASSAULT":
            continue
        if draft.outcome == "intercepted" and draft.intercepted_by is not None and draft.intercepted_by.ref.id:
            draft.target = draft.intercepted_by
            continue
        place = draft.place.place if draft.place is not None and not draft.place_weak else None
        if place is not None and draft.origin and place.country and place.country != draft.origin and draft.weapons:
            state = state_actor(place.country, ctx)
            if state is not None:
                draft.target = RoleFill(ctx.res.kb.ref(state.name, state), Span(draft.place.start, draft.place.end, draft.place.tokens.text))


def _accuser(denial: Draft, drafts: list[Draft]) -> RoleFill | None:
    """The actor of the latest accusation before ``denial`` aimed at the denier."""
    denier = denial.actor.ref.id if denial.actor is not None else None
    if denier is None:
        return None
    accusations = [
        d for d in drafts
        if d.event_type == "ACCUSE" and d.sent_index <= denial.sent_index and d.actor is not None
        and d.target is not None and d.target.ref.id == denier and d.actor.ref.id != denier
    ]
    return max(accusations, key=lambda d: d.sent_index).actor if accusations else None
