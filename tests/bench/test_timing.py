"""Tests for sitroom.timing: the stage timer and the no-op default."""

from __future__ import annotations

import time

from sitroom.pipeline import Pipeline
from sitroom.settings import Options
from sitroom.timing import NO_TIMER, StageTimer


def test_stage_times_add_up_per_name():
    timer = StageTimer()
    for _ in range(3):
        with timer.stage("sleep"):
            time.sleep(0.01)
    with timer.stage("other"):
        pass
    assert timer.calls == {"sleep": 3, "other": 1}
    assert 0.03 <= timer.seconds["sleep"] < 0.5
    assert timer.total == timer.seconds["sleep"] + timer.seconds["other"]


def test_a_failing_stage_is_still_timed():
    timer = StageTimer()
    try:
        with timer.stage("boom"):
            raise ValueError("inside the stage")
    except ValueError:
        pass
    assert timer.calls == {"boom": 1}


def test_timed_iteration_times_the_producer_not_the_consumer():
    def slow_items():
        for number in range(4):
            time.sleep(0.01)
            yield number

    timer = StageTimer()
    seen = []
    for item in timer.timed("produce", slow_items()):
        time.sleep(0.05)  # the consumer's time is not the producer's
        seen.append(item)
    assert seen == [0, 1, 2, 3]
    assert timer.calls["produce"] == 4
    assert 0.04 <= timer.seconds["produce"] < 0.15  # with the consumer's it would be >= 0.24


def test_no_timer_is_the_default_and_changes_nothing():
    items = [1, 2, 3]
    assert NO_TIMER.timed("x", items) is items
    with NO_TIMER.stage("x"):
        pass
    assert Pipeline(Options.load(environ={})).timer is NO_TIMER
