"""CAMEO and old PLOVER labels -> current PLOVER types (knowledge/data/cameo_plover.json)."""

from __future__ import annotations

import pytest

from sitroom.errors import KnowledgeError
from sitroom.evaluate.mappings import TypeMap
from sitroom.records import EVENT_TYPES


@pytest.fixture(scope="module")
def types() -> TypeMap:
    return TypeMap.load()


@pytest.mark.parametrize("code,expected", [
    ("190", "ASSAULT"), ("193", "ASSAULT"), ("2042", "ASSAULT"), ("173", "COERCE"), ("191", "COERCE"),
    ("080", "CONCEDE"), ("0841", "RETREAT"), ("087", "RETREAT"), ("1124", "ACCUSE"), ("090", "ACCUSE"),
    ("042", "CONSULT"), ("057", "AGREE"), ("051", "SUPPORT"), ("1014", "REQUEST"), ("023", "REQUEST"),
    ("141", "PROTEST"), ("160", "SANCTION"), ("1712", "ASSAULT"), ("175", "ASSAULT"), ("015", None),
])
def test_cameo_codes(types, code, expected):
    assert types.from_cameo(code) == expected


def test_every_cameo_root_is_mapped(types):
    assert sorted(types.cameo_root) == [f"{n:02d}" for n in range(1, 21)]


def test_unknown_cameo_code_is_an_error_naming_it(types):
    with pytest.raises(KnowledgeError, match="'99'"):
        types.from_cameo("99")


@pytest.mark.parametrize("label,expected", [
    ("FIGHT", "ASSAULT"), ("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"), ("INVESTIGATE", "ACCUSE"),
    ("assault", "ASSAULT"), ("AGREE", "AGREE"), ("DOCUMENT", None),
])
def test_old_and_current_labels(types, label, expected):
    assert types.plover(label) == expected


def test_a_target_outside_plover_is_refused():
    bad = TypeMap({"01": None}, {"190": "WAR"}, {})
    with pytest.raises(KnowledgeError, match="WAR"):
        bad.check("test table")
    assert all(t in EVENT_TYPES for t in TypeMap.load().old_labels.values())
