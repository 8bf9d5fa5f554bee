"""sitroom: conflict news in, structured, geolocated, source-attributed events out.

    >>> import sitroom
    >>> reports = sitroom.extract("Houthi forces fired two drones at a tanker in the Red Sea on Monday.",
    ...                           published=datetime.date(2024, 1, 10))

The public surface is ``__all__``; everything else is internal.
"""

from __future__ import annotations

from datetime import date

from .errors import SitroomError
from .pipeline import Pipeline
from .records import ActorRef, Claim, DateRange, Document, EventReport, Location, Modality
from .settings import Options

__all__ = [
    "ActorRef", "Claim", "DateRange", "Document", "EventReport", "Location", "Modality",
    "Options", "Pipeline", "SitroomError", "extract",
]
__version__ = "0.1.0"


def extract(text: str, *, published: date | None = None, options: Options | None = None) -> list[EventReport]:
    """Code the events of one article's text (loads the model on first use)."""
    pipeline = Pipeline(options or Options.load())
    return list(pipeline.extract_text(text, published=published).reports)
