"""Tests for sitroom.knowledge.gazetteer on the real packaged GeoNames data (no mocks).

The GeoNames table is built once per session into a temporary cache directory.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from sitroom.errors import KnowledgeError
from sitroom.knowledge.gazetteer import Gazetteer, normalize_name
from sitroom.settings import Options


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


@pytest.fixture(scope="session")
def options() -> Options:
    return Options.load(environ={})


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, options: Options) -> tuple[Path, Gazetteer]:
    cache_dir = tmp_path_factory.mktemp("gazetteer-cache")
    return cache_dir, Gazetteer.load(options, cache_dir=cache_dir)


@pytest.fixture(scope="session")
def gaz(built: tuple[Path, Gazetteer]) -> Gazetteer:
    return built[1]


def test_normalize_name_folds_articles_case_diacritics() -> None:
    assert normalize_name("al-Mālikīyah") == normalize_name("Malikiyah") == "malikiyah"
    assert normalize_name("Al Tanf") == normalize_name("at-Tanf") == normalize_name("TANF")
    assert normalize_name("Deir ez-Zor") == normalize_name("Deir ez Zor") == "deir zor"
    assert normalize_name("Ma’rib") == normalize_name("Ma'rib") == "marib"
    assert normalize_name("the Negev") == "negev"
    assert normalize_name("U.S.") == "us"


def test_baghdad(gaz: Gazetteer) -> None:
    place = gaz.resolve("Baghdad")
    assert place is not None
    assert (place.country, place.precision, place.feature) == ("IRQ", "town", "city")
    assert km(place.lat, place.lon, 33.34, 44.40) < 10
    assert place.admin1 == "Baghdad"
    assert place.id.startswith("geonames:")


def test_kiryat_shmona(gaz: Gazetteer) -> None:
    for spelling in ("Kiryat Shmona", "Qiryat Shmona", "Kiryat Shemona"):
        place = gaz.resolve(spelling)
        assert place is not None and place.country == "ISR", spelling
        assert km(place.lat, place.lon, 33.207, 35.571) < 3
        assert place.admin1 == "Northern District"


@pytest.mark.parametrize("spelling", ["al-Tanf", "Al Tanf", "Tanf", "At-Tanf", "al-Tanf garrison"])
def test_al_tanf(gaz: Gazetteer, spelling: str) -> None:
    place = gaz.resolve(spelling, ["SYR"])
    assert place is not None and place.country == "SYR"
    assert place.precision == "point"
    assert km(place.lat, place.lon, 33.496, 38.628) < 25
    assert gaz.resolve(spelling) == place


@pytest.mark.parametrize("spelling", ["al-Malikiyah", "Malikiyah", "al Malikiyah", "Al-Malikiyah"])
def test_al_malikiyah_in_hasakah_wins_with_syrian_context(gaz: Gazetteer, spelling: str) -> None:
    place = gaz.resolve(spelling, ["SYR"])
    assert place is not None and place.country == "SYR"
    assert km(place.lat, place.lon, 37.177, 42.140) < 5
    assert place.admin1 == "Al-Hasakah"
    assert place in gaz.candidates(spelling)


def test_red_sea_has_no_country(gaz: Gazetteer) -> None:
    for context in ((), ("YEM",), ("EGY", "SDN")):
        place = gaz.resolve("Red Sea", context)
        assert place is not None
        assert place.country is None and place.precision == "region" and place.feature == "sea"


def test_southern_lebanon_is_a_lebanese_region(gaz: Gazetteer) -> None:
    for spelling in ("southern Lebanon", "south Lebanon", "Southern Lebanon"):
        place = gaz.resolve(spelling)
        assert place is not None
        assert (place.country, place.precision) == ("LBN", "region")


@pytest.mark.parametrize(
    "name, iso3, context",
    [("Lebanon", "LBN", ()), ("Lebanon", "LBN", ("USA",)), ("Jordan", "JOR", ()),
     ("Israel", "ISR", ()), ("Georgia", "GEO", ()), ("Syria", "SYR", ()), ("US", "USA", ())],
)
def test_countries_beat_same_named_towns(gaz: Gazetteer, name: str, iso3: str, context: tuple[str, ...]) -> None:
    place = gaz.resolve(name, context)
    assert place is not None
    assert (place.country, place.precision, place.feature) == (iso3, "country", "country")


def test_lebanon_the_town_is_still_a_candidate(gaz: Gazetteer) -> None:
    towns = [p for p in gaz.candidates("Lebanon") if p.precision == "town"]
    assert any(p.country == "USA" for p in towns)
    assert gaz.candidates("Lebanon")[0].feature == "country"


def test_tripoli_follows_context(gaz: Gazetteer) -> None:
    lebanon = gaz.resolve("Tripoli", ["LBN"])
    libya = gaz.resolve("Tripoli", ["LBY"])
    assert lebanon is not None and lebanon.country == "LBN"
    assert libya is not None and libya.country == "LBY"
    assert km(lebanon.lat, lebanon.lon, 34.43, 35.84) < 10
    assert km(libya.lat, libya.lon, 32.89, 13.19) < 10
    # context is a set: among context countries the larger place wins
    assert gaz.resolve("Tripoli", ["USA", "LBN"]).country == "LBN"


def test_context_does_not_beat_a_capital_for_a_hamlet(gaz: Gazetteer) -> None:
    # an Iranian hamlet also answers to 'Baghdad'; two orders of magnitude of
    # population are worth one context country, seven are not
    assert gaz.resolve("Baghdad", ["IRN"]).country == "IRQ"
    assert gaz.resolve("Baghdad", ["IRN", "IRQ"]).country == "IRQ"


def test_city_beats_its_same_named_province(gaz: Gazetteer) -> None:
    aleppo = gaz.resolve("Aleppo", ["SYR"])
    assert aleppo is not None and aleppo.precision == "town"
    anbar = gaz.resolve("Anbar province")
    assert anbar is not None and (anbar.country, anbar.precision) == ("IRQ", "region")


def test_precisions(gaz: Gazetteer) -> None:
    assert gaz.resolve("Ain al-Asad air base").precision == "point"
    assert gaz.resolve("Rafah crossing").precision == "point"
    assert gaz.resolve("Bab el-Mandeb").precision == "region"
    assert gaz.resolve("Bab al-Mandab").country is None


def test_demonyms(gaz: Gazetteer) -> None:
    expected = {
        "Iraqi": "IRQ", "Lebanese": "LBN", "American": "USA", "Israeli": "ISR",
        "Syrian": "SYR", "Yemeni": "YEM", "Iranian": "IRN", "Palestinian": "PSE",
        "Iraqis": "IRQ", "americans": "USA", "U.S.": "USA",
    }
    assert {word: gaz.demonym(word) for word in expected} == expected
    assert gaz.demonym("Martian") is None


def test_stoplisted_words_need_capital_and_context(gaz: Gazetteer) -> None:
    assert gaz.resolve("Of") is None
    assert gaz.resolve("of", ["TUR"]) is None
    town = gaz.resolve("Of", ["TUR"])
    assert town is not None and town.country == "TUR"
    for word in ("Police", "Batman", "Sale", "Mobile", "Bar", "police"):
        assert gaz.resolve(word) is None, word
    assert gaz.resolve("us") is None


def test_country_lookup_uses_centroids(gaz: Gazetteer) -> None:
    syria = gaz.country("SYR")
    assert syria is not None and syria == gaz.country("SY") == gaz.country("Syria")
    assert km(syria.lat, syria.lon, 33.51, 36.29) > 100  # not Damascus
    assert gaz.country("UAE").country == "ARE"
    assert gaz.country("Palestine").country == "PSE"
    assert gaz.country("Atlantis") is None


def test_supplement_names(gaz: Gazetteer) -> None:
    names = gaz.supplement_names()
    for name in ("Bab el-Mandeb", "Tower 22", "Arabian Gulf", "Blue Line", "Kerem Shalom crossing"):
        assert name in names


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_user_file_is_merged_over_shipped(built: tuple[Path, Gazetteer], options: Options, tmp_path: Path) -> None:
    cache_dir = built[0]
    user = write(tmp_path / "places.json", {
        "places": [
            {"id": "sitroom:red-sea", "name": "Red Sea", "lat": 21.0, "lon": 38.0, "country": None,
             "precision": "region", "feature": "sea", "aliases": ["Bahr al-Ahmar"]},
            {"id": "user:camp-x", "name": "Camp Xylophone", "lat": 33.0, "lon": 40.0,
             "country": "SYR", "precision": "point", "feature": "base"},
        ],
        "countries": {"IRQ": {"lat": 33.0, "lon": 44.0, "aliases": ["Mesopotamia"]}},
        "demonyms": {"Mesopotamian": "IRQ"},
    })
    gaz = Gazetteer.load(options.replace(places_file=str(user)), cache_dir=cache_dir)
    red_sea = gaz.resolve("Bahr al-Ahmar")
    assert red_sea is not None and (red_sea.lat, red_sea.lon) == (21.0, 38.0)
    assert len([p for p in gaz.candidates("Red Sea") if p.id == "sitroom:red-sea"]) == 1
    assert gaz.resolve("Camp Xylophone").id == "user:camp-x"
    assert gaz.resolve("Mesopotamia").country == "IRQ"
    assert gaz.country("Iraq").lat == 33.0
    assert gaz.demonym("Mesopotamian") == "IRQ"
    assert gaz.resolve("Tower 22") is not None  # shipped entries remain


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("{not json", "not valid"),
        (json.dumps({"places": [{"id": "x", "name": "X", "lon": 1.0, "country": "SYR",
                                 "precision": "point", "feature": "base"}]}), "lat"),
        (json.dumps({"places": [{"id": "x", "name": "X", "lat": 1.0, "lon": 1.0, "country": "Syria",
                                 "precision": "point", "feature": "base"}]}), "ISO3"),
        (json.dumps({"places": [], "plaices": []}), "unknown top-level keys"),
        (json.dumps({"places": [{"id": "x", "name": "X", "lat": 1.0, "lon": 1.0, "country": None,
                                 "precision": "village", "feature": "base"}]}), "precision"),
    ],
)
def test_invalid_user_file_raises(
    built: tuple[Path, Gazetteer], options: Options, tmp_path: Path, content: str, fragment: str
) -> None:
    bad = tmp_path / "bad-places.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError) as info:
        Gazetteer.load(options.replace(places_file=str(bad)), cache_dir=built[0])
    assert str(bad) in str(info.value) and fragment in str(info.value)


def test_missing_user_file_raises(options: Options, tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="not found"):
        Gazetteer.load(options.replace(places_file=str(tmp_path / "nope.json")), cache_dir=tmp_path)


def test_cache_is_reused(built: tuple[Path, Gazetteer], options: Options, monkeypatch: pytest.MonkeyPatch) -> None:
    cache_dir, first = built
    assert list(cache_dir.glob("gazetteer-*.pickle"))

    def rebuild(*_: object) -> None:
        raise AssertionError("the GeoNames table was rebuilt instead of read from the cache")

    monkeypatch.setattr("sitroom.knowledge.gazetteer._build_table", rebuild)
    second = Gazetteer.load(options, cache_dir=cache_dir)
    assert len(second) == len(first)
    for name, context in (("Baghdad", ()), ("Tripoli", ("LBN",)), ("al-Tanf", ()), ("Red Sea", ())):
        assert second.resolve(name, context) == first.resolve(name, context)
