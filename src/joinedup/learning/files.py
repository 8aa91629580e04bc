"""Reading learning records and lessons from files, all or nothing.

Records come as JSON files holding one record or a list of records (a deployment exporting
many at once). Every problem in every file is collected, named by file (and position in a
list), before anything is pooled, so an import of records from elsewhere either takes them
all or none.

Files are parsed with orjson, about twice as fast as the standard library on ten thousand
records; whatever orjson refuses is parsed again by the standard library, which accepts the
same JSON plus a little more (a byte-order mark, UTF-16, NaN, huge integers) and names the
line and column of a real error, so what is accepted and what an error says do not change.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import orjson

from joinedup.learning.pool import LearningRecordsRefused
from joinedup.learning.record import LESSON_LENGTH, validate_learning_record

RECORD_FILE_BYTES = 64 * 1024 * 1024
"""The largest records file read: far above 10,000 records, far below what would exhaust memory."""


def read_record_files(
    paths: Sequence[str | Path], *, progress: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    """Every record in the files, checked; raises LearningRecordsRefused naming each problem.

    `progress`, when given, is told after each file how many have been read.
    """
    records: list[dict[str, Any]] = []
    errors: list[str] = []
    for done, path in enumerate(paths, start=1):
        found = _read_one(path, errors)
        for label, record in found:
            problems = validate_learning_record(record)
            if problems:
                errors.extend(f"{label}: {problem}" for problem in problems)
            else:
                records.append(record)
        if progress is not None:
            progress(done)
    if errors:
        raise LearningRecordsRefused(errors)
    return records


def _read_one(path: str | Path, errors: list[str]) -> Iterable[tuple[str, Any]]:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(RECORD_FILE_BYTES + 1)
        if len(raw) > RECORD_FILE_BYTES:
            errors.append(f"{path}: larger than {RECORD_FILE_BYTES // (1024 * 1024)} MB; split it")
            return []
        data = _parsed(raw)
    except FileNotFoundError:
        errors.append(f"{path}: no such file")
        return []
    except OSError as error:
        errors.append(f"{path}: cannot be read ({error.strerror})")
        return []
    except UnicodeDecodeError:
        errors.append(f"{path}: is not UTF-8 text")
        return []
    except json.JSONDecodeError as error:
        errors.append(f"{path}: is not JSON (line {error.lineno}, column {error.colno}: {error.msg})")
        return []
    if isinstance(data, list):
        return [(f"{path} record {index + 1}", item) for index, item in enumerate(data)]
    return [(str(path), data)]


def _parsed(raw: bytes) -> Any:
    """The JSON value in `raw`: orjson first, the standard library for anything orjson refuses."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw)


def read_lessons(path: Path) -> dict[str, str]:
    """Lessons from a CSV or spreadsheet with columns `action` (the action's id) and `lesson`.

    Raises TableError naming file, row, column, value and reason for a missing column, a repeated
    action or a lesson longer than `LESSON_LENGTH` characters.
    """
    from joinedup.io.tables import RowError, TableError, read_table

    table = read_table(path)
    label = str(path)
    missing = [name for name in ("action", "lesson") if name not in table.header]
    if missing:
        raise TableError(
            [RowError(label, table.header_row, name, None, "is a required column") for name in missing]
        )
    lessons: dict[str, str] = {}
    problems: list[RowError] = []
    for row, cells in table.records():
        action, lesson = cells["action"].strip(), cells["lesson"].strip()
        if not action:
            problems.append(RowError(label, row, "action", "", "is required: the action's id"))
        elif action in lessons:
            problems.append(RowError(label, row, "action", action, "is repeated: one lesson per action"))
        elif len(lesson) > LESSON_LENGTH:
            problems.append(
                RowError(label, row, "lesson", lesson[:40], f"is over {LESSON_LENGTH} characters")
            )
        elif lesson:
            lessons[action] = lesson
    if problems:
        raise TableError(problems)
    return lessons
