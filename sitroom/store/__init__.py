"""Storage: schema (``schema``), queries (``queries``) and the ``Store`` (``database``).

    from sitroom.store import Store, EventFilter
    with Store.open("sqlite:///sitroom.db") as store:
        store.save_document(document, reports)
        recent = store.events(EventFilter(country="YEM", limit=20))
"""

from __future__ import annotations

from .database import Store
from .incidents import IncidentFilter
from .queries import EventFilter

__all__ = ["EventFilter", "IncidentFilter", "Store"]
