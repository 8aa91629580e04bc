"""Write the report template's compiled form into the package.

    python -m joinedup.reports.compile_template [--out FILE]

Run it whenever `joinedup/reports/templates/report.html.j2`, the report's Jinja environment or
the Jinja version changes: until then the report compiles the template on every run (slower,
same result) and a test fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path

from joinedup.reports.html import COMPILED_TEMPLATE_MODULE, compiled_template_text


def _shipped_path() -> Path:
    parent, _, leaf = COMPILED_TEMPLATE_MODULE.rpartition(".")
    spec = importlib.util.find_spec(parent)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"cannot find the package {parent}")
    return Path(next(iter(spec.submodule_search_locations))) / f"{leaf}.py"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, help="File to write (default: the shipped module).")
    arguments = parser.parse_args(argv)
    text = compiled_template_text()
    target = arguments.out or _shipped_path()
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({len(text.encode()) / 1000:.0f} kB)")


if __name__ == "__main__":
    main(sys.argv[1:])
