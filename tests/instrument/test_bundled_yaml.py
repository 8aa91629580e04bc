"""The instrument's bundled YAML is read with libyaml's C parser, to the same data as PyYAML's own.

Start-up of every command reads the item banks and reference lists (issue 13); the C parser
is ten times faster, and these tests hold it to exactly the data the pure-Python parser gives.
"""

from importlib import resources

import pytest
import yaml

from joinedup.instrument import bank, bundled, crosswalk, reference, translations, versions


def _bundled_yaml_files():
    data = resources.files("joinedup.instrument") / "data"
    found = []
    for entry in data.iterdir():
        if entry.name.endswith(".yaml"):
            found.append(entry)
        elif entry.is_dir():
            found.extend(child for child in entry.iterdir() if child.name.endswith(".yaml"))
    return sorted(found, key=lambda entry: entry.name)


def test_libyaml_is_used_where_pyyaml_has_it():
    assert yaml.__with_libyaml__, "this environment's PyYAML lacks libyaml; start-up is slower"
    assert bundled.SAFE_LOADER is yaml.CSafeLoader


@pytest.mark.parametrize("entry", _bundled_yaml_files(), ids=lambda entry: entry.name)
def test_every_bundled_file_parses_to_the_same_data_as_the_pure_python_loader(entry):
    text = entry.read_text(encoding="utf-8")
    assert bundled.parse_yaml(text) == yaml.safe_load(text)


def test_the_loaders_never_use_the_pure_python_parser(monkeypatch):
    loaders = (
        bank._load,
        reference.load_agency_list,
        reference.load_role_group_list,
        crosswalk.load_crosswalk,
        translations.load_bank_translation,
        translations.load_role_group_translation,
        versions.load_version_crosswalk,
    )
    for loader in loaders:
        loader.cache_clear()

    def refuse(*args, **kwargs):
        raise AssertionError("parsed with yaml.safe_load")

    monkeypatch.setattr(yaml, "safe_load", refuse)
    try:
        assert bank.load_instrument("1").version == "1"
        assert bank.load_instrument("2").version == "2"
        assert reference.load_agency_types()
        assert reference.load_role_groups("wales")
        assert crosswalk.load_crosswalk().frameworks
        assert translations.load_bank_translation("1", "cy").language == "cy"
        assert translations.load_role_group_translation("cy").names
        assert versions.load_version_crosswalk("1", "2")
    finally:
        for loader in loaders:
            loader.cache_clear()


def test_a_pure_python_parser_gives_the_same_instrument(monkeypatch):
    bank._load.cache_clear()
    try:
        fast = bank.load_instrument("1")
        bank._load.cache_clear()
        monkeypatch.setattr(bundled, "SAFE_LOADER", yaml.SafeLoader)
        assert bank.load_instrument("1") == fast
    finally:
        bank._load.cache_clear()
