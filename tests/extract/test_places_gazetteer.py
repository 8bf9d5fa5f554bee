"""Gazetteer behaviour the place extraction relies on: codes only as written, capitals,
own names above alternate names, curated seas and regions (shipped data)."""

from __future__ import annotations

import pytest

from sitroom.knowledge.gazetteer import Gazetteer
from sitroom.settings import Options

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(Options.load(environ={}))


def test_two_letter_words_are_not_country_codes(gaz: Gazetteer) -> None:
    assert gaz.country("It") is None
    assert gaz.country("IT") is not None and gaz.country("IT").country == "ITA"


def test_capital_of_a_country(gaz: Gazetteer) -> None:
    assert gaz.capital("IRQ").name == "Baghdad"
    assert gaz.capital("YEM").name == "Sanaa"
    assert gaz.capital("XXX") is None


def test_own_name_ranks_above_an_alternate_name(gaz: Gazetteer) -> None:
    assert gaz.resolve("Florencia").country == "COL"  # not Florence, Italy
    assert gaz.resolve("Palmyra").country == "SYR"  # a famous exonym still wins on size


@pytest.mark.parametrize("name, country", [
    ("the Middle East", None), ("southern Red Sea", None), ("South China Sea", None),
    ("Black Sea", None), ("Puntland", "SOM"), ("Darfur", "SDN"), ("Donbas", "UKR"),
])
def test_curated_seas_and_regions(gaz: Gazetteer, name: str, country: str | None) -> None:
    place = gaz.resolve(name)
    assert place is not None and place.id.startswith("sitroom:") and place.country == country
