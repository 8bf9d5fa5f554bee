"""Fit the confidence model (``sitroom.extract.confidence``) on this project's annotations.

Each factual report the uncalibrated pipeline makes on the training documents is an
example, labelled by whether ``align`` pairs it with a gold event. The model is an
L2-regularised logistic regression over standardised features, fitted by Newton's
method. Training sets: the dev split of the development set and the bundled samples;
the held-out split is never read, so its calibration in ``sitroom eval`` is honest.

Regenerate after a change in extraction (prints the new file; review, then save):

    .venv/bin/python -m sitroom.evaluate.calibrate > /tmp/c.json && mv /tmp/c.json sitroom/knowledge/data/confidence.json
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from ..extract.confidence import features
from ..pipeline import Pipeline
from ..settings import Options
from .align import align
from .gold import GoldDocument, load
from .mappings import TypeMap

TRAIN = ("dev", "samples")
L2_GRID = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)
FOLDS = 5
THRESHOLD_GRID = tuple(round(0.05 * i, 2) for i in range(0, 15))
# The default cut is capped here: on single sentences (the PLOVER, PETRARCH and
# event-location sets, which the document-trained model never sees) recall falls
# fast above it (PLOVER macro-F1 74.3 at 0.3, 73.0 at 0.4, 70.9 at 0.5, 2026-11-30).
SENTENCE_SAFE_CUT = 0.4
MIN_SUPPORT = 5  # a feature seen on fewer training reports is left out


@dataclass
class Examples:
    rows: list[dict[str, float]] = field(default_factory=list)
    labels: list[bool] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)  # the document, for cross-validation folds
    gold: int = 0  # gold events in the training documents (for recall)


def examples(pipeline: Pipeline, shared: Path, options: Options) -> Examples:
    found = Examples()
    kb = pipeline.resources.kb
    items = [item for name in TRAIN for gold_set in load(name, shared, options, TypeMap.load())
             for item in gold_set.items_of(GoldDocument)]
    fold_group = 0  # documents with at least one factual report, numbered in order
    for item in items:
        reports = pipeline.extract(item.document).reports
        rows = features(reports)
        keep = [i for i, r in enumerate(reports) if r.modality.factual]
        pairs = align(item.document.text, item.events, [reports[i] for i in keep], kb).pairs
        hits = {keep[p] for _, p in pairs}
        found.rows += [rows[i] for i in keep]
        found.labels += [i in hits for i in keep]
        found.groups += [fold_group] * len(keep)
        fold_group += bool(keep)
        found.gold += len(item.events)
    return found


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 50) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression (bias not penalised)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    theta = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-design @ theta))
        gradient = design.T @ (p - y) + penalty * theta
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-8:
            break
    return theta[:-1], float(theta[-1])


def log_loss(x: np.ndarray, y: np.ndarray, weights: np.ndarray, bias: float) -> float:
    p = np.clip(1.0 / (1.0 + np.exp(-(x @ weights + bias))), 1e-6, 1 - 1e-6)
    return float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean())


def choose_l2(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> float:
    """The L2 strength with the lowest cross-validated log loss (folds by document)."""
    folds = groups % FOLDS

    def cv_loss(l2: float) -> float:
        losses = [log_loss(x[folds == k], y[folds == k], *fit(x[folds != k], y[folds != k], l2))
                  for k in range(FOLDS)]
        return float(np.mean(losses))

    return min(L2_GRID, key=cv_loss)


def out_of_fold(x: np.ndarray, y: np.ndarray, groups: np.ndarray, l2: float) -> np.ndarray:
    """Each example's probability from the model fitted without its fold."""
    folds, p = groups % FOLDS, np.zeros(len(y))
    for k in range(FOLDS):
        weights, bias = fit(x[folds != k], y[folds != k], l2)
        p[folds == k] = 1.0 / (1.0 + np.exp(-(x[folds == k] @ weights + bias)))
    return p


def best_threshold(p: np.ndarray, y: np.ndarray, gold: int) -> tuple[float, float]:
    """(threshold, F1): the cut on out-of-fold probabilities with the best detection F1."""
    def f1(t: float) -> float:
        kept = p >= t
        hits = float(y[kept].sum())
        return 2 * hits / (kept.sum() + gold) if kept.any() else 0.0

    cut = max(THRESHOLD_GRID, key=f1)
    return cut, f1(cut)


def model(data: Examples) -> dict[str, object]:
    names = sorted({k for row in data.rows for k, v in row.items() if v})
    x = np.array([[row.get(n, 0.0) for n in names] for row in data.rows])
    support = (x != 0).sum(axis=0)
    names = [n for n, s in zip(names, support) if s >= MIN_SUPPORT]
    x = x[:, support >= MIN_SUPPORT]
    means, scales = x.mean(axis=0), x.std(axis=0)
    scales[scales == 0] = 1.0
    x, y = (x - means) / scales, np.array(data.labels, dtype=float)
    groups = np.array(data.groups)
    l2 = choose_l2(x, y, groups)
    weights, bias = fit(x, y, l2)
    cut, cut_f1 = best_threshold(out_of_fold(x, y, groups, l2), y, data.gold)
    return {
        "about": "Logistic confidence model for sitroom.extract.confidence, fitted by "
                 "python -m sitroom.evaluate.calibrate on " + " + ".join(TRAIN) +
                 f" ({len(y)} factual reports, {int(y.sum())} matching a gold event; L2 {l2} chosen by "
                 f"{FOLDS}-fold cross-validation by document). Do not edit by hand.",
        "fitted": date.today().isoformat(),
        "min_confidence": min(cut, SENTENCE_SAFE_CUT),
        "min_confidence_note": f"the min_confidence setting's default: the cut with the best cross-validated "
                               f"document F1 ({cut}, F1 {cut_f1:.3f}), capped at {SENTENCE_SAFE_CUT} so single "
                               "sentences keep their recall (see SENTENCE_SAFE_CUT)",
        "bias": round(bias, 6),
        "weights": {n: round(float(w), 6) for n, w in zip(names, weights)},
        "means": {n: round(float(m), 6) for n, m in zip(names, means)},
        "scales": {n: round(float(s), 6) for n, s in zip(names, scales)},
    }


def main() -> None:
    options = Options.load({"min_confidence": 0.0})  # every report, with the rules' heuristic score
    pipeline = Pipeline(options, calibrated=False)
    json.dump(model(examples(pipeline, Path(options.shared_dir), options)), sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
