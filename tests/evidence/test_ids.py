import yaml

from joinedup.evidence.ids import FACTOR_IDS


def test_factor_ids_match_the_shared_spec(factors_spec_path):
    spec = yaml.safe_load(factors_spec_path.read_text(encoding="utf-8"))
    assert [f["id"] for f in spec["factors"]] == list(FACTOR_IDS)
