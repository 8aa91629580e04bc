"""The bundled evidence base's compiled form: current, equal to the YAML, never stale.

Start-up reads `data/compiled.json` instead of parsing the YAML with line tracking (issue 13).
These tests hold it to the YAML it was built from, and show that an edited YAML file wins over
a compiled form that no longer matches it.
"""

import shutil

import pytest

from joinedup.evidence import EvidenceError, load_evidence_base, loading


@pytest.fixture
def fresh_cache():
    """Forget the per-process bundled base before and after, so each test loads it itself."""
    loading._bundled_parsed.cache_clear()
    loading._bundled_base.cache_clear()
    yield
    loading._bundled_parsed.cache_clear()
    loading._bundled_base.cache_clear()


@pytest.fixture
def bundled_copy(tmp_path, monkeypatch, fresh_cache):
    """A copy of the bundled folder that the loader reads instead of the package's."""
    folder = tmp_path / "data"
    shutil.copytree(loading.bundled_data_dir(), folder)
    monkeypatch.setattr(loading, "bundled_data_dir", lambda: folder)
    return folder


def _without_yaml(monkeypatch):
    def refuse(path, label):
        raise AssertionError(f"{label} was parsed as YAML")

    monkeypatch.setattr(loading, "_read_yaml", refuse)


def test_the_shipped_compiled_form_is_current():
    shipped = (loading.bundled_data_dir() / loading.COMPILED_FILE).read_text(encoding="utf-8")
    assert shipped == loading.compile_bundled(loading.bundled_data_dir()), (
        "the bundled evidence YAML changed: run `python -m joinedup.evidence.compile`"
    )


def test_the_compiled_form_gives_the_same_base_without_parsing_yaml(monkeypatch, fresh_cache):
    from_yaml = loading._build(
        [loading._parse_file(loading.bundled_data_dir() / name, name, []) for name in loading.BUNDLED_FILES],
        [],
        [],
    )
    _without_yaml(monkeypatch)
    assert load_evidence_base() == from_yaml


def test_an_edited_yaml_file_is_read_instead_of_the_stale_compiled_form(bundled_copy):
    factors = bundled_copy / "factors.yaml"
    factors.write_text(
        factors.read_text(encoding="utf-8").replace("name: Secure, agreed funding", "name: Money agreed"),
        encoding="utf-8",
    )
    base = load_evidence_base()
    assert next(f for f in base.factors if f.id == "funding").name == "Money agreed"


def test_an_edited_yaml_file_with_a_mistake_is_reported_by_line(bundled_copy):
    factors = bundled_copy / "factors.yaml"
    factors.write_text(
        factors.read_text(encoding="utf-8").replace("name: Secure, agreed funding", "name: ''"),
        encoding="utf-8",
    )
    with pytest.raises(EvidenceError, match=r"bundled factors.yaml, line 7, field factors.0.name"):
        load_evidence_base()


def test_a_missing_compiled_form_falls_back_to_the_yaml(bundled_copy):
    (bundled_copy / loading.COMPILED_FILE).unlink()
    assert len(load_evidence_base().factors) == 16


def test_conflicts_with_a_user_folder_name_the_same_bundled_lines_either_way(
    tmp_path, monkeypatch, fresh_cache
):
    user = tmp_path / "user"
    user.mkdir()
    (user / "doubt.yaml").write_text(
        'claims:\n  - {factor: funding, work: sloper-2004, direction: inconclusive, summary: "Mixed."}\n',
        encoding="utf-8",
    )
    parse = loading._read_yaml
    monkeypatch.setattr(loading, "_read_yaml", lambda path, label: _refuse_bundled(parse, path, label))
    with pytest.raises(EvidenceError) as from_compiled:
        load_evidence_base(user)
    monkeypatch.setattr(loading, "_read_yaml", parse)
    loading._bundled_parsed.cache_clear()
    monkeypatch.setattr(loading, "_compiled_parsed", lambda folder: None)
    with pytest.raises(EvidenceError) as from_yaml:
        load_evidence_base(user)
    assert "bundled confidence.yaml, line" in "\n".join(from_compiled.value.problems)
    assert from_compiled.value.problems == from_yaml.value.problems


def _refuse_bundled(parse, path, label):
    if label.startswith("bundled "):
        raise AssertionError(f"{label} was parsed as YAML")
    return parse(path, label)


def test_nothing_is_compiled_from_a_folder_with_a_problem(bundled_copy):
    claims = bundled_copy / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8") + "\nbogus: []\n", encoding="utf-8")
    with pytest.raises(EvidenceError, match="unknown section"):
        loading.compile_bundled(bundled_copy)
