"""The calibrated confidence model: features, the shipped weights, fitting, the default cut."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from sitroom.errors import KnowledgeError
from sitroom.evaluate import calibrate
from sitroom.extract.confidence import FILE, ConfidenceModel, default_min_confidence, features
from sitroom.records import ActorRef, DateRange, Document, EventReport, Modality, Span
from sitroom.settings import Options

TEXT = 'Rebels attacked the base on Monday. "We will strike again," a commander said.'
DOC = Document(id="d", source_id="d", text=TEXT, published=date(2024, 1, 10))


def report(rid: str, start: int, end: int, trigger: tuple[int, int], **changes: object) -> EventReport:
    base = EventReport(id=rid, document=DOC, event_type="ASSAULT", trigger=Span(*trigger, TEXT[trigger[0]:trigger[1]]),
                       sentence=Span(start, end, TEXT[start:end]), confidence=0.6)
    return dataclasses.replace(base, **changes)


ATTACK = report("a", 0, 35, (7, 15), actor=ActorRef("Rebels"),
                date=DateRange(date(2024, 1, 8), date(2024, 1, 8), "day"))
QUOTED = report("b", 36, 78, (45, 51), event_type="THREATEN")


def test_features_read_the_report_and_its_neighbours():
    first, second = features([ATTACK, QUOTED])
    assert first["actor_text_only"] == 1.0 and first["actor_known"] == 0.0
    assert first["date_day"] == 1.0 and first["days_before_publication"] == pytest.approx(np.log1p(2))
    assert first["others_in_sentence"] == 0.0 and "first_sentence" not in first  # no document layout
    assert second["quoted"] == 1.0 and first["quoted"] == 0.0
    assert first["type=ASSAULT"] == 1.0 and second["type=THREATEN"] == 1.0
    assert first["prior"] == 0.6


def test_shipped_model_gives_probabilities_and_leaves_non_factual_reports_alone():
    model = ConfidenceModel.load()
    future = dataclasses.replace(QUOTED, modality=Modality(future=True))
    scored = model.apply([ATTACK, future])
    assert 0.0 < scored[0].confidence < 1.0 and scored[0].confidence != ATTACK.confidence
    assert scored[1].confidence == future.confidence


def test_model_is_fitted_on_our_annotations_only_never_the_held_out_split():
    assert "heldout" not in calibrate.TRAIN
    about = json.loads(FILE.read_text(encoding="utf-8"))["about"]
    assert "heldout" not in about and "dev + samples" in about


def test_default_cut_comes_from_the_model_file(tmp_path: Path):
    assert Options.load(environ={}).min_confidence == default_min_confidence()
    assert 0.0 < default_min_confidence() < 1.0
    broken = tmp_path / "confidence.json"
    broken.write_text("{not json", encoding="utf-8")
    assert default_min_confidence(broken) == 0.0
    with pytest.raises(KnowledgeError, match="confidence.json.*sitroom.evaluate.calibrate"):
        ConfidenceModel.load(broken)


def test_fit_recovers_a_known_logistic_relation():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(4000, 2))
    y = (rng.random(4000) < 1 / (1 + np.exp(-(2.0 * x[:, 0] - 1.0 * x[:, 1] + 0.5)))).astype(float)
    weights, bias = calibrate.fit(x, y, l2=0.1)
    assert weights == pytest.approx([2.0, -1.0], abs=0.2) and bias == pytest.approx(0.5, abs=0.15)


def test_best_threshold_maximises_f1():
    p = np.array([0.9, 0.8, 0.3, 0.2])
    y = np.array([1.0, 1.0, 0.0, 0.0])
    cut, f1 = calibrate.best_threshold(p, y, gold=2)
    assert 0.3 < cut <= 0.8 and f1 == pytest.approx(1.0)
