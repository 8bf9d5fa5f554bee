"""Fixtures shared by the knowledge tests."""

from __future__ import annotations

import pytest

from sitroom.knowledge.actors import ActorKB
from sitroom.settings import Options


@pytest.fixture(scope="session")
def kb() -> ActorKB:
    """The shipped actor knowledge base (states.json and actors.json, no user file)."""
    return ActorKB.load(Options.load(environ={}))
