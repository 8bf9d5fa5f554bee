"""Building small EventReports for unit tests of the scorers."""

from __future__ import annotations

from datetime import date
from typing import Any

from sitroom.records import ActorRef, Count, DateRange, Document, EventReport, Location, Span

FIRST = "Houthi forces fired a missile at a ship in the Red Sea on Monday."
SECOND = "Israel struck Beirut on Tuesday, killing 3 people."
TEXT = f"{FIRST} {SECOND}"


def doc(text: str = TEXT) -> Document:
    return Document(id="doc-test", source_id="test", text=text, published=date(2024, 1, 10))


def span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), phrase)


def report(sentence: str, trigger: str, event_type: str = "ASSAULT", *, text: str = TEXT, **fields: Any) -> EventReport:
    values: dict[str, Any] = dict(fields)
    for role in ("actor", "target"):
        if isinstance(values.get(role), str):
            values[role] = ActorRef(text=values[role])
    if "day" in values:
        day = values.pop("day")
        values["date"] = DateRange(day, day, "day")
    if "place" in values:
        name, lat, lon = values.pop("place")
        values["location"] = Location(text=name, name=name, lat=lat, lon=lon)
    if isinstance(values.get("fatalities"), int):
        values["fatalities"] = Count(values["fatalities"], values["fatalities"])
    return EventReport(id=f"ev-{trigger}", document=doc(text), event_type=event_type,
                       trigger=span(text, trigger), sentence=span(text, sentence), **values)
