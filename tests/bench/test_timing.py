"""Tests for sitroom.timing: the stage timer and the no-op default.

The timer reads ``sitroom.timing.perf_counter``; the tests give it a clock that moves
only when told to, so every figure is exact and no test depends on how fast the
machine is (speed is measured in benchmarks/, not asserted here).
"""

from __future__ import annotations

from typing import Iterator

import pytest

import sitroom.timing
from sitroom.pipeline import Pipeline
from sitroom.settings import Options
from sitroom.timing import NO_TIMER, StageTimer


class Clock:
    """A perf_counter stand-in: ``now`` seconds, advanced by ``wait``."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(sitroom.timing, "perf_counter", fake)
    return fake


def test_stage_times_add_up_per_name(clock: Clock):
    timer = StageTimer()
    for _ in range(3):
        with timer.stage("sleep"):
            clock.wait(0.25)
        clock.wait(7.0)  # between stages: not timed
    with timer.stage("other"):
        pass
    assert timer.calls == {"sleep": 3, "other": 1}
    assert timer.seconds == {"sleep": 0.75, "other": 0.0}
    assert timer.total == 0.75


def test_a_failing_stage_is_still_timed(clock: Clock):
    timer = StageTimer()
    with pytest.raises(ValueError, match="inside the stage"):
        with timer.stage("boom"):
            clock.wait(0.5)
            raise ValueError("inside the stage")
    assert timer.calls == {"boom": 1} and timer.seconds == {"boom": 0.5}


def test_timed_iteration_times_the_producer_not_the_consumer(clock: Clock):
    def slow_items() -> Iterator[int]:
        for number in range(4):
            clock.wait(1.0)
            yield number
        clock.wait(0.5)  # the work after the last item is the producer's too

    timer = StageTimer()
    seen = []
    for item in timer.timed("produce", slow_items()):
        clock.wait(10.0)  # the consumer's time is not the producer's
        seen.append(item)
    assert seen == [0, 1, 2, 3]
    assert timer.calls == {"produce": 4}
    assert timer.seconds == {"produce": 4.5}


def test_no_timer_is_the_default_and_changes_nothing():
    items = [1, 2, 3]
    assert NO_TIMER.timed("x", items) is items
    with NO_TIMER.stage("x"):
        pass
    assert Pipeline(Options.load(environ={})).timer is NO_TIMER
