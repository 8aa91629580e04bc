"""The analyst's shell: every command reads files, calls the core and writes files.

One module per command group registers its commands on the shared Typer app in
`_app` (the entry point is `joinedup.cli:app`). The top-level commands' modules are
imported here; the modules of the evidence, instrument, check and learning groups
only when that group is used (`_app._LAZY_GROUPS`), since the others never need
them. A new command goes in the module of its group. Heavy modules (pandas, scipy,
weasyprint, ...) are imported inside the command functions so that `joinedup --help`
stays fast and a missing optional dependency only breaks the command that needs it.
"""

from __future__ import annotations

from joinedup.cli import (  # noqa: F401  (each module registers its commands on import)
    analysis,
    report,
    responses,
    tag,
)
from joinedup.cli._app import app

__all__ = ["app"]
