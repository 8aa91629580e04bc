from __future__ import annotations

from pathlib import Path

import pytest

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging.corrections import normalise_text
from joinedup.tagging.examples import (
    ORIGINAL_REGISTER,
    LabelledTextError,
    parse_labelled_texts,
    read_labelled_files,
    training_examples,
)

REGISTERS = {"survey-comments", "minutes", "inspection", "research"}


def test_shipped_training_examples_cover_every_register_factor_and_none():
    examples = training_examples()
    assert len(examples) >= 2000
    assert {example.register for example in examples} == {*REGISTERS, ORIGINAL_REGISTER}
    for factor in FACTOR_IDS:
        assert sum(factor in example.factors for example in examples) >= 60, factor
    assert sum(not example.factors for example in examples) >= 150
    assert sum(len(example.factors) > 1 for example in examples) >= 150
    survey = [example for example in examples if example.register == "survey-comments"]
    assert all(example.box in FACTOR_IDS for example in survey)
    assert all(example.box is None for example in examples if example.register != "survey-comments")


@pytest.mark.parametrize("fixture", ["held_out", "held_out_registers"])
def test_each_test_set_covers_every_factor_and_shares_no_text_with_training(fixture, request):
    held_out = request.getfixturevalue(fixture)
    assert len(held_out) >= 200
    for factor in FACTOR_IDS:
        assert sum(factor in example.factors for example in held_out) >= 10, factor
    assert sum(not example.factors for example in held_out) >= 15
    training_texts = {normalise_text(example.text) for example in training_examples()}
    assert not training_texts & {normalise_text(example.text) for example in held_out}


def test_the_register_test_set_has_four_registers_of_at_least_150_and_boxes_on_survey_comments(
    held_out_registers,
):
    assert len(held_out_registers) >= 600
    registers = [example.register for example in held_out_registers]
    assert set(registers) == REGISTERS
    assert all(registers.count(register) >= 150 for register in REGISTERS)
    assert all(e.box in FACTOR_IDS for e in held_out_registers if e.register == "survey-comments")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("examples: [{text: hi, factors: [budget]}]", "example 1, field 'factors': value 'budget' is not"),
        ("examples: [{text: '', factors: []}]", "example 1, field 'text'"),
        ("examples: [{text: hi, factors: funding}]", "value 'funding' is not a list"),
        ("examples: [{text: hi, factors: [funding, funding]}]", "repeats a factor"),
        ("examples: [{text: hi, factors: [], box: cash}]", "example 1, field 'box': value 'cash' is not"),
        ("register: [a]\nexamples: [{text: hi, factors: []}]", "field 'register'"),
        ("examples: []", "is empty"),
        ("examples: [oops", "not valid YAML"),
        ("- just a list", "expected a mapping"),
    ],
)
def test_bad_labelled_files_are_rejected_with_where_and_why(content, message):
    with pytest.raises(LabelledTextError, match=r"labels\.yaml") as raised:
        parse_labelled_texts(content, source="labels.yaml")
    assert message in str(raised.value)


def test_register_and_box_are_kept_and_a_file_without_register_takes_its_name(tmp_path: Path):
    minutes = tmp_path / "minutes.yaml"
    minutes.write_text("examples: [{text: Budget agreed., factors: [funding]}]\n", encoding="utf-8")
    survey = tmp_path / "survey.yaml"
    survey.write_text(
        "register: survey-comments\nexamples: [{text: no money, factors: [funding], box: funding}]\n",
        encoding="utf-8",
    )
    first, second = read_labelled_files([("m", minutes), ("s", survey)])
    assert (first.register, first.box) == ("minutes", None)
    assert (second.register, second.box, second.source) == ("survey-comments", "funding", "s: example 1")


def test_the_same_text_twice_across_files_is_refused_naming_both_places(tmp_path: Path):
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text("examples: [{text: 'The budget, again.', factors: [funding]}]\n", encoding="utf-8")
    two.write_text(
        "examples: [{text: hi, factors: []}, {text: 'the BUDGET again', factors: []}]\n", encoding="utf-8"
    )
    with pytest.raises(LabelledTextError, match=r"two\.yaml: example 2: .* repeats one\.yaml: example 1"):
        read_labelled_files([("one.yaml", one), ("two.yaml", two)])
