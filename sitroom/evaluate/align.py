"""One-to-one alignment of predicted reports to gold events within one document.

Every (gold, prediction) pair that passes ``is_candidate`` gets a weight: 1 plus the
number of agreeing record fields (type, actor, target, date, place, claim; see
``match.match_fields``). The assignment maximising the total weight is found with the
Hungarian method; pairs that are not candidates are never aligned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from ..knowledge.actors import ActorKB
from ..records import EventReport, Span
from .match import find_evidence, is_candidate, match_fields


@dataclass(frozen=True)
class Alignment:
    """``pairs``: (gold index, prediction index); the rest are misses and false alarms."""

    pairs: tuple[tuple[int, int], ...]
    unmatched_gold: tuple[int, ...]
    unmatched_predictions: tuple[int, ...]


def pair_weight(report: EventReport, gold: Mapping[str, Any], evidence: Span | None, kb: ActorKB) -> int:
    """0 when not a candidate, else 1 + agreeing record fields."""
    if not is_candidate(report, gold, evidence, kb):
        return 0
    return 1 + match_fields(report, gold, kb).score


def align(text: str, gold: Sequence[Mapping[str, Any]], reports: Sequence[EventReport], kb: ActorKB) -> Alignment:
    """The weight-maximising one-to-one alignment of ``reports`` to ``gold`` in ``text``."""
    spans = [find_evidence(text, g.get("evidence")) for g in gold]
    weights = [[pair_weight(r, g, span, kb) for r in reports] for g, span in zip(gold, spans)]
    chosen = max_weight_assignment(weights)
    pairs = tuple((g, p) for g, p in chosen if weights[g][p] > 0)
    used_g, used_p = {g for g, _ in pairs}, {p for _, p in pairs}
    return Alignment(
        pairs=tuple(sorted(pairs)),
        unmatched_gold=tuple(i for i in range(len(gold)) if i not in used_g),
        unmatched_predictions=tuple(i for i in range(len(reports)) if i not in used_p),
    )


def max_weight_assignment(weights: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Row -> column assignment with the largest total weight (rows or columns may stay free).

    Hungarian method with potentials on the square matrix of costs ``top - weight``
    (padding cells cost ``top``, i.e. weight 0). Returns (row, column) pairs of real cells.
    """
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if rows == 0 or cols == 0:
        return []
    n = max(rows, cols)
    top = max(max(r) for r in weights)
    cost = [[top - (weights[i][j] if i < rows and j < cols else 0) for j in range(n)] for i in range(n)]
    owner = _hungarian(cost)
    return [(owner[j], j) for j in range(n) if owner[j] < rows and j < cols]


def _hungarian(cost: list[list[int]]) -> list[int]:
    """Minimum-cost perfect assignment of a square matrix: owner[column] = row."""
    n = len(cost)
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    owner, way = [0] * (n + 1), [0] * (n + 1)  # 1-based; owner[0] is the row being placed
    for row in range(1, n + 1):
        owner[0], col0 = row, 0
        slack, used = [inf] * (n + 1), [False] * (n + 1)
        while owner[col0] != 0:
            used[col0] = True
            r, delta, col1 = owner[col0], inf, 0
            for j in range(1, n + 1):
                if used[j]:
                    continue
                reduced = cost[r - 1][j - 1] - u[r] - v[j]
                if reduced < slack[j]:
                    slack[j], way[j] = reduced, col0
                if slack[j] < delta:
                    delta, col1 = slack[j], j
            for j in range(n + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            col0 = col1
        while col0:
            prev = way[col0]
            owner[col0] = owner[prev]
            col0 = prev
    return [owner[j] - 1 for j in range(1, n + 1)]
