"""Load the bundled evidence base and, optionally, a user's folder that extends or overrides it.

Users edit YAML by hand, so every problem is reported with the file, the line and the field,
all problems at once, and nothing is loaded unless everything is valid.

The bundled YAML is also shipped in a compiled form (`data/compiled.json`: each file's data,
the line of each entry and the file's SHA-256), written by `python -m joinedup.evidence.compile`.
Parsing the YAML with line tracking cost a fifth of a second of every command's start-up
(issue 13); reading the JSON costs a few milliseconds. The compiled form is used only while
every bundled file's hash matches it, so an edited YAML file is never shadowed by a stale
compiled one: it is parsed afresh (and a test fails until the compiled form is rebuilt).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from joinedup.evidence.base import EvidenceBase
from joinedup.evidence.ids import FACTOR_IDS
from joinedup.evidence.keys import work_key
from joinedup.evidence.models import (
    Basis,
    Claim,
    ConfidenceAssessment,
    Factor,
    Intervention,
    UnresolvedCitation,
    Work,
)
from joinedup.evidence.rating import assessment_problems

SECTIONS: dict[str, type[BaseModel]] = {
    "factors": Factor,
    "works": Work,
    "claims": Claim,
    "interventions": Intervention,
    "confidence": ConfidenceAssessment,
    "unresolved": UnresolvedCitation,
}
"""Top-level keys an evidence file may hold, and the model of each entry."""

_IDENTITY_FIELD: dict[str, str] = {
    "factors": "id",
    "works": "key",
    "interventions": "id",
    "confidence": "factor",
    "unresolved": "text",
}

BUNDLED_FILES: tuple[str, ...] = (
    "factors.yaml",
    "works.yaml",
    "claims.yaml",
    "interventions.yaml",
    "confidence.yaml",
)


class EvidenceError(ValueError):
    """One or more problems in evidence files; `problems` lists each as "file, line N, field F: reason"."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("the evidence base was not loaded:\n" + "\n".join(f"  {p}" for p in problems))


@dataclass(frozen=True)
class _Located:
    """A validated record and where it was written, so later cross-checks can point at it."""

    record: Any
    file: str
    line: int


Path_ = tuple[str | int, ...]
_Parsed = dict[str, list[_Located]]


def _node_lines(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    """Record the line of every mapping value and sequence item, keyed by its path in the document."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, key_node.value)
            _node_lines(value_node, child, lines)
            lines[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _node_lines(item, (*path, index), lines)


def _line_of(lines: dict[Path_, int], path: Path_) -> int:
    """The line of the path, or of its nearest ancestor when the field is missing altogether."""
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def _read_yaml(path: Path, label: str) -> tuple[Any, dict[Path_, int]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise EvidenceError([f"{label}: cannot be read ({error})"]) from error
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise EvidenceError([f"{label}, line {line}: not valid YAML ({error.problem or error})"]) from error
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        raise EvidenceError([f"{label}, line {line}: not valid YAML ({error.reason})"]) from error
    except yaml.YAMLError as error:
        raise EvidenceError([f"{label}: not valid YAML ({error})"]) from error
    lines: dict[Path_, int] = {}
    if node is not None:
        _node_lines(node, (), lines)
    return data, lines


def _field_name(loc: tuple[str | int, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(entry)"


def _parse_file(path: Path, label: str, problems: list[str]) -> _Parsed:
    """Read one YAML file with the line of every field and validate its entries."""
    try:
        data, lines = _read_yaml(path, label)
    except EvidenceError as error:
        problems.extend(error.problems)
        return {}
    return _validate(data, lines, label, problems)


def _validate(data: Any, lines: dict[Path_, int], label: str, problems: list[str]) -> _Parsed:
    """Validate each entry on its own so that one file can report all its problems together."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(f"{label}, line 1: expected a mapping with keys {', '.join(SECTIONS)}")
        return {}
    parsed: _Parsed = {}
    for section, entries in data.items():
        model = SECTIONS.get(section)
        if model is None:
            problems.append(
                f"{label}, line {_line_of(lines, (section,))}, field {section}: "
                f"unknown section; expected one of {', '.join(SECTIONS)}"
            )
            continue
        if not isinstance(entries, list):
            problems.append(f"{label}, line {_line_of(lines, (section,))}, field {section}: expected a list")
            continue
        located = parsed.setdefault(section, [])
        for index, entry in enumerate(entries):
            try:
                record = model.model_validate(entry)
            except ValidationError as error:
                for detail in error.errors():
                    loc = tuple(detail["loc"])
                    line = _line_of(lines, (section, index, *loc))
                    field = _field_name((section, index, *loc)) if loc else f"{section}.{index}"
                    problems.append(f"{label}, line {line}, field {field}: {detail['msg']}")
                continue
            located.append(_Located(record, label, _line_of(lines, (section, index))))
    return parsed


def _evidence_files(folder: Path) -> Iterator[Path]:
    yield from sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())


