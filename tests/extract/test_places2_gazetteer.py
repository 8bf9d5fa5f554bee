"""Round-2 gazetteer coverage: news names of countries, first-level divisions named as
such (shipped data, invented names only)."""

from __future__ import annotations

import pytest

from sitroom.knowledge.gazetteer import Gazetteer
from sitroom.settings import Options

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(Options.load(environ={}))


@pytest.mark.parametrize("name, iso3", [
    ("Congo", "COD"), ("DR Congo", "COD"), ("Democratic Republic of Congo", "COD"), ("Congo-Brazzaville", "COG"),
    ("Burma", "MMR"), ("Cote d'Ivoire", "CIV"), ("Bosnia", "BIH"), ("East Timor", "TLS"),
])
def test_news_names_of_countries(gaz: Gazetteer, name: str, iso3: str) -> None:
    place = gaz.country(name)
    assert place is not None and place.country == iso3
    assert gaz.resolve(name).precision == "country"  # 'Congo' is not a hamlet abroad


def test_an_alias_only_country_entry_keeps_the_geonames_point(gaz: Gazetteer) -> None:
    bosnia = gaz.country("Bosnia")
    assert bosnia is not None and bosnia.lat == gaz.country("BIH").lat


def test_a_division_named_as_a_province_is_the_division(gaz: Gazetteer) -> None:
    place = gaz.resolve("Kherson province")
    assert place is not None and (place.country, place.precision) == ("UKR", "region")


def test_venue_of_a_body(gaz: Gazetteer) -> None:
    assert gaz.venue("un-security-council").country == "USA"
    assert gaz.venue("no-such-body") is None
