"""Labelled texts: what the tagger learns from and what it is judged against.

The training examples and the held-out test sets are YAML files of
`{register, examples: [{factors, box, text}]}`, so one strict reader serves both and a
typo in a factor id is caught with its file and entry number instead of silently
weakening a label. Each example keeps its register (survey comment, minutes, inspection
or research prose) so results can be read per register, and, for survey comments, the
box it was typed in, which the tagger uses as a prior.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml

from joinedup.evidence.ids import FACTOR_IDS

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when present: it reads the training examples ten times faster."""
ORIGINAL_REGISTER = "original"
"""The register of the first 343 examples (`data/training.yaml`), written before registers were kept."""


class LabelledTextError(ValueError):
    """A labelled-text file that cannot be used; the message names where and why."""


@dataclass(frozen=True)
class LabelledText:
    """A text and the factors a person judged it to be about (none is a valid answer).

    `box` is the factor whose comment box the text was typed in, when it came from a survey.
    """

    text: str
    factors: tuple[str, ...]
    register: str = ""
    box: str | None = None
    source: str = ""
    """Where the example was read from (file and entry number), for error messages."""


def parse_labelled_texts(content: str, *, source: str, register: str = "") -> list[LabelledText]:
    """Read a `{version, register, examples: [{text, factors, box}]}` YAML document, all or nothing.

    The document's `register` wins over the `register` argument, which is the fallback for
    files written before registers were recorded.
    """
    try:
        document = yaml.load(content, Loader=SAFE_LOADER)  # noqa: S506  (a safe loader, C or pure Python)
    except yaml.YAMLError as error:
        raise LabelledTextError(f"{source}: not valid YAML ({error})") from error
    if not isinstance(document, dict) or not isinstance(document.get("examples"), list):
        raise LabelledTextError(f"{source}: expected a mapping with an 'examples' list")
    declared = document.get("register", register)
    if not isinstance(declared, str):
        raise LabelledTextError(f"{source}: field 'register': value {declared!r} is not a string")
    known = set(FACTOR_IDS)
    parsed: list[LabelledText] = []
    for number, entry in enumerate(document["examples"], start=1):
        where = f"{source}: example {number}"
        if not isinstance(entry, dict):
            raise LabelledTextError(f"{where}: expected a mapping with 'text' and 'factors', got {entry!r}")
        text = entry.get("text")
        if not isinstance(text, str) or not text.strip():
            raise LabelledTextError(f"{where}, field 'text': value {text!r} is not a non-empty string")
        factors = entry.get("factors")
        if not isinstance(factors, list):
            raise LabelledTextError(f"{where}, field 'factors': value {factors!r} is not a list")
        for factor in factors:
            if factor not in known:
                raise LabelledTextError(f"{where}, field 'factors': value {factor!r} is not a factor id")
        if len(set(factors)) != len(factors):
            raise LabelledTextError(f"{where}, field 'factors': value {factors!r} repeats a factor")
        box = entry.get("box")
        if box is not None and box not in known:
            raise LabelledTextError(f"{where}, field 'box': value {box!r} is not a factor id")
        parsed.append(
            LabelledText(text=text, factors=tuple(factors), register=declared, box=box, source=where)
        )
    if not parsed:
        raise LabelledTextError(f"{source}: the 'examples' list is empty")
    return parsed


def refuse_duplicates(examples: Iterable[LabelledText]) -> None:
    """Refuse two examples with the same wording (case, spacing and punctuation aside).

    A repeated text would count twice in training and, in cross-validation, sit on both sides
    of a fold, flattering the scores the hyper-parameters and thresholds are chosen on.
    """
    from joinedup.tagging.corrections import normalise_text

    seen: dict[str, LabelledText] = {}
    for example in examples:
        key = normalise_text(example.text)
        if key in seen:
            raise LabelledTextError(f"{example.source}: the text {example.text!r} repeats {seen[key].source}")
        seen[key] = example


def read_labelled_files(files: Sequence[tuple[str, Path | Traversable]]) -> tuple[LabelledText, ...]:
    """Every example of these `(name, file)` pairs, in order, checked for duplicates across files.

    A file without a `register` field takes its name's stem as its register, except the
    original `training.yaml`, whose register is `ORIGINAL_REGISTER`.
    """
    examples: list[LabelledText] = []
    for name, file in files:
        stem = file.name.rsplit(".", 1)[0]
        fallback = ORIGINAL_REGISTER if stem == "training" else stem
        examples += parse_labelled_texts(file.read_text(encoding="utf-8"), source=name, register=fallback)
    refuse_duplicates(examples)
    return tuple(examples)


def training_files() -> list[tuple[str, Traversable]]:
    """The shipped training files: the original `training.yaml`, then one file per register."""
    data = resources.files("joinedup.tagging").joinpath("data")
    per_register = data.joinpath("training")
    registers = (
        sorted((file for file in per_register.iterdir() if file.name.endswith(".yaml")), key=lambda f: f.name)
        if per_register.is_dir()
        else []
    )
    return [
        ("joinedup/tagging/data/training.yaml", data.joinpath("training.yaml")),
        *((f"joinedup/tagging/data/training/{file.name}", file) for file in registers),
    ]


@lru_cache(maxsize=1)
def training_examples() -> tuple[LabelledText, ...]:
    """The examples shipped inside the package, the only data the taggers train on."""
    return read_labelled_files(training_files())


def labelled_directory(folder: Path) -> tuple[LabelledText, ...]:
    """All `*.yaml` files of a folder (a held-out test set, say), in name order."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise LabelledTextError(f"{folder}: no .yaml files of labelled texts")
    return read_labelled_files([(str(file), file) for file in files])
