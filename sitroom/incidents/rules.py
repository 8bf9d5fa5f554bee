"""The merge rules, read once from ``rules.json`` (data, not code).

``MergeRules.load()`` gives the shipped rules; ``MergeRules.load(path)`` reads another
file of the same shape. A bad value raises ``ConfigError`` naming the file and key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from ..errors import ConfigError

RULES_FILE = Path(__file__).with_name("rules.json")
RADIUS_KEYS = ("point", "town", "region", "water")


@dataclass(frozen=True)
class NearDupRules:
    shingle_words: int
    num_perm: int
    bands: int
    threshold: float
    seed: int

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands


@dataclass(frozen=True)
class MergeRules:
    type_groups: Mapping[str, str]  # PLOVER type -> blocking group name
    max_date_span_days: int
    vague_date_span_days: int
    same_country: bool
    date_slack_days: int
    radius_km: Mapping[str, float]
    anchor_required_for: frozenset[str]
    cell_degrees: float
    date_bucket_days: int
    actor_links: tuple[str, ...]
    near_duplicate: NearDupRules

    @classmethod
    def load(cls, path: Path | None = None) -> "MergeRules":
        return _load(path or RULES_FILE)

    def group(self, event_type: str) -> str:
        return self.type_groups.get(event_type, event_type)


@lru_cache(maxsize=8)
def _load(path: Path) -> MergeRules:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"merge rules {path}: cannot read: {exc}") from exc
    try:
        return _build(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"merge rules {path}: bad or missing value: {exc} (compare with "
                          f"the shipped {RULES_FILE})") from exc


def _build(data: Mapping[str, Any]) -> MergeRules:
    groups = {t: "|".join(sorted(g)) for g in data["type_groups"] for t in g}
    radius = {k: float(data["radius_km"][k]) for k in RADIUS_KEYS}
    nd = data["near_duplicate"]
    near = NearDupRules(int(nd["shingle_words"]), int(nd["num_perm"]), int(nd["bands"]),
                        float(nd["threshold"]), int(nd["seed"]))
    rules = MergeRules(
        type_groups=groups, max_date_span_days=int(data["max_date_span_days"]),
        vague_date_span_days=int(data["vague_date_span_days"]), same_country=bool(data["same_country"]),
        date_slack_days=int(data["date_slack_days"]), radius_km=radius,
        anchor_required_for=frozenset(data["anchor_required_for"]),
        cell_degrees=float(data["cell_degrees"]), date_bucket_days=int(data["date_bucket_days"]),
        actor_links=tuple(data["actor_links"]), near_duplicate=near,
    )
    _check(rules)
    return rules


def _check(rules: MergeRules) -> None:
    if rules.cell_degrees <= 0 or rules.date_bucket_days < 1 or rules.date_slack_days < 0:
        raise ValueError("cell_degrees must be > 0, date_bucket_days >= 1 and date_slack_days >= 0")
    if any(r <= 0 for r in rules.radius_km.values()):
        raise ValueError("every radius_km must be > 0")
    nd = rules.near_duplicate
    if nd.bands < 1 or nd.num_perm % nd.bands or not 0 < nd.threshold <= 1 or nd.shingle_words < 1:
        raise ValueError("near_duplicate: bands >= 1 dividing num_perm, 0 < threshold <= 1 and shingle_words >= 1")
