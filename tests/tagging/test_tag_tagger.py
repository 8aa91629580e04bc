from __future__ import annotations

import pytest

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging import DEFAULT_KIND, load_tagger
from joinedup.tagging.evaluation import evaluate


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
    assert default_tagger.tag(texts) == default_tagger.tag(texts[:1]) + default_tagger.tag(texts[1:])


def test_default_is_the_lexical_tagger_and_is_cached():
    assert load_tagger().kind == DEFAULT_KIND == "lexical"
    assert load_tagger() is load_tagger("lexical")


def test_an_unknown_kind_names_the_kinds_that_exist():
    with pytest.raises(ValueError, match=r"unknown tagger kind 'bert'.*default, lexical, embeddings"):
        load_tagger("bert")


def test_thresholds_are_calibrated_per_factor_and_not_all_equal(default_tagger):
    assert default_tagger.thresholds.shape == (len(FACTOR_IDS),)
    assert len(set(default_tagger.thresholds.round(2))) > 1


def test_held_out_comments_are_tagged_with_macro_f1_of_at_least_075(default_tagger, held_out):
    results = default_tagger.tag([example.text for example in held_out])
    evaluation = evaluate(results, held_out)
    assert evaluation.macro_f1 >= 0.75
    assert evaluation.micro_f1 >= 0.7
    assert evaluation.empty_accuracy >= 0.7
