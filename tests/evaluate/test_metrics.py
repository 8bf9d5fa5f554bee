"""Counts -> numbers, and the regression bounds."""

from __future__ import annotations

import pytest

from sitroom.evaluate.metrics import DatasetResult, Miss, Tally, confusion, macro_f1, prf
from sitroom.evaluate.thresholds import FILE, Thresholds, measured_bounds


def test_prf_and_empty_denominators():
    assert prf(3, 4, 6) == (0.75, 0.5, 0.6)
    assert prf(0, 0, 5) == (None, 0.0, None)
    assert prf(0, 3, 5)[2] == 0.0


def test_macro_f1_is_over_gold_labels_only():
    pairs = [("A", "A"), ("A", "B"), ("B", "B"), ("B", "no event"), ("B", "C")]
    # A: P 1/1 R 1/2 -> 2/3; B: P 1/2 R 1/3 -> 0.4; C never in gold: not averaged
    assert macro_f1(pairs) == pytest.approx((2 / 3 + 0.4) / 2)
    assert macro_f1([]) is None


def test_tally_skips_unscored_fields():
    tally = Tally()
    tally.add({"type": True, "mode": None})
    tally.add({"type": False, "mode": True})
    assert tally.accuracy("type") == 0.5 and tally.fraction("mode") == "1/1"
    assert tally.accuracy("place") is None


def test_confusion_and_worst_misses():
    assert confusion([("A", "A"), ("A", "B"), ("A", "B")]) == {"A": {"A": 1, "B": 2}}
    result = DatasetResult("x", "documents", "src", 2, misses=[
        Miss("b", "false alarm", 5.0, "s", {}, {}), Miss("a", "missed", 10.0, "s", {}, {}), Miss("c", "wrong type", 1.0, "s", {}, {})])
    assert [m.item for m in result.worst(2)] == ["a", "b"]
    assert [e["item"] for e in result.as_dict(errors=1)["errors"]] == ["a"]


def results(**values):
    return [DatasetResult("seed", "documents", "src", 1, metrics=dict(values))]


def test_bounds_are_never_past_the_measured_value():
    doc = measured_bounds(results(detection_f1=0.6471, core_recall=1.0, no_report_share=0.2857, mode_acc=None), 25)
    assert doc["floors"]["seed"] == {"detection_f1": 0.59, "core_recall": 0.95}
    assert doc["ceilings"]["seed"] == {"no_report_share": 0.34}
    bounds = Thresholds(25, doc["floors"], doc["ceilings"])
    assert bounds.failures(results(detection_f1=0.6471, core_recall=1.0, no_report_share=0.2857)) == []


def test_a_drop_fails_loudly_naming_the_metric():
    bounds = Thresholds(25, {"seed": {"detection_f1": 0.59}, "plover": {"type_acc": 0.3}}, {"seed": {"no_report_share": 0.34}})
    lines = bounds.failures(results(detection_f1=0.5, no_report_share=0.5))
    assert "seed.detection_f1 = 0.5 is past its floor 0.59" in lines
    assert "seed.no_report_share = 0.5 is past its ceiling 0.34" in lines
    assert "plover: no result (the gold set was not evaluated)" in lines


def test_shipped_thresholds_file_is_well_formed():
    shipped = Thresholds.load(FILE)
    assert shipped.sample > 0 and "seed" in shipped.floors
    for bounds in (*shipped.floors.values(), *shipped.ceilings.values()):
        assert all(0.0 <= v <= 1.0 for v in bounds.values())
