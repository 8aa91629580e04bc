"""Which evidence base the web app shows: the bundled one, extended by the deployer's folder when set.

The deployer's folder is reread only when one of its files changes, so editing a YAML file shows
on the next page view without reparsing on every request.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings

from joinedup.evidence import EvidenceBase, load_evidence_base


def _folder_signature(folder: Path) -> tuple[tuple[str, int], ...]:
    return tuple(
        sorted((path.name, path.stat().st_mtime_ns) for path in folder.glob("*.y*ml") if path.is_file())
    )


@lru_cache(maxsize=4)
def _load(folder: str, signature: tuple[tuple[str, int], ...]) -> EvidenceBase:
    return load_evidence_base(Path(folder))


def current_evidence_base() -> EvidenceBase:
    """The evidence base for this request; raises EvidenceError (file, line, field) on an invalid folder."""
    folder = getattr(settings, "JOINEDUP_EVIDENCE_DIR", None)
    if not folder:
        return load_evidence_base()
    path = Path(folder)
    signature = _folder_signature(path) if path.is_dir() else ()
    return _load(str(path), signature)