@dataclass
class _Merged:
    """Records keyed by identity; a later source replaces an earlier one with the same identity."""

    factors: dict[str, _Located]
    works: dict[str, _Located]
    claims: dict[tuple[str, str], list[_Located]]
    interventions: dict[str, _Located]
    confidence: dict[str, _Located]
    unresolved: dict[str, _Located]

    @classmethod
    def empty(cls) -> _Merged:
        return cls({}, {}, {}, {}, {}, {})

    def add(self, parsed: _Parsed, problems: list[str], overriding: bool) -> None:
        """Fold one file in. Within one file a repeated identity is an error; across files it overrides."""
        seen_pairs: set[tuple[str, str]] = set()
        for section, by_identity in (
            ("factors", self.factors),
            ("works", self.works),
            ("interventions", self.interventions),
            ("confidence", self.confidence),
            ("unresolved", self.unresolved),
        ):
            seen: set[str] = set()
            for item in parsed.get(section, []):
                identity = getattr(item.record, _IDENTITY_FIELD[section])
                if identity in seen or (identity in by_identity and not overriding):
                    problems.append(
                        f"{item.file}, line {item.line}, field {section}: {identity!r} is defined twice"
                    )
                seen.add(identity)
                by_identity[identity] = item
        for item in parsed.get("claims", []):
            pair = (item.record.factor, item.record.work)
            if overriding and pair not in seen_pairs:
                self.claims[pair] = []
            seen_pairs.add(pair)
            self.claims.setdefault(pair, []).append(item)


def _cross_check(merged: _Merged, problems: list[str]) -> None:
    """Check what single entries cannot: key rule, references between records, the full set of factors."""
    for key, item in merged.works.items():
        work = item.record
        expected = work_key(work.authors[0], work.year, work.suffix)
        if key != expected:
            problems.append(
                f"{item.file}, line {item.line}, field works.key: {key!r} does not follow the key rule; "
                f"the first author, year and suffix give {expected!r}"
            )
    for items in merged.claims.values():
        for item in items:
            if item.record.work not in merged.works:
                problems.append(
                    f"{item.file}, line {item.line}, field claims.work: no work with key {item.record.work!r}"
                )
    for key, item in merged.works.items():
        for included in item.record.includes:
            if included not in merged.works or included == key:
                problems.append(
                    f"{item.file}, line {item.line}, field works.includes: "
                    f"no other work with key {included!r}"
                )
    reporting: dict[str, set[str]] = {}
    for items in merged.claims.values():
        for claim_item in items:
            if claim_item.record.basis is not Basis.GENERAL:
                reporting.setdefault(claim_item.record.factor, set()).add(claim_item.record.work)
    for item in merged.interventions.values():
        intervention = item.record
        for field in ("factor_works", "action_works"):
            for key in getattr(intervention, field):
                if key not in merged.works:
                    problems.append(
                        f"{item.file}, line {item.line}, field interventions.{field}: "
                        f"no work with key {key!r}"
                    )
        for key in intervention.factor_works:
            if key in merged.works and not any(key in reporting.get(f, set()) for f in intervention.factors):
                problems.append(
                    f"{item.file}, line {item.line}, field interventions.factor_works: {key!r} has no claim "
                    f"on {', '.join(intervention.factors)} that reports the factor"
                )
    missing = [factor_id for factor_id in FACTOR_IDS if factor_id not in merged.factors]
    if missing:
        problems.append(f"(all files): factors missing: {', '.join(missing)}")
    unassessed = [factor_id for factor_id in FACTOR_IDS if factor_id not in merged.confidence]
    if unassessed:
        problems.append(f"(all files): no confidence assessment for: {', '.join(unassessed)}")
    if problems:
        return
    works = {key: item.record for key, item in merged.works.items()}
    for factor_id, item in merged.confidence.items():
        claims = [c.record for items in merged.claims.values() for c in items if c.record.factor == factor_id]
        for problem in assessment_problems(item.record, claims, works):
            problems.append(f"{item.file}, line {item.line}, field confidence ({factor_id}): {problem}")


