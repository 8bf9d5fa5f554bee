"""Fixtures shared by the scorer tests."""

from __future__ import annotations

import pytest

from sitroom.knowledge.actors import ActorKB
from sitroom.knowledge.gazetteer import Gazetteer
from sitroom.settings import Options


@pytest.fixture(scope="session")
def kb() -> ActorKB:
    """The shipped actor knowledge base."""
    return ActorKB.load(Options.load({}, environ={}))


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The shipped gazetteer."""
    return Gazetteer.load(Options.load({}, environ={}))
