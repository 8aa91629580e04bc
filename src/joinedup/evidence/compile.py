"""Write the bundled evidence base's compiled form into the package.

    python -m joinedup.evidence.compile [--out FILE]

Run it whenever a bundled YAML file in `joinedup/evidence/data/` changes: until then the loader
parses the YAML on every run (slower start-up, same result) and a test fails. It refuses to
write anything while the YAML has a problem, and prints each problem with file, line and field.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from joinedup.evidence.loading import COMPILED_FILE, EvidenceError, bundled_data_dir, compile_bundled


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, help=f"File to write (default data/{COMPILED_FILE}).")
    arguments = parser.parse_args(argv)
    folder = bundled_data_dir()
    try:
        text = compile_bundled(folder)
    except EvidenceError as error:
        raise SystemExit(str(error)) from error
    target = arguments.out or folder / COMPILED_FILE
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({len(text.encode()) / 1000:.0f} kB)")


if __name__ == "__main__":
    main(sys.argv[1:])
