"""Incidents: one real-world event, many reports.

    features.py   the flat view of a report merging needs, and its blocking keys
    compat.py     the pairwise rule (type, dates, places, actors, targets)
    engine.py     order-independent, incremental incidents over a storage ``Backend``
    neardup.py    near-duplicate documents (MinHash/LSH)
    summary.py    consensus fields, corroboration, claims, disagreements
    record.py     the ``Incident`` record
    score.py      pairwise merge precision and recall
    rules.json    the thresholds (docs/incidents.md)
"""

from __future__ import annotations

from .actors import ActorGraph
from .engine import Attached, MemoryBackend, attach, cluster, incident_id, partition
from .features import Features, features
from .record import Attribution, Disagreement, Incident, IncidentClaim, IncidentReport
from .rules import MergeRules
from .summary import build_incident

__all__ = [
    "ActorGraph", "Attached", "Attribution", "Disagreement", "Features", "Incident", "IncidentClaim",
    "IncidentReport", "MemoryBackend", "MergeRules", "attach", "build_incident", "cluster", "features", "incident_id",
    "partition",
]
