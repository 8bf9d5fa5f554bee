"""Typed, frozen records passed between pipeline stages.

Every record has ``as_dict()`` (JSON-ready, field names of the record contract in
DESIGN.md) and ``from_dict()`` (its inverse). Stages pass these records, never
nested dicts.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
CLAIM_STATUSES: tuple[str, ...] = (
    "asserted", "reported", "claimed", "alleged", "unconfirmed", "denied", "confirmed",
)
DATE_PRECISIONS: tuple[str, ...] = ("day", "range", "month", "year", "unknown")
PLACE_PRECISIONS: tuple[str, ...] = ("point", "town", "region", "country")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _parse_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class Span:
    """A character range [start, end) in a document's text, with the text it covers."""

    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Span":
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(frozen=True)
class Document:
    """One article: its body text and metadata. ``id`` is derived from the content."""

    id: str
    source_id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    byline: str | None = None
    captions: tuple[str, ...] = ()
    content_hash: str = ""

    def as_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "source_id": self.source_id,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "published": _iso(self.published),
        }
        if with_text:
            data.update(
                text=self.text, byline=self.byline, captions=list(self.captions),
                content_hash=self.content_hash,
            )
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Document":
        return cls(
            id=data["id"], source_id=data.get("source_id") or data["id"],
            text=data.get("text", ""), title=data.get("title"), url=data.get("url"),
            outlet=data.get("outlet"), published=_parse_date(data.get("published")),
            byline=data.get("byline"), captions=tuple(data.get("captions") or ()),
            content_hash=data.get("content_hash", ""),
        )


@dataclass(frozen=True)
class ActorRef:
    """An actor as mentioned in a report, resolved (when possible) to the knowledge base."""

    text: str
    id: str | None = None
    name: str | None = None
    kind: str | None = None
    country: str | None = None
    backers: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["backers"] = list(self.backers)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ActorRef":
        return cls(
            text=data.get("text", ""), id=data.get("id"), name=data.get("name"),
            kind=data.get("kind"), country=data.get("country"),
            backers=tuple(data.get("backers") or ()),
        )


@dataclass(frozen=True)
class Place:
    """A gazetteer entry."""

    id: str
    name: str
    lat: float
    lon: float
    country: str | None  # ISO3, None for seas and international waters
    admin1: str | None
    precision: str  # point / town / region / country
    feature: str  # city, country, admin1, sea, strait, base, crossing, region, ...
    population: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Place":
        return cls(**{f.name: data.get(f.name) for f in dataclasses.fields(cls)})


@dataclass(frozen=True)
class Location:
    """Where a report places its event: the words used and the resolved place."""

    text: str
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    precision: str | None = None
    gazetteer_id: str | None = None

    @classmethod
    def from_place(cls, text: str, place: Place) -> "Location":
        return cls(
            text=text, name=place.name, lat=place.lat, lon=place.lon, country=place.country,
            admin1=place.admin1, precision=place.precision, gazetteer_id=place.id,
        )

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Location":
        return cls(**{f.name: data.get(f.name) for f in dataclasses.fields(cls)})


@dataclass(frozen=True)
class DateRange:
    """A calendar range with its precision and the words it came from.

    ``start``/``end`` are None when the date could not be resolved (for example a
    relative date in a document with no known publication date).
    """

    start: date | None = None
    end: date | None = None
    precision: str = "unknown"
    text: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": _iso(self.start), "end": _iso(self.end),
            "precision": self.precision, "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "DateRange":
        return cls(
            start=_parse_date(data.get("start")), end=_parse_date(data.get("end")),
            precision=data.get("precision") or "unknown", text=data.get("text"),
        )


@dataclass(frozen=True)
class Count:
    """A number of people, exact (low == high) or a range the text gives."""

    low: int
    high: int

    def as_json(self) -> int | list[int]:
        return self.low if self.low == self.high else [self.low, self.high]

    @classmethod
    def from_json(cls, value: Any) -> "Count | None":
        if value is None:
            return None
        if isinstance(value, (list, tuple)):
            return cls(int(value[0]), int(value[1]))
        return cls(int(value), int(value))


@dataclass(frozen=True)
class Claim:
    status: str = "asserted"
    claimed_by: str | None = None
    sources: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "claimed_by": self.claimed_by, "sources": list(self.sources)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Claim":
        return cls(
            status=data.get("status") or "asserted", claimed_by=data.get("claimed_by"),
            sources=tuple(data.get("sources") or ()),
        )


