"""Reading the YAML files bundled in `joinedup/instrument/data/`.

Every command loads the item bank and the reference lists; PyYAML's pure-Python parser took
about 0.07 s of each command's start-up for them (issue 13). libyaml's C parser reads the
same files to the same data in a tenth of the time, so it is used whenever PyYAML was built
with it; where it was not, the pure-Python safe loader gives the same result, more slowly.
Both are safe loaders: a bundled file can only describe plain data.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when present, else PyYAML's own."""


def parse_yaml(text: str) -> Any:
    """The plain data a YAML document holds, as `yaml.safe_load` would give it."""
    return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506  (a safe loader, C or pure Python)


def read_bundled_yaml(*parts: str) -> Any:
    """The data of a file under `joinedup/instrument/data/`, named by its path parts."""
    path = resources.files("joinedup.instrument").joinpath("data", *parts)
    return parse_yaml(path.read_text(encoding="utf-8"))
