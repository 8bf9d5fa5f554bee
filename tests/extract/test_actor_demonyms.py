"""A state's forces named by demonym and force noun resolve to that state (or its force
in the knowledge base), through the real pipeline on invented sentences."""

from __future__ import annotations

from datetime import date

import pytest

import sitroom
from sitroom.knowledge.actors import ActorKB
from sitroom.records import ActorRef
from sitroom.settings import Options

pytestmark = pytest.mark.slow

DAY = date(2024, 5, 10)


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load(Options.load(environ={}))


def state_of(ref: ActorRef | None, kb: ActorKB) -> str | None:
    return None if ref is None or ref.id is None else kb.parent_state(ref.id)


def assault(text: str) -> sitroom.EventReport:
    found = [r for r in sitroom.extract(text, published=DAY) if r.event_type == "ASSAULT"]
    assert found, text
    return found[0]


@pytest.mark.parametrize("text,state", [
    ("Malian troops killed twelve militants near Gao on Monday.", "mali"),
    ("Pakistani security forces killed four militants in Bannu on Friday.", "pakistan"),
    ("Burkinabe soldiers killed 15 jihadists near Djibo on Monday.", "burkina-faso"),
])
def test_demonym_forces_as_actor(text: str, state: str, kb: ActorKB) -> None:
    assert state_of(assault(text).actor, kb) == state


@pytest.mark.parametrize("text,state", [
    ("Gunmen killed two Nigerian police officers in Zamfara on Tuesday.", "nigeria"),
    ("Militants attacked Pakistani security forces personnel in Bannu on Monday.", "pakistan"),
    ("Gunmen ambushed Nigerien army patrols near Tillaberi on Monday, killing 12.", "niger"),
])
def test_demonym_forces_as_target(text: str, state: str, kb: ActorKB) -> None:
    """Also when the demonym modifies a compound before the head ('Pakistani security forces personnel')."""
    assert state_of(assault(text).target, kb) == state
