"""Optional per-stage wall-clock timing for the pipeline.

``Pipeline`` times its stages through ``timer.stage(name)`` and
``timer.timed(name, iterable)``. By default it holds ``NO_TIMER``, whose methods
hand back a shared no-op context and the iterable itself, so an untimed run pays
for nothing but an attribute look-up. ``sitroom bench`` passes a ``StageTimer``.

    timer = StageTimer()
    with timer.stage("parse"):
        doc = nlp(text)
    timer.seconds        # {"parse": 0.012}
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from time import perf_counter
from types import TracebackType
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")

_NULL_CONTEXT: AbstractContextManager[None] = nullcontext()


class NullTimer:
    """Times nothing: the default, so untimed runs cost nothing extra."""

    def stage(self, name: str) -> AbstractContextManager[None]:
        return _NULL_CONTEXT

    def timed(self, name: str, items: Iterable[T]) -> Iterable[T]:
        return items


NO_TIMER = NullTimer()


class _Stage:
    """One timed interval, added to its timer's total for ``name`` on exit."""

    __slots__ = ("_timer", "_name", "_start")

    def __init__(self, timer: "StageTimer", name: str) -> None:
        self._timer = timer
        self._name = name
        self._start = 0.0

    def __enter__(self) -> None:
        self._start = perf_counter()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._timer.add(self._name, perf_counter() - self._start)


class StageTimer(NullTimer):
    """Wall-clock seconds and call counts per stage name, summed over a run."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def add(self, name: str, seconds: float, calls: int = 1) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.calls[name] = self.calls.get(name, 0) + calls

    def stage(self, name: str) -> AbstractContextManager[None]:
        return _Stage(self, name)

    def timed(self, name: str, items: Iterable[T]) -> Iterator[T]:
        """Yield from ``items``, timing each step of the iteration (not the consumer)."""
        iterator = iter(items)
        while True:
            start = perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                self.add(name, perf_counter() - start, calls=0)
                return
            self.add(name, perf_counter() - start)
            yield item

    @property
    def total(self) -> float:
        return sum(self.seconds.values())
