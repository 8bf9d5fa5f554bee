"""Regression floors: ``thresholds.json`` holds, per gold set and metric, a floor (or, for
metrics where lower is better, a ceiling) set from a measured run on ``sample`` items
per set, with a small margin, never above (below) the measured value.

Regenerate after a deliberate change in quality (prints the new file; review, then save):

    .venv/bin/python -m sitroom.evaluate.thresholds > sitroom/evaluate/thresholds.json
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from ..settings import Options
from .gold import NAMED
from .metrics import DatasetResult

FILE = Path(__file__).with_name("thresholds.json")
LOWER_IS_BETTER = frozenset({"no_event_share", "no_report_share", "no_place_share", "confidence_calibration_error"})
MARGIN = 0.05
SAMPLE = 25


@dataclass(frozen=True)
class Thresholds:
    sample: int
    floors: Mapping[str, Mapping[str, float]]
    ceilings: Mapping[str, Mapping[str, float]]

    @classmethod
    def load(cls, path: Path = FILE) -> "Thresholds":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(int(data["sample"]), data["floors"], data.get("ceilings", {}))

    def failures(self, results: Sequence[DatasetResult]) -> list[str]:
        """One line per metric outside its bound (a bounded metric that is missing also fails)."""
        by_name = {r.name: r.metrics for r in results}
        lines = []
        for name, bounds in self.floors.items():
            lines += _check(name, by_name.get(name), bounds, True)
        for name, bounds in self.ceilings.items():
            lines += _check(name, by_name.get(name), bounds, False)
        return lines


def _check(name: str, metrics: Mapping[str, float | None] | None, bounds: Mapping[str, float], floor: bool) -> list[str]:
    if metrics is None:
        return [f"{name}: no result (the gold set was not evaluated)"]
    lines = []
    for metric, bound in bounds.items():
        value = metrics.get(metric)
        if value is None or (value < bound if floor else value > bound):
            word = "floor" if floor else "ceiling"
            lines.append(f"{name}.{metric} = {value if value is None else round(value, 4)} is past its {word} {bound}")
    return lines


def measured_bounds(results: Sequence[DatasetResult], sample: int, margin: float = MARGIN) -> dict[str, Any]:
    """A thresholds document from measured results: value - margin rounded down to 0.01
    (ceilings: value + margin rounded up)."""
    floors: dict[str, dict[str, float]] = {}
    ceilings: dict[str, dict[str, float]] = {}
    for result in results:
        for metric, value in result.metrics.items():
            if value is None:
                continue
            if metric in LOWER_IS_BETTER:
                ceilings.setdefault(result.name, {})[metric] = min(1.0, math.ceil(round((value + margin) * 100, 6)) / 100)
            else:
                floors.setdefault(result.name, {})[metric] = max(0.0, math.floor(round((value - margin) * 100, 6)) / 100)
    about = ("Regression bounds for `sitroom eval --sample SAMPLE` (seed in full): floors = measured - "
             f"{margin} rounded down, ceilings = measured + {margin} rounded up. Regenerate with "
             "`python -m sitroom.evaluate.thresholds`; see docs/evaluation.md.")
    return {"about": about, "sample": sample, "floors": floors, "ceilings": ceilings}


def main(argv: Sequence[str] = ()) -> int:
    from .runner import evaluate

    results = evaluate(list(argv) or list(NAMED), Options.load({}), sample=SAMPLE)
    print(json.dumps(measured_bounds(results, SAMPLE), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
