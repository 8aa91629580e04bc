from __future__ import annotations

import numpy as np
import pytest

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging import DEFAULT_KIND, TagResult, is_unsure, load_tagger
from joinedup.tagging.evaluation import evaluate
from joinedup.tagging.tagger import UNSURE_BAND

AMBIGUOUS = "Could be a lot better than it is, honestly."
OFF_BOX = "Our budget was cut again and the grant runs out in March."
MACRO_F1_FLOOR, MICRO_F1_FLOOR, REGISTER_F1_FLOOR = 0.86, 0.86, 0.81
"""Measured on the register test set (docs/comments.md): macro 0.875, micro 0.875, lowest register 0.831."""
LARGEST_PRECISION_FLOOR = 0.79
"""Measured: the six largest factors' precision is 0.813 (leadership) to 0.913; issue 15 asks for 0.80,
met narrowly for leadership after one targeted round of training data (0.795 before it)."""


def test_a_budget_dispute_is_tagged_funding(default_tagger):
    [result] = default_tagger.tag(["nobody knows whose budget pays for the new family support worker"])
    assert "funding" in result.factors


def test_results_follow_input_order_and_carry_a_score_per_factor(default_tagger):
    texts = [
        "We never train with the police or health visitors, only within our own service.",
        "",
        "Thanks, nothing more to add.",
        "Nobody owns the overdue actions and no one is held to account when targets slip.",
    ]
    results = default_tagger.tag(texts)
    assert [result.text for result in results] == texts
    assert "joint-training" in results[0].factors
    assert results[1].factors == []
    assert results[2].factors == []
    assert "accountability" in results[3].factors
    for result in results:
        assert list(result.scores) == list(FACTOR_IDS)
        assert all(0.0 <= score <= 1.0 for score in result.scores.values())
        assert result.factors == [factor for factor, score in result.scores.items() if score >= 0.5]


def test_an_empty_batch_gives_no_results(default_tagger):
    assert default_tagger.tag([]) == []


def test_tagging_is_the_same_alone_or_in_a_batch(default_tagger):
    texts = ["Our budget was cut again.", "The hub shares rooms with the health team."]
    boxes = ["communication", None]
    assert default_tagger.tag(texts, boxes) == default_tagger.tag(texts[:1], boxes[:1]) + default_tagger.tag(
        texts[1:], boxes[1:]
    )


def test_an_ambiguous_comment_in_the_communication_box_is_tagged_communication(default_tagger):
    [unknown_box, in_box] = default_tagger.tag([AMBIGUOUS, AMBIGUOUS], [None, "communication"])
    assert "communication" not in unknown_box.factors
    assert "communication" in in_box.factors
    assert in_box.scores["communication"] > unknown_box.scores["communication"]


def test_a_clearly_off_box_comment_keeps_its_own_factor_and_gains_no_other(default_tagger):
    [unknown_box, in_box] = default_tagger.tag([OFF_BOX, OFF_BOX], [None, "communication"])
    assert unknown_box.factors == ["funding"]
    assert in_box.factors == ["funding"]


def test_the_box_raises_only_its_own_factors_score(default_tagger):
    plain, boxed = default_tagger.score_matrix([AMBIGUOUS, AMBIGUOUS], [None, "leadership"])
    column = FACTOR_IDS.index("leadership")
    assert boxed[column] > plain[column]
    assert np.array_equal(np.delete(boxed, column), np.delete(plain, column))


def test_boxes_must_match_the_texts_and_be_factor_ids(default_tagger):
    with pytest.raises(ValueError, match="2 boxes for 1 texts"):
        default_tagger.tag(["hello"], ["funding", None])
    with pytest.raises(ValueError, match="text 1: box 'money' is not a factor id"):
        default_tagger.tag(["hello"], ["money"])


def test_a_result_is_unsure_exactly_when_its_top_score_is_in_the_band():
    low, high = UNSURE_BAND
    assert low < 0.5 < high
    for top, expected in [(low - 0.01, False), (low, True), (0.5, True), (high - 0.01, True), (high, False)]:
        scores = dict.fromkeys(FACTOR_IDS, 0.0) | {"funding": top}
        assert is_unsure(scores) is expected
        assert TagResult("x", [], scores).unsure is expected
    assert not is_unsure({})


def test_default_is_the_lexical_tagger_and_is_cached():
    assert load_tagger().kind == DEFAULT_KIND == "lexical"
    assert load_tagger() is load_tagger("lexical")


def test_an_unknown_kind_names_the_kinds_that_exist():
    with pytest.raises(ValueError, match=r"unknown tagger kind 'bert'.*default, lexical, embeddings"):
        load_tagger("bert")


def test_thresholds_are_chosen_per_factor_and_not_all_equal(default_tagger):
    assert default_tagger.thresholds.shape == (len(FACTOR_IDS),)
    assert len(set(default_tagger.thresholds.round(2))) > 1


def test_the_original_test_set_is_tagged_with_macro_f1_of_at_least_085(default_tagger, held_out):
    results = default_tagger.tag([example.text for example in held_out])
    evaluation = evaluate(results, held_out)
    assert evaluation.macro_f1 >= 0.85
    assert evaluation.micro_f1 >= 0.85
    assert evaluation.empty_accuracy >= 0.8


def test_the_register_test_set_is_tagged_with_the_measured_figures(default_tagger, held_out_registers):
    """Pinned a little below what benchmarks/tagging.py measured (docs/comments.md): a drop fails."""
    texts = [example.text for example in held_out_registers]
    boxes = [example.box for example in held_out_registers]
    evaluation = evaluate(default_tagger.tag(texts, boxes), held_out_registers)
    assert evaluation.macro_f1 >= MACRO_F1_FLOOR
    assert evaluation.micro_f1 >= MICRO_F1_FLOOR
    assert min(evaluation.per_register_macro_f1.values()) >= REGISTER_F1_FLOOR
    for factor in evaluation.largest_factors(6):
        assert evaluation.per_factor_precision[factor] >= LARGEST_PRECISION_FLOOR, factor
