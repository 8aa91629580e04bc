"""Analysis: synthetic rounds and the factor-by-group analysis of a responses file.

Heavy modules are imported inside the command functions so that `joinedup --help`
stays fast and a missing optional dependency only breaks the command that needs it.
"""

from __future__ import annotations

import typer

from joinedup.cli._app import DATA, app
from joinedup.cli.instrument import _VERSION_HELP, _check_version

# --- analysis ---------------------------------------------------------------

_ANALYSIS_TABLE_SUFFIXES = (".csv", ".xlsx", ".ods")


def _analysis_fail(message: str) -> typer.Exit:
    from rich.console import Console

    Console(stderr=True, soft_wrap=True).print(f"[bold red]Error:[/] {message}", highlight=False)
    return typer.Exit(code=1)


def _read_analysis_file(file: str, instrument: object) -> object:
    """A responses frame from the template (CSV/XLSX), a survey-tool export, or Parquet."""
    from pathlib import Path

    import pandas as pd

    from joinedup.io.survey_import import ImportFailed, read_responses

    path = Path(file)
    if not path.is_file():
        raise _analysis_fail(f"{file}: no such file")
    if path.suffix.lower() == ".parquet":
        return pd.read_parquet(path)
    if path.suffix.lower() not in _ANALYSIS_TABLE_SUFFIXES:
        raise _analysis_fail(f"{file}: responses are read from .csv, .xlsx, .ods or .parquet files")
    try:
        return read_responses(path, instrument).frame  # type: ignore[arg-type]
    except ImportFailed as failure:
        raise _analysis_fail("\n".join(str(error) for error in failure.errors)) from failure


def _file_columns(file: str) -> list[str]:
    """The header row of a responses file as written, before any mapping to an instrument."""
    import pandas as pd

    suffix = file.lower().rsplit(".", 1)[-1]
    try:
        if suffix == "parquet":
            return list(pd.read_parquet(file).columns)
        if suffix == "csv":
            return list(pd.read_csv(file, nrows=0, encoding="utf-8-sig").columns)
        return [str(column) for column in pd.read_excel(file, nrows=0).columns]
    except (ValueError, OSError, UnicodeDecodeError):
        return []  # the reader has already accepted the file; a header it cannot re-read proves nothing


def _read_invitations(file: str) -> object:
    import pandas as pd

    if file.lower().endswith(".parquet"):
        return pd.read_parquet(file)
    return pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _analysis_tables(result: object) -> list[object]:
    """One Rich table per (partnership, round), one row per factor."""
    from rich import box
    from rich.table import Table

    def p_value(p: float) -> str:
        return "<0.001" if p < 0.001 else f"{p:.3f}"

    tables: list[object] = []
    for entry in result.rounds:  # type: ignore[attr-defined]
        shown = f"{entry.n} responses" if not entry.suppressed else "too few responses: nothing shown"
        title = f"{entry.partnership} · {entry.round} · {shown}"
        table = Table(title=title, title_justify="left", box=box.SIMPLE)
        for heading in ("factor", "n", "mean", "95% CI", "band", "alpha", "DK", "agencies", "pairs", "trend"):
            justify = "left" if heading in {"factor", "band"} else "right"
            table.add_column(heading, no_wrap=True, justify=justify)  # type: ignore[arg-type]
        for factor in entry.factors:
            if factor.suppressed:
                table.add_row(factor.id, "", "hidden", "", "", "", "", "", "", "")
                continue
            divergence, trend = factor.divergence, factor.trend
            tested = divergence is not None and divergence.p is not None
            table.add_row(
                factor.id,
                str(factor.n),
                f"{factor.mean:.2f}",
                f"{factor.ci[0]:.2f}-{factor.ci[1]:.2f}" if factor.ci else "",
                factor.band or "",
                f"{factor.alpha:.2f}" if factor.alpha is not None else "",
                f"{factor.dont_know_rate:.0%}" if factor.dont_know_rate is not None else "",
                p_value(divergence.p) if tested else "",
                str(len(divergence.pairs)) if tested and divergence.pairs else "",
                f"{trend.direction} {trend.change:+.2f}" if trend is not None else "",
            )
        tables.append(table)
    return tables


def _locate_analysis_error(
    error: ValueError, files: list[str], starts: list[int], invitations: str | None
) -> str:
    """Name the file and row of a bad value found in the combined responses or the invitations."""
    import bisect

    from joinedup.analysis import ResponseDataError

    if not isinstance(error, ResponseDataError):
        return str(error)
    if error.source == "invitations":
        return f"{invitations}: {error}"
    if error.row is None:
        return f"{', '.join(files)}: {error}"
    index = bisect.bisect_right(starts, error.row - 1) - 1
    located = ResponseDataError(error.row - starts[index], error.column, error.value, error.reason)
    return f"{files[index]}: {located}"


