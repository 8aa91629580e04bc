from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.instrument import InstrumentError, load_instrument
from joinedup.instrument.versions import VersionCrosswalk, load_version_crosswalk


def _document() -> dict[str, Any]:
    return load_version_crosswalk("1", "2").model_dump(by_alias=True)


def _entry(document: dict[str, Any], item_id: str) -> dict[str, Any]:
    return next(link for link in document["items"] if link["id"] == item_id)


def test_every_statement_of_both_versions_is_accounted_for_once() -> None:
    crosswalk = load_version_crosswalk("1", "2")
    v1, v2 = load_instrument("1"), load_instrument("2")
    assert sorted(link.id for link in crosswalk.items) == sorted(v2.item_ids())
    sources = {link.source for link in crosswalk.items} - {None}
    assert sources | {d.id for d in crosswalk.dropped} == set(v1.item_ids())


def test_carried_over_statements_are_word_for_word_the_same() -> None:
    crosswalk = load_version_crosswalk("1", "2")
    v1 = {item.id: item for item in load_instrument("1").items}
    v2 = {item.id: item for item in load_instrument("2").items}
    unchanged = crosswalk.unchanged()
    assert unchanged == sorted(set(v1) & set(v2), key=load_instrument("2").item_ids().index)
    assert all(v1[i] == v2[i] for i in unchanged)


def test_each_factor_says_how_many_statements_compare() -> None:
    crosswalk = load_version_crosswalk("1", "2")
    bridges = {factor: crosswalk.bridge(factor) for factor in FACTOR_IDS}
    assert bridges["staff-support"].pairs == (("SS1", "SS1"), ("SS2", "SS2"), ("SS3", "SS3"))
    assert bridges["leadership"].comparable == 3 and bridges["leadership"].trend_allowed
    assert bridges["funding"].pairs == (("FU1", "FU4"),) and not bridges["funding"].trend_allowed
    assert bridges["joint-training"].comparable == 0
    assert all(b.items == 3 for b in bridges.values())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["items"].pop(0), "missing \\['FU4'\\]"),
        (lambda d: d["dropped"].pop(0), "unaccounted \\['RR2'\\]"),
        (
            lambda d: d["dropped"].append({"id": "FU1", "reason": "gone away"}),
            "both used and dropped \\['FU1'\\]",
        ),
        (lambda d: d["items"][0].update({"from": "PC1"}), "FU4 comes from PC1 of another factor"),
        (lambda d: _entry(d, "ME5").update(comparable=True), "ME5 is comparable with ME3 but runs the other"),
        (lambda d: _entry(d, "SP5").update(comparable=True), "SP5 is new, so it cannot be comparable"),
        (lambda d: _entry(d, "SS1").update(comparable=False), "SS1 is unchanged, so it is comparable"),
        (lambda d: d["referents"].pop("funding"), "exactly one referent"),
    ],
)
def test_a_crosswalk_that_misstates_a_statement_is_refused(change: Any, message: str) -> None:
    document = _document()
    change(document)
    with pytest.raises(ValidationError, match=message):
        VersionCrosswalk.model_validate(document)


def test_a_missing_crosswalk_is_named() -> None:
    with pytest.raises(InstrumentError, match="no crosswalk from version 2 to version 1"):
        load_version_crosswalk("2", "1")
