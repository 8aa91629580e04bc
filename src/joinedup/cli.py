"""The analyst's shell: every command reads files, calls the core and writes files.

Commands are grouped by what they work on. Each group keeps its imports inside
the command functions so that `joinedup --help` stays fast and a missing optional
dependency only breaks the command that needs it.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="joinedup",
    help="Self-assessment, evidence and action planning for integrated children's services.",
    no_args_is_help=True,
    add_completion=False,
)
evidence_app = typer.Typer(help="The evidence base: factors, works, claims, interventions.", no_args_is_help=True)
instrument_app = typer.Typer(help="The self-assessment item bank and blank response sheets.", no_args_is_help=True)
check_app = typer.Typer(help="Structural checks on roles, targets, meetings and funding.", no_args_is_help=True)
tag_app = typer.Typer(
    help="Tag free-text comments with factor ids.", invoke_without_command=True, no_args_is_help=False
)
app.add_typer(evidence_app, name="evidence")
app.add_typer(instrument_app, name="instrument")
app.add_typer(check_app, name="check")
app.add_typer(tag_app, name="tag")


# --- evidence ---------------------------------------------------------------


# --- instrument and imports -------------------------------------------------


# --- analysis ---------------------------------------------------------------


# --- structural checks ------------------------------------------------------


# --- findings and reports ---------------------------------------------------


# --- tagging ----------------------------------------------------------------


if __name__ == "__main__":
    app()
