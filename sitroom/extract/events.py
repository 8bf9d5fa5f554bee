"""Document -> EventReports: triggers per sentence, one draft per mention, merged
within the document, then frozen into records with ids, mappings and evidence."""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from ..records import Claim, DateRange, Document, EventReport, Location, Span
from .anchors import anchor_places, default_targets, story_places
from .casualties import find_casualties
from .context import DocContext, Resources, build_context
from .dates import find_dates
from .mentions import Draft, drafts_for
from .merge import merge_drafts
from .triggers import find_triggers


def extract_events(document: Document, doc: Doc, res: Resources) -> tuple[list[EventReport], DocContext]:
    """Every event report in one parsed document, in text order."""
    ctx = build_context(document, doc, res, find_dates(document.text, document.published))
    drafts: list[Draft] = []
    for index, sentence in enumerate(doc.sents):
        triggers = find_triggers(sentence, res.lexicon)
        if not triggers:
            continue
        casualties = find_casualties(sentence, res.lexicon.cues)
        for trigger in triggers:
            drafts.extend(drafts_for(trigger, sentence, index, triggers, casualties, ctx))
    for draft in drafts:
        draft.aggregate = _recurring(draft.sentence.text, res.lexicon.cues.recurring_phrases)
    merged = merge_drafts(drafts, res.kb)
    anchor_places(merged, ctx)
    story_places(merged, ctx)
    default_targets(merged, ctx)
    reports = [_freeze(d, ctx) for d in merged]
    return reports, ctx


def _freeze(draft: Draft, ctx: DocContext) -> EventReport:
    lex = ctx.res.lexicon
    acled = lex.acled_for(draft.event_type, draft.mode, draft.outcome)
    location = _location(draft, ctx)
    return EventReport(
        id=_event_id(ctx.document.id, draft, location),
        document=ctx.document,
        event_type=draft.event_type,
        trigger=draft.trigger,
        sentence=draft.sentence,
        mode=draft.mode,
        acled_event_type=acled[0] if acled else None,
        acled_sub_event_type=acled[1] if acled else None,
        actor=draft.actor.ref if draft.actor else None,
        target=draft.target.ref if draft.target else None,
        location=location,
        date=_with_text(draft.date, draft.date_span),
        weapons=tuple(name for name, _ in draft.weapons),
        outcome=draft.outcome,
        intercepted_by=(draft.intercepted_by.ref.name or draft.intercepted_by.ref.text) if draft.intercepted_by else None,
        fatalities=draft.fatalities,
        injured=draft.injured,
        claim=_claim(draft),
        modality=draft.modality,
        confidence=_confidence(draft, location),
        evidence=_evidence(draft),
    )


def _location(draft: Draft, ctx: DocContext) -> Location | None:
    if draft.place is not None:
        return Location.from_place(draft.place.tokens.text, draft.place.place)
    if draft.place_fallback is not None:
        _, span = draft.place_fallback
        place = ctx.res.gazetteer.country(span.text.removeprefix("the ").strip())
        if place is not None:
            return Location.from_place(span.text, place)
    return None


def _claim(draft: Draft) -> Claim:
    claimed_by = draft.claim.claimed_by
    name = (claimed_by.ref.name or claimed_by.ref.text) if claimed_by else None
    return Claim(status=draft.claim.status, claimed_by=name, sources=draft.claim.sources)


def _with_text(date: DateRange, span: Span | None) -> DateRange:
    return DateRange(date.start, date.end, date.precision, span.text if span else date.text)


def _evidence(draft: Draft) -> dict[str, Span]:
    evidence: dict[str, Span] = {"event_type": draft.trigger}
    for name, fill in (("actor", draft.actor), ("target", draft.target), ("intercepted_by", draft.intercepted_by)):
        if fill is not None:
            evidence[name] = fill.span
    if draft.place is not None:
        evidence["location"] = Span(draft.place.start, draft.place.end, draft.place.tokens.text)
    elif draft.place_fallback is not None:
        evidence["location"] = draft.place_fallback[1]
    if draft.date_span is not None:
        evidence["date"] = draft.date_span
    if draft.weapons:
        evidence["weapons"] = draft.weapons[0][1]
    if draft.claim.evidence is not None:
        evidence["claim"] = draft.claim.evidence
    if draft.outcome:
        evidence["outcome"] = draft.trigger
    evidence.update(draft.casualty_spans)
    return evidence


def _recurring(sentence: str, phrases: frozenset[str]) -> bool:
    lower = sentence.lower()
    return any(phrase in lower for phrase in phrases)


def _confidence(draft: Draft, location: Location | None) -> float:
    score = draft.weight
    score += 0.1 if draft.actor and draft.actor.ref.id else 0.0
    score += 0.05 if draft.target and draft.target.ref.id else 0.0
    score += 0.1 if location is not None else 0.0
    score += 0.05 if draft.date.precision == "day" else 0.0
    if not draft.modality.factual:
        score -= 0.2
    return max(0.05, min(0.99, score))


def _event_id(document_id: str, draft: Draft, location: Location | None) -> str:
    key = f"{document_id}|{draft.trigger.start}|{draft.event_type}|{location.gazetteer_id if location else ''}"
    return "ev-" + hashlib.sha256(key.encode()).hexdigest()[:16]