@app.command("synth", rich_help_panel=DATA)
def synth_command(
    out: str = typer.Option(
        ..., "--output", "-o", "--out", help="Where to write: .csv (the response template) or .parquet."
    ),
    responses: int = typer.Option(2000, "--responses", min=1, help="Number of responses."),
    partnerships: int = typer.Option(4, "--partnerships", min=1, help="Number of partnerships."),
    rounds: int = typer.Option(2, "--rounds", min=1, help="Rounds per partnership."),
    seed: int = typer.Option(1, "--seed", help="Same seed, same data."),
    invitations_out: str | None = typer.Option(
        None, "--invitations-out", help="Also write invitations per agency (.csv or .parquet)."
    ),
    version: str | None = typer.Option(None, "--version", help=_VERSION_HELP),
) -> None:
    """Write realistic synthetic responses (uneven agencies, don't knows, disagreements, trends)."""
    from pathlib import Path

    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from joinedup.analysis import generate_responses
    from joinedup.instrument import load_instrument
    from joinedup.io.formulas import protect_cell, protect_text
    from joinedup.io.survey_export import write_template

    target = Path(out)
    if target.suffix.lower() not in {".csv", ".parquet"}:
        raise _analysis_fail(f"{out}: synthetic responses are written as .csv or .parquet")
    _check_version(version)
    instrument = load_instrument(version)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, transient=True) as bar:
        bar.add_task(f"Generating {responses:,} responses", total=None)
        data = generate_responses(
            instrument.items, responses=responses, partnerships=partnerships, rounds=rounds, seed=seed
        )
        bar.add_task(f"Writing {out}", total=None)
        if target.suffix.lower() == ".parquet":
            data.responses.to_parquet(target, index=False)
        else:
            blank_comments = {column: "" for column in instrument.comment_columns()}
            write_template(target, instrument, data.responses.assign(**blank_comments))
        if invitations_out is not None:
            if invitations_out.lower().endswith(".parquet"):
                data.invitations.to_parquet(invitations_out, index=False)
            else:
                protected = data.invitations.map(protect_cell).rename(columns=protect_text)
                protected.to_csv(invitations_out, index=False)
    Console(stderr=True).print(
        f"Wrote {len(data.responses):,} responses ({partnerships} partnerships, {rounds} rounds, "
        f"instrument v{instrument.version}) to {out}",
        highlight=False,
    )


@app.command("analyse", rich_help_panel=DATA)
def analyse_command(
    files: list[str] = typer.Argument(
        ..., help="Response files: template CSV/XLSX, survey exports or Parquet."
    ),
    min_group: int = typer.Option(5, "--min-group", help="Smallest group a figure may describe (5 or more)."),
    output_format: str = typer.Option("table", "--format", help="table, or json for machines."),
    out: str | None = typer.Option(
        None, "--output", "-o", "--out", help="Write the output to this file, not the screen."
    ),
    invitations: str | None = typer.Option(
        None, "--invitations", help="Invitations per agency: partnership, round, agency, invited."
    ),
    version: str | None = typer.Option(
        None, "--version", help=_VERSION_HELP + " Every file is read with this one version."
    ),
) -> None:
    """Analyse every partnership and round in the files: scores, reliability, divergence, trends."""
    import sys
    from pathlib import Path

    import pandas as pd
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from joinedup.analysis import ResponseDataError, analyse, check_min_group
    from joinedup.instrument import load_instrument
    from joinedup.instrument.bank import best_matching_version

    if output_format not in {"table", "json"}:
        raise typer.BadParameter("use one of table, json", param_hint="--format")
    try:
        check_min_group(min_group)
    except ValueError as error:
        raise _analysis_fail(f"--min-group: {error}") from error
    _check_version(version)
    instrument = load_instrument(version)
    frames: list[pd.DataFrame] = []
    starts: list[int] = []
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, transient=True) as bar:
        for file in files:
            bar.add_task(f"Reading {file}", total=None)
            starts.append(sum(len(frame) for frame in frames))
            frames.append(_read_analysis_file(file, instrument))  # type: ignore[arg-type]
        matching = best_matching_version({column for file in files for column in _file_columns(file)})
        if matching is not None and matching != instrument.version:
            raise _analysis_fail(
                f"the files hold the statements of instrument version {matching}, not {instrument.version}: "
                f"add --version {matching}"
            )
        invited = None
        if invitations is not None:
            bar.add_task(f"Reading {invitations}", total=None)
            invited = _read_invitations(invitations)
        bar.add_task("Analysing", total=None)
        try:
            result = analyse(
                pd.concat(frames, ignore_index=True),
                instrument.items,
                min_group=min_group,
                invitations=invited,  # type: ignore[arg-type]
                instrument_version=instrument.version,
            )
        except ResponseDataError as error:
            raise _analysis_fail(_locate_analysis_error(error, files, starts, invitations)) from error
    if output_format == "json":
        document = result.to_json(indent=2)
        if out is None:
            typer.echo(document)
        else:
            Path(out).write_text(document + "\n", encoding="utf-8")
        return
    tables = _analysis_tables(result)
    if out is None:
        screen = Console(width=None if sys.stdout.isatty() else 150)
        for table in tables:
            screen.print(table)
        return
    with Path(out).open("w", encoding="utf-8") as stream:
        for table in tables:
            Console(file=stream, width=160).print(table)
