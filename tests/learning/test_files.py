"""Reading record files: orjson parses them, and what it refuses the standard library parses or
names, so switching parser changed neither what is accepted nor what an error says."""

from __future__ import annotations

import json

import pytest
from tests.learning.conftest import hand_record

from joinedup.learning.files import read_record_files
from joinedup.learning.pool import LearningRecordsRefused

FACTOR = "shared-purpose"


def _refused(paths: list) -> list[str]:
    with pytest.raises(LearningRecordsRefused) as refused:
        read_record_files(paths)
    return refused.value.errors


def test_a_list_file_and_a_one_record_file_read_the_same_records(tmp_path):
    records = [hand_record(i, {FACTOR: 2.5 + i / 10}) for i in range(3)]
    (tmp_path / "all.json").write_text(json.dumps(records), encoding="utf-8")
    for index, record in enumerate(records):
        (tmp_path / f"r{index}.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
    assert read_record_files([str(tmp_path / "all.json")]) == records
    assert read_record_files([tmp_path / f"r{index}.json" for index in range(3)]) == records


def test_json_that_orjson_refuses_but_the_standard_library_reads_is_still_read(tmp_path):
    """A byte-order mark (Windows editors write one) and UTF-16 are JSON the standard library
    reads; orjson refuses both, and the reader falls back rather than refusing the file."""
    record = hand_record(1, {FACTOR: 3.25})
    text = json.dumps(record)
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "utf16.json").write_bytes(text.encode("utf-16"))
    assert read_record_files([tmp_path / "bom.json", tmp_path / "utf16.json"]) == [record, record]


def test_broken_files_are_named_as_the_standard_library_names_them(tmp_path):
    (tmp_path / "cut.json").write_text('{"format": ', encoding="utf-8")
    (tmp_path / "latin.json").write_bytes('{"lesson": "caf\u00e9"}'.encode("latin-1"))
    (tmp_path / "nan.json").write_text(json.dumps(hand_record(2, {FACTOR: float("nan")})), encoding="utf-8")
    errors = _refused([tmp_path / "cut.json", tmp_path / "latin.json", tmp_path / "nan.json"])
    assert errors[0] == f"{tmp_path / 'cut.json'}: is not JSON (line 1, column 12: Expecting value)"
    assert errors[1] == f"{tmp_path / 'latin.json'}: is not UTF-8 text"
    assert errors[2].startswith(f"{tmp_path / 'nan.json'}: factors.{FACTOR}.mean: must be a number")