def _build(bundled: list[_Parsed], user: list[_Parsed], problems: list[str]) -> EvidenceBase:
    merged = _Merged.empty()
    for parsed in bundled:
        merged.add(parsed, problems, overriding=False)
    for parsed in user:
        merged.add(parsed, problems, overriding=True)
    if not problems:
        _cross_check(merged, problems)
    if problems:
        raise EvidenceError(problems)
    return EvidenceBase(
        factors=[merged.factors[factor_id].record for factor_id in FACTOR_IDS],
        works=sorted((item.record for item in merged.works.values()), key=lambda work: work.key),
        claims=[item.record for items in merged.claims.values() for item in items],
        interventions=[item.record for item in merged.interventions.values()],
        assessments=[merged.confidence[factor_id].record for factor_id in FACTOR_IDS],
        unresolved=[item.record for item in merged.unresolved.values()],
    )


def bundled_data_dir() -> Path:
    """The folder of the YAML shipped inside the package."""
    return Path(str(resources.files("joinedup.evidence") / "data"))


COMPILED_FILE = "compiled.json"
"""The bundled files' compiled form, beside them in `data/`."""

_COMPILED_FORMAT = 1


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compile_bundled(folder: Path) -> str:
    """The compiled form of the evidence files in `folder`, as JSON text.

    Refuses (EvidenceError) unless the files load without a problem, so a compiled form is
    never written for a base that would not load. Keeps the lines of the sections and their
    entries, which is what the cross-checks name when a user's file conflicts with a bundled
    entry; a problem within an entry is caught here, before compiling, with its exact line.
    """
    problems: list[str] = []
    files: dict[str, Any] = {}
    parsed = []
    for name in BUNDLED_FILES:
        data, lines = _read_yaml(folder / name, f"bundled {name}")
        parsed.append(_validate(data, lines, f"bundled {name}", problems))
        entry_lines = [[*path, line] for path, line in lines.items() if 1 <= len(path) <= 2]
        files[name] = {"sha256": _digest(folder / name), "data": data, "lines": entry_lines}
    _build(parsed, [], problems)
    return json.dumps({"format": _COMPILED_FORMAT, "files": files}, ensure_ascii=False) + "\n"


def _compiled_parsed(folder: Path) -> tuple[_Parsed, ...] | None:
    """The bundled files from their compiled form, or None if it is missing or any file changed since."""
    try:
        compiled = json.loads((folder / COMPILED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(compiled, dict) or compiled.get("format") != _COMPILED_FORMAT:
        return None
    parsed = []
    for name in BUNDLED_FILES:
        entry = compiled["files"].get(name)
        if entry is None or entry["sha256"] != _digest(folder / name):
            return None
        problems: list[str] = []
        lines = {tuple(path): line for *path, line in entry["lines"]}
        parsed.append(_validate(entry["data"], lines, f"bundled {name}", problems))
        if problems:
            return None
    return tuple(parsed)


@cache
def _bundled_parsed() -> tuple[_Parsed, ...]:
    """Parsed once per process: records are immutable, so every merge can start from the same ones.

    From the compiled form when it matches the YAML; otherwise (or when the models have changed
    so that an entry no longer validates) from the YAML, whose errors name the exact line."""
    folder = bundled_data_dir()
    compiled = _compiled_parsed(folder)
    if compiled is not None:
        return compiled
    problems: list[str] = []
    parsed = tuple(_parse_file(folder / name, f"bundled {name}", problems) for name in BUNDLED_FILES)
    if problems:
        raise EvidenceError(problems)
    return parsed


@cache
def _bundled_base() -> EvidenceBase:
    return _build(list(_bundled_parsed()), [], [])


def load_evidence_base(extra_dir: Path | None = None) -> EvidenceBase:
    """The bundled evidence base, extended or overridden by the YAML files in `extra_dir`.

    A user file may hold any of the sections `factors`, `works`, `claims`, `interventions`,
    `confidence`, `unresolved`. A factor, work, intervention or confidence assessment with an
    existing id, key or factor replaces the bundled one; claims for a (factor, work) pair replace
    all bundled claims for that pair; anything new is added. The bundled-only base is cached; a
    user folder is read afresh on every call so edits show at once. Raises EvidenceError naming
    file, line and field; loads nothing then.
    """
    if extra_dir is None:
        return _bundled_base()
    folder = Path(extra_dir)
    if not folder.is_dir():
        raise EvidenceError([f"{folder}: is not a folder of evidence YAML files"])
    problems: list[str] = []
    user = [_parse_file(path, str(path), problems) for path in _evidence_files(folder)]
    return _build(list(_bundled_parsed()), user, problems)
