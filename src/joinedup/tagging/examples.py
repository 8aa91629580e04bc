"""Labelled texts: what the tagger learns from and what it is judged against.

Both the shipped training examples and the held-out test set are YAML files of
`{text, factors}` entries, so one strict reader serves both and a typo in a factor
id is caught with its file and entry number instead of silently weakening a label.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from joinedup.evidence.ids import FACTOR_IDS

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when present: it reads the training examples ten times faster."""


class LabelledTextError(ValueError):
    """A labelled-text file that cannot be used; the message names where and why."""


@dataclass(frozen=True)
class LabelledText:
    """A text and the factors a person judged it to be about (none is a valid answer)."""

    text: str
    factors: tuple[str, ...]


def parse_labelled_texts(content: str, *, source: str) -> list[LabelledText]:
    """Read a `{version, examples: [{text, factors}]}` YAML document, all or nothing."""
    try:
        document = yaml.load(content, Loader=SAFE_LOADER)  # noqa: S506  (a safe loader, C or pure Python)
    except yaml.YAMLError as error:
        raise LabelledTextError(f"{source}: not valid YAML ({error})") from error
    if not isinstance(document, dict) or not isinstance(document.get("examples"), list):
        raise LabelledTextError(f"{source}: expected a mapping with an 'examples' list")
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
        parsed.append(LabelledText(text=text, factors=tuple(factors)))
    if not parsed:
        raise LabelledTextError(f"{source}: the 'examples' list is empty")
    return parsed


@lru_cache(maxsize=1)
def training_examples() -> tuple[LabelledText, ...]:
    """The examples shipped inside the package, the only data the default taggers train on."""
    resource = resources.files("joinedup.tagging").joinpath("data", "training.yaml")
    content = resource.read_text(encoding="utf-8")
    return tuple(parse_labelled_texts(content, source="joinedup/tagging/data/training.yaml"))
