"""Fixtures for the ingest tests: options (the local HTTP server is in tests/conftest.py)."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from sitroom.settings import Options


@pytest.fixture
def make_options() -> Callable[..., Options]:
    def build(**overrides: Any) -> Options:
        return Options.load(overrides=overrides, environ={})
    return build


@pytest.fixture
def options(make_options: Callable[..., Options]) -> Options:
    return make_options(fetch_timeout=5.0)
