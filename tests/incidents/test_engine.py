"""The merge rule, the blocking keys and the incremental engine, on hand-made reports."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest

from sitroom.errors import ConfigError
from sitroom.incidents import ActorGraph, Features, MemoryBackend, MergeRules, attach, cluster, partition
from sitroom.incidents.compat import compatible
from sitroom.incidents.features import insert_keys, probe_keys
from sitroom.incidents.neardup import signature, similarity
from sitroom.incidents.rules import RULES_FILE
from sitroom.records import Actor, Relation

RULES = MergeRules.load()
DAY = date(2024, 2, 18).toordinal()
GRAPH = ActorGraph.build(
    [Actor("hizbullah", "Hizbullah", "armed_group"), Actor("radwan", "Radwan Force", "armed_group"),
     Actor("houthis", "Houthis", "armed_group"), Actor("iran", "Iran", "state"),
     Actor("israel", "Israel", "state"), Actor("idf", "IDF", "military")],
    [Relation("radwan", "part_of", "hizbullah"), Relation("hizbullah", "backed_by", "iran"),
     Relation("houthis", "backed_by", "iran"), Relation("idf", "part_of", "israel")],
    RULES.actor_links,
)


def report(id: str, lat: float = 33.21, lon: float = 35.57, precision: str = "town", country: str | None = "ISR",
           day: int = DAY, span: int = 0, type: str = "ASSAULT", actor: str | None = None,
           target: str | None = None, mergeable: bool = True) -> Features:
    return Features(id=id, event_type=type, mergeable=mergeable, start=day, end=day + span, day=span == 0,
                    lat=lat, lon=lon, precision=precision, country=country, actor=actor, target=target)


def test_town_and_country_reports_of_one_attack_merge():
    town = report("a", actor="hizbullah")
    country = report("b", 31.05, 34.85, "country", actor="hizbullah")
    assert compatible(town, country, RULES, GRAPH)


def test_a_country_level_report_needs_a_shared_actor_or_target():
    assert not compatible(report("a"), report("b", 31.05, 34.85, "country"), RULES, GRAPH)


def test_two_towns_200_km_apart_do_not_merge():
    assert not compatible(report("a"), report("b", 31.45, 35.2), RULES, GRAPH)  # ~200 km south


def test_towns_across_a_border_do_not_merge():
    assert not compatible(report("a"), report("b", 33.38, 35.48, country="LBN"), RULES, GRAPH)


def test_other_week_other_type_and_threats_do_not_merge():
    assert not compatible(report("a"), report("b", day=DAY + 7), RULES, GRAPH)
    assert not compatible(report("a"), report("b", type="THREATEN"), RULES, GRAPH)
    assert not compatible(report("a"), report("b", mergeable=False), RULES, GRAPH)


def test_one_day_apart_needs_an_anchor():
    assert not compatible(report("a"), report("b", day=DAY + 1), RULES, GRAPH)
    assert compatible(report("a", actor="hizbullah"), report("b", day=DAY + 1, actor="hizbullah"), RULES, GRAPH)


def test_actors_must_be_related():
    assert compatible(report("a", actor="radwan"), report("b", actor="hizbullah"), RULES, GRAPH)
    assert compatible(report("a", actor="hizbullah"), report("b", actor="iran"), RULES, GRAPH)
    assert compatible(report("a", target="idf"), report("b", target="israel"), RULES, GRAPH)
    assert compatible(report("a", actor=None), report("b", actor="hizbullah"), RULES, GRAPH)
    assert not compatible(report("a", actor="hizbullah"), report("b", actor="houthis"), RULES, GRAPH)


def _random_reports(n: int, seed: int) -> list[Features]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        precision = rng.choice(["point", "town", "town", "region", "country"])
        out.append(report(
            f"r{i:04d}", 33 + rng.random() * 2, 35 + rng.random() * 2, precision, rng.choice(["ISR", "LBN"]),
            DAY + rng.randrange(20), rng.choice([0, 0, 0, 2, 10]), rng.choice(["ASSAULT", "COERCE", "THREATEN"]),
            rng.choice([None, "hizbullah", "radwan", "houthis", "idf"]), rng.choice([None, "israel", "iran"]),
        ))
    return out


def test_blocking_keys_meet_for_every_compatible_pair():
    reports = _random_reports(300, 1)
    for a in reports:
        for b in reports:
            if a.id < b.id and compatible(a, b, RULES, GRAPH):
                assert set(probe_keys(a, RULES)) & set(insert_keys(b, RULES)), (a, b)
                assert set(probe_keys(b, RULES)) & set(insert_keys(a, RULES)), (a, b)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_attach_equals_clustering_from_scratch_in_any_order(seed: int):
    reports = _random_reports(400, seed)
    expected = partition(cluster(reports, RULES, GRAPH))
    assert any(len(members) > 1 for members in expected.values())
    for order_seed in range(3):
        shuffled = reports[:]
        random.Random(order_seed).shuffle(shuffled)
        backend = MemoryBackend()
        for i in range(0, len(shuffled), 3):  # a few reports per "document"
            attach(shuffled[i:i + 3], backend, RULES, GRAPH)
        assert backend.partition() == expected


def test_near_duplicate_signatures():
    text = ("Rockets fired from Lebanon hit the town of Kiryat Shmona on Sunday, killing one civilian and "
            "wounding four others, the Israeli military said in a statement on Monday morning. ") * 3
    edited = text.replace("on Monday morning", "late on Monday")
    other = "An Israeli drone struck a car in the southern Lebanese city of Nabatieh, killing two people. " * 3
    nd = RULES.near_duplicate
    assert similarity(signature(text, nd), signature(edited, nd)) >= nd.threshold
    assert similarity(signature(text, nd), signature(other, nd)) < 0.2


def test_bad_rules_file_names_the_file(tmp_path):
    data = json.loads(RULES_FILE.read_text())
    data["radius_km"]["town"] = -1
    bad = tmp_path / "rules.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(ConfigError, match="rules.json"):
        MergeRules.load(bad)
