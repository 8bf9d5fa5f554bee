"""The incident record: one real-world event, the reports of it, and where they differ."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ..records import ActorRef, Count, DateRange, Document, Location

# Incident-level order of claim statuses, strongest corroboration first (docs/incidents.md).
INCIDENT_STATUS_ORDER = ("confirmed", "claimed", "reported", "asserted", "alleged", "unconfirmed", "denied")


@dataclass(frozen=True)
class Attribution:
    """Who says so: one claim status, the parties behind it, and the reports carrying it."""

    status: str
    by: tuple[str, ...]
    reports: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "by": list(self.by), "reports": list(self.reports)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Attribution":
        return cls(data["status"], tuple(data.get("by") or ()), tuple(data.get("reports") or ()))


@dataclass(frozen=True)
class IncidentClaim:
    status: str
    summary: str
    attributions: tuple[Attribution, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "summary": self.summary,
                "attributions": [a.as_dict() for a in self.attributions]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "IncidentClaim":
        return cls(data["status"], data.get("summary", ""),
                   tuple(Attribution.from_dict(a) for a in data.get("attributions") or ()))


@dataclass(frozen=True)
class Disagreement:
    """Reports differ on ``field``: each value with the reports that give it."""

    field: str
    values: tuple[tuple[Any, tuple[str, ...]], ...]

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "values": [{"value": v, "reports": list(r)} for v, r in self.values]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Disagreement":
        values = tuple((v["value"], tuple(v["reports"])) for v in data["values"])
        return cls(data["field"], values)


@dataclass(frozen=True)
class IncidentReport:
    """One member report, with its document and, for a near-duplicate, the original."""

    id: str
    document: Document
    original_document: str | None
    claim_status: str
    date: DateRange
    location: str | None
    fatalities: Count | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "document": self.document.as_dict(),
            "original_document": self.original_document, "claim_status": self.claim_status,
            "date": self.date.as_dict(), "location": self.location,
            "fatalities": self.fatalities.as_json() if self.fatalities else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "IncidentReport":
        return cls(
            id=data["id"], document=Document.from_dict(data["document"]),
            original_document=data.get("original_document"), claim_status=data["claim_status"],
            date=DateRange.from_dict(data.get("date") or {}), location=data.get("location"),
            fatalities=Count.from_json(data.get("fatalities")),
        )


@dataclass(frozen=True)
class Incident:
    id: str
    event_type: str
    mode: str | None
    actor: ActorRef | None
    target: ActorRef | None
    location: Location | None
    date: DateRange
    fatalities: Count | None
    injured: Count | None
    claim: IncidentClaim
    reports: tuple[IncidentReport, ...]
    outlets: tuple[str, ...]
    cited: tuple[str, ...]
    n_documents: int
    n_sources: int
    disagreements: tuple[Disagreement, ...] = ()

    @property
    def n_reports(self) -> int:
        return len(self.reports)

    @property
    def n_outlets(self) -> int:
        return len(self.outlets)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "event_type": self.event_type, "mode": self.mode,
            "actor": self.actor.as_dict() if self.actor else None,
            "target": self.target.as_dict() if self.target else None,
            "location": self.location.as_dict() if self.location else None,
            "date": self.date.as_dict(),
            "fatalities": self.fatalities.as_json() if self.fatalities else None,
            "injured": self.injured.as_json() if self.injured else None,
            "claim": self.claim.as_dict(),
            "n_reports": self.n_reports, "n_documents": self.n_documents,
            "n_sources": self.n_sources, "n_outlets": self.n_outlets,
            "outlets": list(self.outlets), "cited": list(self.cited),
            "disagreements": [d.as_dict() for d in self.disagreements],
            "reports": [r.as_dict() for r in self.reports],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Incident":
        def opt(key: str, loader: Any) -> Any:
            return loader(data[key]) if data.get(key) else None

        return cls(
            id=data["id"], event_type=data["event_type"], mode=data.get("mode"),
            actor=opt("actor", ActorRef.from_dict), target=opt("target", ActorRef.from_dict),
            location=opt("location", Location.from_dict), date=DateRange.from_dict(data.get("date") or {}),
            fatalities=Count.from_json(data.get("fatalities")), injured=Count.from_json(data.get("injured")),
            claim=IncidentClaim.from_dict(data["claim"]),
            reports=tuple(IncidentReport.from_dict(r) for r in data.get("reports") or ()),
            outlets=tuple(data.get("outlets") or ()), cited=tuple(data.get("cited") or ()),
            n_documents=int(data["n_documents"]), n_sources=int(data["n_sources"]),
            disagreements=tuple(Disagreement.from_dict(d) for d in data.get("disagreements") or ()),
        )
