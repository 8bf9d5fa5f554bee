"""One-to-one alignment: the assignment solver and its use on reports."""

from __future__ import annotations

import itertools
import random
from datetime import date

from sitroom.evaluate.align import align, max_weight_assignment

from eval_helpers import FIRST, SECOND, TEXT, report


def brute_force(weights):
    rows, cols = len(weights), len(weights[0])
    best = 0
    for perm in itertools.permutations(range(max(rows, cols)), rows):
        best = max(best, sum(weights[r][c] for r, c in enumerate(perm) if c < cols))
    return best


def test_assignment_is_optimal_on_random_matrices():
    rng = random.Random(7)
    for _ in range(200):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        weights = [[rng.choice([0, 0, 1, 2, 3, 5]) for _ in range(cols)] for _ in range(rows)]
        chosen = max_weight_assignment(weights)
        assert len({r for r, _ in chosen}) == len(chosen) == len({c for _, c in chosen})
        assert sum(weights[r][c] for r, c in chosen) == brute_force(weights), weights


def test_greedy_choice_would_be_wrong_here():
    # row 0 prefers column 0, but only row 0 can use column 1: the optimum gives 0 -> 1
    chosen = max_weight_assignment([[3, 2], [3, 0]])
    assert sorted(chosen) == [(0, 1), (1, 0)]


def test_align_pairs_each_gold_event_with_at_most_one_report(kb):
    gold = [
        {"id": "E1", "type": "ASSAULT", "actor": "Houthis", "evidence": "fired a missile at a ship"},
        {"id": "E2", "type": "ASSAULT", "actor": "Israel", "date": {"start": "2024-01-09"}, "evidence": "Israel struck Beirut"},
        {"id": "E3", "type": "PROTEST", "actor": "students", "evidence": "nothing like this is in the text"},
    ]
    reports = [
        report(SECOND, "struck", actor="Israel", day=date(2024, 1, 9)),
        report(SECOND, "killing", actor="Israel"),
        report(FIRST, "fired", actor="Houthis"),
    ]
    result = align(TEXT, gold, reports, kb)
    assert result.pairs == ((0, 2), (1, 0))  # the better-agreeing report of the second sentence wins
    assert result.unmatched_gold == (2,)
    assert result.unmatched_predictions == (1,)
    assert align(TEXT, [], reports, kb).unmatched_predictions == (0, 1, 2)
