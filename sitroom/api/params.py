"""Query parameters -> ``BrowseFilter``; a bad value raises ``ParameterError`` (422)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import Query

from ..records import CLAIM_STATUSES, EVENT_TYPES
from ..store.browse import BrowseFilter
from ..store.search import words


class ParameterError(Exception):
    """A query parameter or body field has a bad value; answered with 422."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO3 = re.compile(r"^[A-Za-z]{3}$")
MAX_TEXT = 200


def parse_date(name: str, value: str | None) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        if not _ISO_DATE.match(value.strip()):
            raise ValueError(value)
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ParameterError(name, f"{name}={value!r} is not a date; use YYYY-MM-DD") from None


def _event_type(value: str | None) -> str | None:
    if not value:
        return None
    if value.upper() not in EVENT_TYPES:
        raise ParameterError("type", f"type={value!r} is not a PLOVER event type; use one of "
                                     + ", ".join(EVENT_TYPES))
    return value.upper()


def _claim(value: str | None) -> str | None:
    if not value:
        return None
    if value.lower() not in CLAIM_STATUSES:
        raise ParameterError("claim", f"claim={value!r} is not a claim status; use one of "
                                      + ", ".join(CLAIM_STATUSES))
    return value.lower()


def _country(value: str | None) -> str | None:
    if not value:
        return None
    if not _ISO3.match(value):
        raise ParameterError("country", f"country={value!r} is not an ISO3 code such as SYR or YEM")
    return value.upper()


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    message = f"bbox={value!r} must be minlon,minlat,maxlon,maxlat in degrees, min below max"
    try:
        min_lon, min_lat, max_lon, max_lat = (float(part) for part in value.split(","))
    except ValueError:
        raise ParameterError("bbox", message) from None
    lons_ok = -180 <= min_lon <= max_lon <= 180
    lats_ok = -90 <= min_lat <= max_lat <= 90
    if not (lons_ok and lats_ok):
        raise ParameterError("bbox", message)
    return min_lon, min_lat, max_lon, max_lat


def free_text(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT:
        raise ParameterError(name, f"{name} is longer than {MAX_TEXT} characters")
    if name == "q" and not words(value):
        raise ParameterError(name, f"{name}={value!r} has no letters or digits to search for")
    return value.strip()


def event_filter(
    event_type: Annotated[str | None, Query(alias="type", description="PLOVER type, e.g. ASSAULT")] = None,
    actor: Annotated[str | None, Query(description="actor or target: id, name, alias or words used")] = None,
    country: Annotated[str | None, Query(description="ISO3 country of the location, e.g. SYR")] = None,
    since: Annotated[str | None, Query(description="events whose dates end on or after (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(description="events whose dates start on or before (YYYY-MM-DD)")] = None,
    claim: Annotated[str | None, Query(description="claim status, e.g. claimed, unconfirmed")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    q: Annotated[str | None, Query(description="words in trigger, sentence, actor, target or place")] = None,
) -> BrowseFilter:
    """The filters shared by /api/events, /api/stats and /api/incidents."""
    start, end = parse_date("since", since), parse_date("until", until)
    if start and end and start > end:
        raise ParameterError("since", f"since={since} is after until={until}")
    return BrowseFilter(
        event_type=_event_type(event_type), actor=free_text("actor", actor), country=_country(country),
        since=start, until=end, claim_status=_claim(claim), bbox=parse_bbox(bbox), text=free_text("q", q),
    )