@dataclass(frozen=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False

    @property
    def factual(self) -> bool:
        return not (self.negated or self.hypothetical or self.future)

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Modality":
        return cls(**{k: bool(data.get(k, False)) for k in ("negated", "hypothetical", "future")})


@dataclass(frozen=True)
class EventReport:
    """One incident as mentioned in one document (the record contract of DESIGN.md)."""

    id: str
    document: Document
    event_type: str
    trigger: Span
    sentence: Span
    mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor: ActorRef | None = None
    target: ActorRef | None = None
    location: Location | None = None
    date: DateRange = field(default_factory=DateRange)
    weapons: tuple[str, ...] = ()
    outcome: str | None = None
    intercepted_by: str | None = None
    fatalities: Count | None = None
    injured: Count | None = None
    claim: Claim = field(default_factory=Claim)
    modality: Modality = field(default_factory=Modality)
    confidence: float = 0.5
    evidence: Mapping[str, Span] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document": self.document.as_dict(),
            "event_type": self.event_type,
            "mode": self.mode,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "actor": self.actor.as_dict() if self.actor else None,
            "target": self.target.as_dict() if self.target else None,
            "location": self.location.as_dict() if self.location else None,
            "date": self.date.as_dict(),
            "weapons": list(self.weapons),
            "outcome": self.outcome,
            "intercepted_by": self.intercepted_by,
            "fatalities": self.fatalities.as_json() if self.fatalities else None,
            "injured": self.injured.as_json() if self.injured else None,
            "claim": self.claim.as_dict(),
            "modality": self.modality.as_dict(),
            "confidence": round(self.confidence, 3),
            "trigger": self.trigger.as_dict(),
            "sentence": self.sentence.as_dict(),
            "evidence": {name: span.as_dict() for name, span in self.evidence.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], document: Document | None = None) -> "EventReport":
        def opt(key: str, loader: Any) -> Any:
            value = data.get(key)
            return loader(value) if value else None

        return cls(
            id=data["id"],
            document=document or Document.from_dict(data["document"]),
            event_type=data["event_type"],
            trigger=Span.from_dict(data["trigger"]),
            sentence=Span.from_dict(data["sentence"]),
            mode=data.get("mode"),
            acled_event_type=data.get("acled_event_type"),
            acled_sub_event_type=data.get("acled_sub_event_type"),
            actor=opt("actor", ActorRef.from_dict),
            target=opt("target", ActorRef.from_dict),
            location=opt("location", Location.from_dict),
            date=DateRange.from_dict(data.get("date") or {}),
            weapons=tuple(data.get("weapons") or ()),
            outcome=data.get("outcome"),
            intercepted_by=data.get("intercepted_by"),
            fatalities=Count.from_json(data.get("fatalities")),
            injured=Count.from_json(data.get("injured")),
            claim=Claim.from_dict(data.get("claim") or {}),
            modality=Modality.from_dict(data.get("modality") or {}),
            confidence=float(data.get("confidence", 0.5)),
            evidence={k: Span.from_dict(v) for k, v in (data.get("evidence") or {}).items()},
        )


@dataclass(frozen=True)
class Actor:
    """A knowledge-base actor."""

    id: str
    name: str
    kind: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["aliases"] = list(self.aliases)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Actor":
        return cls(
            id=data["id"], name=data["name"], kind=data.get("kind") or "unknown",
            country=data.get("country"), aliases=tuple(data.get("aliases") or ()),
            description=data.get("description"),
        )


@dataclass(frozen=True)
class Relation:
    """subject --predicate--> object, e.g. houthis backed_by iran. Ids are actor ids
    when known; a person found only in text is named by ``subject_name``."""

    subject: str
    predicate: str  # backed_by | part_of | leads | allied_with
    object: str
    subject_name: str | None = None
    object_name: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    source: str = "knowledge"  # "knowledge" (shipped/user file) or a document id
    evidence: Span | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject, "predicate": self.predicate, "object": self.object,
            "subject_name": self.subject_name, "object_name": self.object_name,
            "valid_from": _iso(self.valid_from), "valid_to": _iso(self.valid_to),
            "source": self.source,
            "evidence": self.evidence.as_dict() if self.evidence else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Relation":
        evidence = data.get("evidence")
        return cls(
            subject=data["subject"], predicate=data["predicate"], object=data["object"],
            subject_name=data.get("subject_name"), object_name=data.get("object_name"),
            valid_from=_parse_date(data.get("valid_from")),
            valid_to=_parse_date(data.get("valid_to")),
            source=data.get("source") or "knowledge",
            evidence=Span.from_dict(evidence) if evidence else None,
        )
