import json

from joinedup.evidence.loading import bundled_data_dir
from joinedup.evidence.schema import export_json_schemas, json_schemas, render_schema


def test_the_shipped_schemas_match_the_models():
    folder = bundled_data_dir() / "schema"
    shipped = {path.name for path in folder.glob("*.json")}
    assert shipped == set(json_schemas())
    for name, schema in json_schemas().items():
        assert (folder / name).read_text(encoding="utf-8") == render_schema(schema), (
            f"{name} is stale: run `joinedup evidence schema --out src/joinedup/evidence/data/schema`"
        )


def test_the_schemas_offer_the_factor_ids_and_forbid_unknown_fields():
    claims = json_schemas()["claims.schema.json"]
    claim = claims["$defs"]["Claim"]
    assert "co-location" in claim["properties"]["factor"]["enum"]
    assert claim["additionalProperties"] is False


def test_the_evidence_base_schema_includes_the_computed_confidence():
    schema = json_schemas()["evidence-base.schema.json"]
    assert "confidence" in schema["required"]
    assert set(schema["$defs"]["ConfidenceLevel"]["enum"]) == {"high", "moderate", "low", "very-low"}


def test_export_writes_every_schema(tmp_path):
    written = export_json_schemas(tmp_path / "out")
    assert {p.name for p in written} == set(json_schemas())
    assert all(json.loads(p.read_text(encoding="utf-8")) for p in written)
