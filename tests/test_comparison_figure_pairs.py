"""The figure-pair model (comparison/figure_pairs.py): which figures of two outlets report one fact."""

from __future__ import annotations

import json

import numpy as np
import pytest

from comparison import compare
from comparison.compare import build_context
from comparison.figure_pairs import (
    FEATURES,
    MODEL_PATH,
    candidate,
    probabilities,
    same_reference,
    threshold,
)
from comparison.findings.quantity import figure_rows
from tests.comparison_helpers import ESCAPE_A, ESCAPE_B, article


def test_the_shipped_model_has_both_variants_with_every_feature_and_its_training_command():
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert "python -m comparison.train_figures" in model["command"]
    for variant in ("dense", "lexical"):
        assert model[variant]["features"] == list(FEATURES)
        assert len(model[variant]["coef"]) == len(FEATURES)
        assert 0.0 < model[variant]["threshold"] < 1.0
    assert "heldout" not in json.dumps(model["data"])  # trained on development stories only


@pytest.mark.parametrize("dense", [True, False])
def test_probabilities_are_probabilities_and_an_empty_batch_is_empty(dense):
    rows = np.random.default_rng(0).random((20, len(FEATURES))).tolist()
    p = probabilities(rows, dense)
    assert p.shape == (20,) and np.all((p > 0) & (p < 1))
    assert probabilities([], dense).shape == (0,)
    assert 0 < threshold(dense) < 1


def test_a_sentence_pair_reporting_one_count_is_weighed_and_a_count_is_never_a_distance():
    docs, ctx, _ = build_context([ESCAPE_A, ESCAPE_B], None)
    equal, pending, rows = figure_rows(docs[0], 0, docs[1], 1, ctx.score, ctx.threshold)
    assert len(pending) == len(rows) and all(len(r) == len(FEATURES) for r in rows)
    texts = {(docs[0].facts.quantities[i].text, docs[1].facts.quantities[j].text) for i, j in pending}
    assert ("About 200", "Some 600") in texts
    for i, j in pending + equal:
        assert candidate(docs[0].subjects[i], docs[1].subjects[j])
        assert docs[0].facts.quantities[i].dimension == docs[1].facts.quantities[j].dimension


def test_distances_from_one_reference_are_one_fact_by_definition():
    a = article("x", "Reuters", "The base, 40 miles north of Kabul, was handed over on Friday.")
    b = article("y", "AP", "The base, 50 km north of Kabul, was handed over on Friday.")
    docs, _ctx, _ = build_context([a, b], None)
    (s1,), (s2,) = docs[0].subjects, docs[1].subjects
    assert same_reference(s1, s2)
    findings = [f for f in compare([a, b], use_dense=False).findings if f.fact_type == "number"]
    assert [f.kind for f in findings] == ["contradiction"]  # 64.4 km vs 50 km


def test_a_bracketed_conversion_follows_a_measure_and_a_count_never_is_one():
    from comparison.docs import build_docs

    doc = build_docs([article("cv", "Outlet A", "The storm (100 km wide) hit the coast. It killed 12 people "
                                               "(10 km from the city). The quake struck 40 miles (64 km) north.",
                              language="en")])[0]
    flags = {doc.simple[q.start:q.end]: s.conversion for q, s in zip(doc.facts.quantities, doc.subjects, strict=True)}
    assert flags.get("64 km") is True
    assert not flags.get("100 km") and not flags.get("10 km")
