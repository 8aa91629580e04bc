"""The Welsh item bank: every statement of the default version, by the same ids, marked for review."""

from __future__ import annotations

import pytest

from joinedup.instrument import load_instrument
from joinedup.instrument.bank import DEFAULT_VERSION, InstrumentError, list_versions
from joinedup.instrument.reference import load_role_group_list, load_role_groups
from joinedup.instrument.translations import (
    LANGUAGE_NAMES,
    check_translation,
    factor_names,
    load_bank_translation,
    load_role_group_translation,
    translated_instrument,
    translated_role_groups,
)


@pytest.mark.parametrize("version", list_versions())
def test_every_statement_of_every_bundled_bank_has_welsh_text(version: str) -> None:
    """The default version first of all, but every version: a round in Wales may use any of them."""
    english = load_instrument(version)
    welsh = translated_instrument(english, "cy")
    assert [item.id for item in welsh.items] == english.item_ids()
    for ours, theirs in zip(welsh.items, english.items, strict=True):
        assert (ours.factor, ours.reverse) == (theirs.factor, theirs.reverse)
        assert ours.text.strip() and ours.text != theirs.text
    assert set(welsh.comment_prompts) == set(english.comment_prompts)
    assert welsh.scale.labels[5] == "Cytuno'n gryf"
    assert set(factor_names(version, "cy")) == {item.factor for item in english.items}
    assert "native review" in load_bank_translation(version, "cy").review.lower()


def test_a_statement_carried_over_between_versions_reads_the_same_in_welsh() -> None:
    texts = {
        version: {item.id: item.text for item in translated_instrument(load_instrument(version), "cy").items}
        for version in ("1", "2")
    }
    english = {version: {i.id: i.text for i in load_instrument(version).items} for version in ("1", "2")}
    carried = [key for key in english["2"] if english["1"].get(key) == english["2"][key]]
    assert carried
    assert all(texts["1"][key] == texts["2"][key] for key in carried)


def test_the_translation_says_it_awaits_a_native_speaker() -> None:
    assert "native review" in load_bank_translation(DEFAULT_VERSION, "cy").review.lower()
    assert "native review" in load_role_group_translation("cy").review.lower()


def test_english_is_the_bank_itself() -> None:
    english = load_instrument(DEFAULT_VERSION)
    assert translated_instrument(english, "en") is english
    assert factor_names(DEFAULT_VERSION, "en") == {}
    assert LANGUAGE_NAMES == {"en": "English", "cy": "Cymraeg"}


def test_a_translation_missing_a_statement_or_naming_an_unknown_one_is_refused() -> None:
    english = load_instrument(DEFAULT_VERSION)
    translation = load_bank_translation(DEFAULT_VERSION, "cy")
    items = dict(translation.items)
    del items["FU1"]
    items["ZZ9"] = "Datganiad nad yw yn y banc o gwbl."
    broken = translation.model_copy(update={"items": items})
    with pytest.raises(InstrumentError, match=r"statements missing for \['FU1'\], unknown ids \['ZZ9'\]"):
        check_translation(broken, english, "items-v1.cy.yaml")


def test_a_version_without_a_translation_is_refused_by_name() -> None:
    with pytest.raises(InstrumentError, match="has no 'fr' translation"):
        load_bank_translation(DEFAULT_VERSION, "fr")


def test_welsh_role_groups_keep_their_ids_and_use_welsh_examples_in_wales() -> None:
    assert {group.id for group in load_role_group_list().role_groups} == set(
        load_role_group_translation("cy").names
    )
    english = load_role_groups("wales")
    welsh = translated_role_groups(english, "cy", "wales")
    assert [g.id for g in welsh] == [g.id for g in english]
    assert all(w.name != e.name and w.examples != e.examples for w, e in zip(welsh, english, strict=True))
    in_england = translated_role_groups(load_role_groups("england"), "cy", "england")
    assert "Director of Children's Services" in " ".join(g.examples for g in in_england)
