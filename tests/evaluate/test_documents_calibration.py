"""Precision per confidence band (counts only)."""

from __future__ import annotations

from sitroom.evaluate.documents import calibration


def test_calibration_counts_hits_per_band():
    bands = calibration([(0.3, False), (0.55, True), (0.65, False), (0.8, True), (0.95, True), (1.0, True)])
    assert bands == {
        "precision at confidence 0.0-0.5": "0/1",
        "precision at confidence 0.5-0.7": "1/2",
        "precision at confidence 0.7-0.9": "1/1",
        "precision at confidence 0.9-1.0": "2/2",
    }


def test_calibration_leaves_out_empty_bands():
    assert calibration([]) == {}
    assert list(calibration([(0.75, False)])) == ["precision at confidence 0.7-0.9"]


def test_calibration_error_is_zero_when_confidence_matches_the_hit_rate():
    from sitroom.evaluate.documents import calibration_error

    perfect = [(0.75, True)] * 3 + [(0.75, False)] + [(0.25, True)] + [(0.25, False)] * 3
    assert calibration_error(perfect) == 0.0
    overconfident = [(0.95, False)] * 4
    assert abs(calibration_error(overconfident) - 0.95) < 1e-9
    assert calibration_error([]) is None
