"""Learning across partnerships: learning records, pooling, open data and the record schema.

Thin shell over `joinedup.learning`: read files, call the core, write files. Heavy modules are
imported inside the commands so that `joinedup --help` stays fast.

Record files are taken as plain strings, not `Path`: Typer builds a new Pydantic validator for
every `Path` value, which for 10,000 record files cost more than reading and pooling them.
"""

from __future__ import annotations

import enum
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from joinedup.cli._app import learning_app
from joinedup.cli._common import OutAlias, fail, fail_all, output_path, required_output, write_text
from joinedup.cli._pipeline import FILES_VERSION_HELP, MIN_GROUP_HELP, ROUND_ORDER_HELP


class PoolFormat(enum.StrEnum):
    """Pooled results for a machine (JSON) or a person (one HTML page)."""

    json = "json"
    html = "html"


_MANY_FILES = 20
"""From this many record files on, pooling shows a progress bar."""


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while records are read and pooled.

    Parsing 10,000 records makes millions of dicts and lists; as they pile up the collector keeps
    walking them (again in full each time the heap grows by a quarter) and finds nothing, since
    JSON holds no cycles and reference counting frees it all: about 0.3 s of CPU for nothing.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _records(files: list[str]) -> list[dict[str, object]]:
    """Every record in the files (exit 2 naming each problem, nothing pooled, if any is bad)."""
    import sys

    from joinedup.learning.files import read_record_files
    from joinedup.learning.pool import LearningRecordsRefused

    try:
        if len(files) < _MANY_FILES or not sys.stderr.isatty():
            return read_record_files(files)
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("Reading learning records", total=len(files))
            return read_record_files(files, progress=lambda done: bar.update(task, completed=done))
    except LearningRecordsRefused as refused:
        fail_all(
            f"{len(refused.errors)} problem(s) in the learning records; nothing was pooled:", refused.errors
        )


def read_practice(path: str) -> dict[str, object]:
    """Pooled learning results from a `joinedup learning pool --format json` file, checked again
    for the minimum of partnerships (exit 2 naming every problem when they are not sound)."""
    import json

    from joinedup.learning.pool import validate_pooled

    try:
        pooled = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        fail(f"--practice: {path}: no such file")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        fail(f"--practice: {path}: not a pooled results JSON file ({error})")
    problems = validate_pooled(pooled)
    if problems:
        fail_all(f"--practice: {path} is not pooled learning results fit to show:", problems)
    return dict(pooled)


