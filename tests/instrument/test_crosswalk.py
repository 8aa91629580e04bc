from __future__ import annotations

import pytest

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.instrument.crosswalk import Crosswalk, load_crosswalk


def test_every_factor_maps_to_each_framework() -> None:
    crosswalk = load_crosswalk()
    framework_ids = {framework.id for framework in crosswalk.frameworks}
    assert framework_ids == {"wilder", "nuffield-pat", "care-inspectorate"}
    for factor in FACTOR_IDS:
        dimensions = crosswalk.dimensions_for(factor)
        assert set(dimensions) == framework_ids
        assert all(dimensions.values())


def test_the_crosswalk_holds_names_and_citations_only() -> None:
    for framework in load_crosswalk().frameworks:
        assert any(char.isdigit() for char in framework.citation), "a citation carries a year"
        assert all(len(dimension.name) <= 80 for dimension in framework.dimensions)


def test_a_mapping_to_a_dimension_that_does_not_exist_is_refused() -> None:
    document = load_crosswalk().model_dump()
    document["mappings"]["funding"]["wilder"] = ["money-tree"]
    with pytest.raises(ValueError, match="wilder has no dimensions \\['money-tree'\\]"):
        Crosswalk.model_validate(document)


def test_a_factor_missing_from_the_crosswalk_is_refused() -> None:
    document = load_crosswalk().model_dump()
    del document["mappings"]["co-location"]
    with pytest.raises(ValueError, match="missing \\['co-location'\\]"):
        Crosswalk.model_validate(document)


def test_the_cli_lists_every_factor_against_every_framework():
    import json

    from typer.testing import CliRunner

    from joinedup.cli import app
    from joinedup.evidence.ids import FACTOR_IDS

    result = CliRunner().invoke(app, ["instrument", "crosswalk", "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    frameworks = {f["id"] for f in document["frameworks"]}
    assert frameworks == {"wilder", "nuffield-pat", "care-inspectorate"}
    assert list(document["factors"]) == list(FACTOR_IDS)
    assert all(set(mapped) <= frameworks for mapped in document["factors"].values())
    assert all(f["citation"] for f in document["frameworks"])
