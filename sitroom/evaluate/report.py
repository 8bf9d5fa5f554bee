"""Rendering results: rich tables for people, a JSON document for machines."""

from __future__ import annotations

import json
from typing import Any, Sequence

from rich.console import Group
from rich.table import Table

from .metrics import NONE, DatasetResult


def as_json(results: Sequence[DatasetResult], errors: int = 0) -> str:
    return json.dumps({"datasets": {r.name: r.as_dict(errors) for r in results}}, indent=2, ensure_ascii=False)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def metric_table(result: DatasetResult) -> Table:
    table = Table(title=f"{result.name}: {result.items} items, {result.seconds:.1f} s", title_justify="left")
    table.add_column("metric")
    table.add_column("%", justify="right")
    table.add_column("count", justify="right")
    for name, value in result.metrics.items():
        table.add_row(name, _pct(value), result.counts.get(name, ""))
    shown = set(result.metrics)
    for name, value in result.counts.items():
        if name not in shown:
            table.add_row(name, "", value)
    return table


def confusion_table(result: DatasetResult, limit: int = 12) -> Table | None:
    """Gold label (rows) x predicted label (columns), the ``limit`` most frequent labels."""
    if not result.confusion:
        return None
    totals: dict[str, int] = {}
    for gold, row in result.confusion.items():
        for got, n in row.items():
            totals[gold] = totals.get(gold, 0) + n
            totals[got] = totals.get(got, 0) + n
    labels = sorted(totals, key=lambda k: (k == NONE, -totals[k], k))[:limit]
    table = Table(title=f"{result.name}: types, gold (rows) x predicted", title_justify="left")
    table.add_column("gold")
    for label in labels:
        table.add_column(label if label == NONE else label[:4], justify="right")
    for gold in labels:
        row = result.confusion.get(gold, {})
        table.add_row(gold, *(str(row.get(got, "")) for got in labels))
    return table


def error_table(result: DatasetResult, n: int) -> Table:
    table = Table(title=f"{result.name}: {n} worst misses", title_justify="left", show_lines=True)
    for column in ("item", "kind", "sentence", "expected", "predicted"):
        table.add_column(column, overflow="fold")
    for miss in result.worst(n):
        table.add_row(miss.item, miss.kind, miss.sentence, _fields(miss.expected), _fields(miss.predicted))
    return table


def _fields(values: Any) -> str:
    return "\n".join(f"{k}: {v}" for k, v in dict(values).items() if v not in (None, "", []))


def render(results: Sequence[DatasetResult], errors: int = 0) -> Group:
    parts: list[Any] = []
    for result in results:
        parts.append(metric_table(result))
        matrix = confusion_table(result)
        if matrix is not None:
            parts.append(matrix)
        if errors:
            parts.append(error_table(result, errors))
    return Group(*parts)

