from __future__ import annotations

import pytest

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging.corrections import normalise_text
from joinedup.tagging.examples import LabelledTextError, parse_labelled_texts, training_examples


def test_shipped_training_examples_cover_every_factor_and_none():
    examples = training_examples()
    assert len(examples) >= 300
    for factor in FACTOR_IDS:
        assert sum(factor in example.factors for example in examples) >= 15, factor
    assert sum(not example.factors for example in examples) >= 30


def test_held_out_set_is_large_covers_every_factor_and_shares_no_text_with_training(held_out):
    assert len(held_out) >= 200
    for factor in FACTOR_IDS:
        assert sum(factor in example.factors for example in held_out) >= 10, factor
    assert sum(not example.factors for example in held_out) >= 15
    training_texts = {normalise_text(example.text) for example in training_examples()}
    assert not training_texts & {normalise_text(example.text) for example in held_out}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("examples: [{text: hi, factors: [budget]}]", "example 1, field 'factors': value 'budget' is not"),
        ("examples: [{text: '', factors: []}]", "example 1, field 'text'"),
        ("examples: [{text: hi, factors: funding}]", "value 'funding' is not a list"),
        ("examples: [{text: hi, factors: [funding, funding]}]", "repeats a factor"),
        ("examples: []", "is empty"),
        ("examples: [oops", "not valid YAML"),
        ("- just a list", "expected a mapping"),
    ],
)
def test_bad_labelled_files_are_rejected_with_where_and_why(content, message):
    with pytest.raises(LabelledTextError, match=r"labels\.yaml") as raised:
        parse_labelled_texts(content, source="labels.yaml")
    assert message in str(raised.value)