@learning_app.command("record")
def record_command(
    responses: list[str] = typer.Argument(
        ..., help="Response files holding round R and, if run, the next round."
    ),
    partnership: str = typer.Option(..., "--partnership", help="The partnership, as named in the responses."),
    round_label: str = typer.Option(..., "--round", help="The closed round R the record is of."),
    actions: Path = typer.Option(..., "--actions", help="The action plan adopted for round R (CSV or XLSX)."),
    updates: Path | None = typer.Option(None, "--updates", help="The action plan's dated updates, if any."),
    lessons: Path | None = typer.Option(
        None, "--lessons", help="Lessons in the coordinator's words: columns action and lesson (scrubbed)."
    ),
    nation: str = typer.Option(..., "--nation", help="scotland, england, wales or northern-ireland."),
    month: str = typer.Option(
        ..., "--month", help="The month round R closed, YYYY-MM (no finer date leaves)."
    ),
    contributor: str | None = typer.Option(
        None,
        "--contributor",
        help="The partnership's random contributor key from its first record; a new one is made if absent.",
    ),
    version: str | None = typer.Option(None, "--version", help=FILES_VERSION_HELP),
    given_order: list[str] | None = typer.Option(None, "--round-order", help=ROUND_ORDER_HELP),
    min_group: int = typer.Option(5, "--min-group", help=MIN_GROUP_HELP),
    yes: bool = typer.Option(False, "--yes", help="Write without asking (the record is still shown)."),
    output: str | None = typer.Option(None, "--output", "-o", help="Where to write the record (JSON)."),
    out: OutAlias = None,
) -> None:
    """Build the anonymised learning record of a closed round, show it, and write it once approved."""
    import json

    from rich.console import Console

    from joinedup.cli._pipeline import analyse_files
    from joinedup.io.structure_sheets import StructureImportFailed, read_actions
    from joinedup.io.tables import TableError
    from joinedup.learning.files import read_lessons
    from joinedup.learning.record import (
        CONTRIBUTOR_KEY,
        MONTH,
        NATIONS,
        build_learning_record,
        new_contributor_key,
        size_band,
    )

    target = Path(required_output(output, out))
    if nation not in NATIONS:
        fail(f"--nation: {nation!r} is not one of {', '.join(NATIONS)}")
    if not MONTH.fullmatch(month):
        fail(f"--month: {month!r} is not a month written YYYY-MM (no finer date leaves the partnership)")
    if contributor is not None and not CONTRIBUTOR_KEY.fullmatch(contributor):
        fail(f"--contributor: {contributor!r} is not a key this command made (32 lower-case hex digits)")
    result = analyse_files(
        responses, version=version, min_group=min_group, invitations=None, given_order=given_order
    ).result
    rounds = [entry for entry in result.rounds if entry.partnership == partnership]
    if not rounds:
        fail(f"--partnership: {partnership!r} is not a partnership in {', '.join(responses)}")
    labels = [entry.round for entry in rounds]
    if round_label not in labels:
        fail(
            f"--round: {round_label!r} is not a round of {partnership!r}; its rounds are {', '.join(labels)}"
        )
    index = labels.index(round_label)
    analysis = rounds[index]
    if analysis.suppressed or analysis.n is None:
        fail(f"round {round_label!r} has fewer responses than the minimum group; it cannot make a record")
    following = rounds[index + 1] if index + 1 < len(rounds) else None
    try:
        plan = read_actions(actions, updates=updates)
        said = read_lessons(lessons) if lessons is not None else {}
    except (StructureImportFailed, TableError) as refused:
        fail_all("the action plan or lessons were refused:", refused.errors)
    unknown = sorted(set(said) - {action.reference for action in plan})
    if unknown:
        fail(f"{lessons}: lessons for actions not in {actions}: {', '.join(unknown)}")
    key = contributor if contributor is not None else new_contributor_key()
    try:
        record = build_learning_record(
            analysis=analysis,
            next_analysis=following,
            actions=plan,
            nation=nation,
            size_band=size_band(analysis.n),
            instrument_version=result.instrument_version,
            round_month=month,
            lessons=said,
            contributor=key,
        )
    except ValueError as error:
        fail(str(error))
    text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    console = Console(stderr=True, soft_wrap=True)
    console.print("This is exactly what the record holds and what would be shared:", highlight=False)
    console.print(text, markup=False, highlight=False)
    if contributor is None:
        console.print(
            f"New contributor key {key}: keep it and give it as --contributor for this partnership's "
            "next records, so pooling counts the partnership once.",
            highlight=False,
        )
    if not yes and not typer.confirm("Share this record (write it)?", default=False, err=True):
        console.print("Nothing written.", highlight=False)
        raise typer.Exit(0)
    target.write_text(text, encoding="utf-8")


@learning_app.command("pool")
def pool_command(
    records: list[str] = typer.Argument(..., help="Learning record files (one record or a list each)."),
    output_format: PoolFormat = typer.Option(PoolFormat.json, "--format", help="json or html."),
    output: str | None = typer.Option(None, "--output", "-o", help="Write here, not to the screen."),
    out: OutAlias = None,
) -> None:
    """Pool learning records: benchmarks per factor and practice evidence per intervention."""
    import json

    from joinedup.learning.html import pooled_html
    from joinedup.learning.pool import pool_records

    with _without_cycle_collection():
        pooled = pool_records(_records(records), checked=True)
    text = (
        json.dumps(pooled, indent=2, ensure_ascii=False) + "\n"
        if output_format == PoolFormat.json
        else pooled_html(pooled)
    )
    write_text(text, output_path(output, out))


@learning_app.command("open-data")
def open_data_command(
    records: list[str] = typer.Argument(..., help="Learning record files (one record or a list each)."),
    output: str | None = typer.Option(
        None, "--output", "-o", help="The folder to write the open data files into."
    ),
    out: OutAlias = None,
) -> None:
    """Write the pooled results as CSV and JSON with a data dictionary, for researchers."""
    from joinedup.learning.open_data import open_data_files
    from joinedup.learning.pool import pool_records

    folder = Path(required_output(output, out))
    if folder.exists() and not folder.is_dir():
        fail(f"-o/--output: {folder} is a file, not a folder")
    with _without_cycle_collection():
        pooled = pool_records(_records(records), checked=True)
    folder.mkdir(parents=True, exist_ok=True)
    files = open_data_files(pooled)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    typer.echo(f"Wrote {', '.join(sorted(files))} to {folder}")


@learning_app.command("schema")
def schema_command(
    output: str | None = typer.Option(None, "--output", "-o", help="Write here, not to the screen."),
    out: OutAlias = None,
) -> None:
    """Print the published JSON Schema of a learning record."""
    from importlib import resources

    text = (resources.files("joinedup.learning") / "data" / "learning-record.schema.json").read_text(
        encoding="utf-8"
    )
    write_text(text, output_path(output, out))
