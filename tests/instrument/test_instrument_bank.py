from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.instrument import (
    DEFAULT_VERSION,
    Instrument,
    InstrumentError,
    bank,
    list_versions,
    load_instrument,
)
from joinedup.instrument.responses import DONT_KNOW_LABEL, SCALE_LABELS

# A version is frozen once a round has used it. If this test fails, the bundled file of
# that version was edited: undo the edit and put the change in a new version file.
PINNED_FINGERPRINTS = {
    "1": "a68083744f41a20afd44a3ad803c115048d49c7976d25bd8afcf46742dbe0252",
    "2": "f4f3ca8f89aa508a1c944933ae0522ca2f199d4edc3b52a4eccb8d0e1ff122de",
}


def _v1_document() -> dict[str, Any]:
    text = (resources.files("joinedup.instrument") / "data" / "items-v1.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@pytest.mark.parametrize("version", list_versions())
def test_every_bundled_version_keeps_its_pinned_fingerprint(version: str) -> None:
    assert version in PINNED_FINGERPRINTS, f"pin the fingerprint of new version {version} in this test"
    assert load_instrument(version).fingerprint() == PINNED_FINGERPRINTS[version]


def test_any_change_to_a_statement_changes_the_fingerprint() -> None:
    document = _v1_document()
    original = Instrument.model_validate(document).fingerprint()
    document["items"][0]["text"] += " "
    assert Instrument.model_validate(document).fingerprint() != original


@pytest.mark.parametrize("version", list_versions())
def test_the_bank_has_at_least_three_statements_for_every_factor(version: str) -> None:
    instrument = load_instrument(version)
    per_factor = Counter(item.factor for item in instrument.items)
    assert len(instrument.items) >= 48
    assert set(per_factor) == set(FACTOR_IDS)
    assert min(per_factor.values()) >= 3
    assert [item.factor for item in instrument.items_for("funding")] == ["funding"] * per_factor["funding"]


@pytest.mark.parametrize("version", list_versions())
def test_a_few_statements_are_negatively_worded_so_acquiescence_shows(version: str) -> None:
    instrument = load_instrument(version)
    reverse = instrument.reverse_item_ids()
    assert 4 <= len(reverse) <= len(instrument.items) * 2 // 5
    assert all(item.reverse == (item.id in reverse) for item in instrument.items)


@pytest.mark.parametrize("version", list_versions())
def test_the_bank_uses_the_shared_scale_and_keeps_dont_know_apart(version: str) -> None:
    scale = load_instrument(version).scale
    assert scale.labels == SCALE_LABELS
    assert scale.dont_know == DONT_KNOW_LABEL
    assert scale.dont_know not in scale.labels.values()


@pytest.mark.parametrize("version", list_versions())
def test_every_factor_has_a_comment_prompt(version: str) -> None:
    instrument = load_instrument(version)
    assert set(instrument.comment_prompts) == set(FACTOR_IDS)
    assert instrument.comment_columns()[0] == "comment_funding"
    assert len(set(instrument.comment_prompts.values())) == len(FACTOR_IDS)


def test_version_1_stays_the_default_until_version_2_is_piloted_and_unknown_versions_are_named() -> None:
    assert DEFAULT_VERSION == "1" and load_instrument().version == "1"
    assert list_versions() == ["1", "2"]
    with pytest.raises(InstrumentError, match="'99' does not exist; versions: 1, 2"):
        load_instrument("99")


def test_versions_sort_as_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    found = {"10": "items-v10.yaml", "9": "items-v9.yaml", "2": "items-v2.yaml"}
    monkeypatch.setattr(bank, "_bundled_files", lambda: found)
    assert list_versions() == ["2", "9", "10"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["items"].append({**d["items"][0], "text": "Another statement on funding."}),
            "repeated item ids",
        ),
        (lambda d: d["items"][1].update(text=d["items"][0]["text"]), "repeated statements"),
        (lambda d: d["items"][0].update(factor="weather"), "unknown factor ids"),
        (lambda d: d["items"].pop(0), "fewer than 3 items: \\['funding'\\]"),
        (lambda d: d["scale"]["labels"].pop(5), "exactly the points"),
        (lambda d: d["items"][0].update(id="FU-1"), "String should match pattern"),
        (lambda d: d["items"][0].update(colour="red"), "Extra inputs are not permitted"),
    ],
)
def test_malformed_banks_are_refused(change: Any, message: str) -> None:
    document = _v1_document()
    change(document)
    with pytest.raises(ValidationError, match=message):
        Instrument.model_validate(document)


def test_items_for_an_unknown_factor_is_an_error() -> None:
    with pytest.raises(KeyError, match="weather"):
        load_instrument().items_for("weather")


def test_the_published_json_schema_matches_the_model() -> None:
    shipped = json.loads(
        (resources.files("joinedup.instrument") / "data" / "items.schema.json").read_text(encoding="utf-8")
    )
    assert shipped == Instrument.model_json_schema()
