"""Finding and loading the bundled versions of the item bank.

Each version is its own file (`data/items-v<N>.yaml`) so that a version used by a
round is never edited in place: a change is a new file and a new version number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

from pydantic import ValidationError

from joinedup.instrument.bundled import read_bundled_yaml
from joinedup.instrument.model import Instrument

_VERSION_FILE = re.compile(r"^items-v(?P<version>[0-9]+)\.yaml$")

DEFAULT_VERSION = "1"
"""The version a new round gets unless someone chooses another.

Version 2 fixes known faults of version 1 but has not yet been through cognitive
interviews or validated on real answers, and a partnership that changes version
loses most factor trends for one round (docs/instrument.md). So version 1 stays the
default until version 2 has been piloted; version 2 is chosen per round.
"""


class InstrumentError(ValueError):
    """A requested or bundled instrument version is missing or malformed."""


def _bundled_files() -> dict[str, str]:
    data = resources.files("joinedup.instrument") / "data"
    found = {}
    for entry in data.iterdir():
        match = _VERSION_FILE.match(entry.name)
        if match:
            found[match["version"]] = entry.name
    return found


def list_versions() -> list[str]:
    """Oldest first, compared as numbers so that version 10 follows version 9."""
    return sorted(_bundled_files(), key=int)


def load_instrument(version: str | None = None) -> Instrument:
    """`DEFAULT_VERSION` when `version` is None."""
    versions = list_versions()
    if not versions:
        raise InstrumentError("no item bank is bundled with this installation")
    chosen = DEFAULT_VERSION if version is None else str(version)
    if chosen not in versions:
        raise InstrumentError(
            f"instrument version {chosen!r} does not exist; versions: {', '.join(versions)}"
        )
    return _load(chosen)


@cache
def _load(version: str) -> Instrument:
    name = _bundled_files()[version]
    try:
        instrument = Instrument.model_validate(read_bundled_yaml(name))
    except ValidationError as error:
        raise InstrumentError(f"{name} is not a valid item bank: {error}") from error
    if instrument.version != version:
        raise InstrumentError(
            f"{name} declares version {instrument.version!r}; the file name says {version!r}"
        )
    return instrument


def best_matching_version(columns: Iterable[str]) -> str | None:
    """The version with the largest share of its statement ids among `columns`, or None
    when no version has any; a shell uses it to catch a file read with the wrong version."""
    present = set(columns)
    shares = {
        version: len(present & set(ids)) / len(ids)
        for version in list_versions()
        if (ids := load_instrument(version).item_ids())
    }
    best = max(shares, key=shares.__getitem__)
    return best if shares[best] > 0 else None
