"""Incremental merging: new reports attach to existing incidents or start new ones.

The rule (docs/incidents.md) is a function of the set of reports, not of their
arrival order. Reports are ranked in a canonical order (finest place, narrowest
date, most roles known, then id). Taken in that order, a report *follows* the best
earlier *lead* report it is compatible with (most shared values, then rank), or,
when there is none, becomes a lead itself. An incident is a lead and its followers;
its id comes from the lead's report id.

Adding reports only changes the choice of later-ranked reports compatible with a
report whose lead status changed, so ``attach`` re-decides exactly those, in rank
order (a heap), and the result equals clustering everything from scratch
(``cluster``). Storage is behind the small ``Backend`` interface: the SQL store
implements it over tables (sitroom/store/incidents.py), ``MemoryBackend`` over dicts
(tests and the benchmark).
"""

from __future__ import annotations

import hashlib
import heapq
from dataclasses import dataclass, field
from typing import Iterable, Protocol, Sequence

from .actors import ActorGraph
from .compat import affinity, compatible
from .features import Features, insert_keys, probe_keys
from .rules import MergeRules


def incident_id(lead_report_id: str) -> str:
    """Stable incident id: derived from the id of the incident's lead report."""
    return "in-" + hashlib.sha256(f"incident|{lead_report_id}".encode()).hexdigest()[:16]


class Backend(Protocol):
    """Where ``attach`` files reports and their leads (a report with no lead leads itself)."""

    def file(self, reports: Sequence[Features], keys: Sequence[list[str]]) -> None: ...
    def lookup(self, keys: Sequence[str]) -> Iterable[Features]: ...
    def leads(self, report_ids: Iterable[str]) -> dict[str, str]: ...
    def set_lead(self, report_id: str, lead: str) -> None: ...


@dataclass(frozen=True)
class Attached:
    """What one ``attach`` changed: lead ids whose incidents gained or lost reports."""

    touched: frozenset[str]
    decided: int  # reports (re)decided, the new ones included


def attach(new: Sequence[Features], backend: Backend, rules: MergeRules, graph: ActorGraph) -> Attached:
    """Merge ``new`` reports (not yet filed) into the incidents ``backend`` holds."""
    backend.file(new, [insert_keys(f, rules) for f in new])
    fresh = {f.id for f in new}
    heap = [(f.order_key(), f) for f in new]
    heapq.heapify(heap)
    seen: set[str] = set()
    touched: set[str] = set()
    while heap:
        _, report = heapq.heappop(heap)
        if report.id in seen:
            continue
        seen.add(report.id)
        for later in _decide(report, report.id in fresh, backend, rules, graph, touched):
            heapq.heappush(heap, (later.order_key(), later))
    return Attached(frozenset(touched), len(seen))


def _decide(report: Features, is_new: bool, backend: Backend, rules: MergeRules,
            graph: ActorGraph, touched: set[str]) -> list[Features]:
    """Re-decide one report's lead; return the later reports that must be re-decided."""
    neighbours = _neighbours(report, backend, rules, graph)
    key = report.order_key()
    earlier = [n for n in neighbours if n.order_key() < key]
    leads = backend.leads([report.id, *(n.id for n in earlier)])
    lead = _best_lead(report, [n for n in earlier if leads[n.id] == n.id])
    old = None if is_new else leads[report.id]
    if lead == old:
        return []
    backend.set_lead(report.id, lead)
    touched.update(x for x in (old, lead) if x is not None)
    if (old == report.id) == (lead == report.id):
        return []  # lead status unchanged: nobody else's choice depends on this move
    return [n for n in neighbours if n.order_key() > key]


def _best_lead(report: Features, candidates: Sequence[Features]) -> str:
    """The lead ``report`` follows: the candidate sharing most with it, then the first
    in rank; ``report`` itself when there is no candidate."""
    best = min(candidates, key=lambda n: (-affinity(report, n), n.order_key()), default=None)
    return best.id if best is not None else report.id


def _neighbours(report: Features, backend: Backend, rules: MergeRules, graph: ActorGraph) -> list[Features]:
    found = {c.id: c for c in backend.lookup(probe_keys(report, rules)) if c.id != report.id}
    return [c for c in found.values() if compatible(report, c, rules, graph)]


def cluster(reports: Iterable[Features], rules: MergeRules, graph: ActorGraph) -> dict[str, str]:
    """From scratch, all pairs compared: report id -> lead id. The reference ``attach`` must equal."""
    ordered = sorted(reports, key=Features.order_key)
    lead: dict[str, str] = {}
    for i, report in enumerate(ordered):
        candidates = [e for e in ordered[:i] if lead[e.id] == e.id and compatible(report, e, rules, graph)]
        lead[report.id] = _best_lead(report, candidates)
    return lead


def partition(leads: dict[str, str]) -> dict[str, list[str]]:
    """incident id -> sorted report ids."""
    out: dict[str, list[str]] = {}
    for report_id, lead in leads.items():
        out.setdefault(incident_id(lead), []).append(report_id)
    return {k: sorted(v) for k, v in sorted(out.items())}


@dataclass
class MemoryBackend:
    """The blocking index and the leads in memory."""

    features: dict[str, Features] = field(default_factory=dict)
    blocks: dict[str, list[str]] = field(default_factory=dict)
    lead: dict[str, str] = field(default_factory=dict)

    def file(self, reports: Sequence[Features], keys: Sequence[list[str]]) -> None:
        for report, report_keys in zip(reports, keys):
            self.features[report.id] = report
            for key in report_keys:
                self.blocks.setdefault(key, []).append(report.id)

    def lookup(self, keys: Sequence[str]) -> Iterable[Features]:
        for key in keys:
            for report_id in self.blocks.get(key, ()):
                yield self.features[report_id]

    def leads(self, report_ids: Iterable[str]) -> dict[str, str]:
        return {r: self.lead.get(r, r) for r in report_ids}

    def set_lead(self, report_id: str, lead: str) -> None:
        self.lead[report_id] = lead

    def partition(self) -> dict[str, list[str]]:
        return partition({r: self.lead.get(r, r) for r in self.features})
