"""The Typer application and its command groups, shared by the command modules.

Kept apart from `__init__` so that each command module can import the group it
registers on without importing the others.
"""

from __future__ import annotations

import typer

from joinedup.cli._common import EXIT_CODES_HELP

SETUP = "Set up: evidence and instrument"
DATA = "Data: check and analyse responses"
REPORTS = "Reports: findings and reports"
STRUCTURE = "Structure: roles, targets, meetings and funding"
TEXT = "Text: comments and tagging"
LEARNING = "Learning across partnerships"

app = typer.Typer(
    name="joinedup",
    help="Self-assessment, evidence and action planning for integrated children's services.",
    no_args_is_help=True,
    add_completion=False,
    epilog=EXIT_CODES_HELP,
)
evidence_app = typer.Typer(
    help="The evidence base: factors, works, claims, interventions.", no_args_is_help=True
)
instrument_app = typer.Typer(
    help="The self-assessment item bank and blank response sheets.", no_args_is_help=True
)
check_app = typer.Typer(
    help="Structural checks on roles, targets, meetings and funding.", no_args_is_help=True
)
tag_app = typer.Typer(
    help="Tag free-text comments with factor ids.", invoke_without_command=True, no_args_is_help=False
)
app.add_typer(evidence_app, name="evidence", rich_help_panel=SETUP)
app.add_typer(instrument_app, name="instrument", rich_help_panel=SETUP)
app.add_typer(check_app, name="check", rich_help_panel=STRUCTURE)
app.add_typer(tag_app, name="tag", rich_help_panel=TEXT)
