"""The self-assessment item bank, crosswalks and blank response sheets.

Heavy modules are imported inside the command functions so that `joinedup --help`
stays fast and a missing optional dependency only breaks the command that needs it.
"""

from __future__ import annotations

import typer

from joinedup.cli._app import instrument_app
from joinedup.cli._common import (
    EXIT_PROBLEMS,
    Listing,
    OutAlias,
    SheetFormat,
    add_plain_row,
    emit,
    fail,
    output_path,
    plain,
    say,
)
from joinedup.cli._pipeline import VERSION_HELP, check_version, read_responses_file


@instrument_app.command("show")
def instrument_show(
    version: str | None = typer.Option(None, "--version", help=VERSION_HELP),
    output_format: Listing = typer.Option(Listing.table, "--format", help="table, or json for machines."),
) -> None:
    """List the statements of the item bank with their factor and whether they are reverse-worded."""
    from rich.table import Table

    from joinedup.instrument import load_instrument
    from joinedup.instrument.responses import DONT_KNOW_CODE

    check_version(version)
    instrument = load_instrument(version)
    document = {
        "version": instrument.version,
        "fingerprint": instrument.fingerprint(),
        "scale": {
            "labels": {str(point): label for point, label in instrument.scale.labels.items()},
            "dont_know": instrument.scale.dont_know,
            "dont_know_code": DONT_KNOW_CODE,
        },
        "items": [item.model_dump() for item in instrument.items],
        "comment_prompts": instrument.comment_prompts,
    }

    def tables() -> list[Table]:
        table = Table(
            title=f"Item bank version {instrument.version}: {len(instrument.items)} statements "
            f"(fingerprint {instrument.fingerprint()[:12]})"
        )
        for heading in ("id", "factor", "reverse", "statement"):
            table.add_column(heading, overflow="fold")
        for item in instrument.items:
            add_plain_row(table, item.id, item.factor, "yes" if item.reverse else "", item.text)
        return [table]

    emit(output_format, document, tables=tables)


@instrument_app.command("crosswalk")
def instrument_crosswalk(
    output_format: Listing = typer.Option(Listing.table, "--format", help="table, or json for machines."),
) -> None:
    """Map each factor to the dimensions of other partnership instruments (names and citations only)."""
    from rich.table import Table

    from joinedup.evidence.ids import FACTOR_IDS
    from joinedup.instrument.crosswalk import load_crosswalk

    crosswalk = load_crosswalk()
    document = {
        "frameworks": [{"id": f.id, "name": f.name, "citation": f.citation} for f in crosswalk.frameworks],
        "factors": {
            factor: {
                framework: [d.name for d in dimensions]
                for framework, dimensions in crosswalk.dimensions_for(factor).items()
            }
            for factor in FACTOR_IDS
        },
    }

    def tables() -> list[Table]:
        frameworks = crosswalk.frameworks
        table = Table(
            title="How the factors map to other instruments",
            caption=plain("\n".join(f"{framework.name}: {framework.citation}" for framework in frameworks)),
            caption_justify="left",
        )
        table.add_column("factor")
        for framework in crosswalk.frameworks:
            table.add_column(plain(framework.name), overflow="fold")
        for factor in FACTOR_IDS:
            mapped = crosswalk.dimensions_for(factor)
            add_plain_row(
                table,
                factor,
                *("; ".join(d.name for d in mapped.get(f.id, [])) for f in crosswalk.frameworks),
            )
        return [table]

    emit(output_format, document, tables=tables)


@instrument_app.command("validate")
def instrument_validate(
    responses: str = typer.Argument(..., help="Responses: template CSV/XLSX, survey export or Parquet."),
    version: str | None = typer.Option(None, "--version", help=VERSION_HELP),
    output_format: Listing = typer.Option(Listing.table, "--format", help="table, or json for machines."),
) -> None:
    """Check that the answers fit the instrument's 16-factor structure (confirmatory factor analysis).

    Exit code 0: the structure holds; 1: it is broken (poor fit, a factor that does not
    hold together, or a statement that goes with another factor); 2: the input cannot be used.
    """
    import dataclasses

    from rich.console import Console
    from rich.table import Table

    from joinedup.instrument import load_instrument
    from joinedup.instrument.validation import ValidationInputError, validate_structure

    check_version(version)
    instrument = load_instrument(version)
    frame = read_responses_file(responses, instrument)
    try:
        with Console(stderr=True).status("Fitting the factor model…"):
            result = validate_structure(frame, instrument)
    except (ValidationInputError, ValueError) as error:
        fail(f"{responses}: {error}")
    code = EXIT_PROBLEMS if result.broken else 0
    if output_format == Listing.json:
        emit(output_format, {**dataclasses.asdict(result), "broken": result.broken})
        raise typer.Exit(code)
    fit = result.fit
    screen = Console(soft_wrap=True)
    screen.print(
        f"Instrument version {result.version}, {result.respondents} responses "
        f"(N = {fit.n} for the fit): CFI {fit.cfi:.3f}, TLI {fit.tli:.3f}, "
        f"RMSEA {fit.rmsea:.3f} (90% CI {fit.rmsea_ci[0]:.3f}-{fit.rmsea_ci[1]:.3f}), SRMR {fit.srmr:.3f}, "
        f"chi-square {fit.chi2:.1f} on {fit.df} df",
        highlight=False,
    )
    table = Table(title="Factors and statements")
    for heading in ("factor", "alpha (95% CI)", "omega", "statement", "loading", "flags"):
        table.add_column(heading, overflow="fold")
    by_factor = {check.id: check for check in result.factors}
    for item in result.items:
        factor = by_factor[item.factor]
        first = item.id == factor.items[0]
        add_plain_row(
            table,
            item.factor if first else "",
            f"{factor.alpha:.2f} ({factor.alpha_ci[0]:.2f}-{factor.alpha_ci[1]:.2f})" if first else "",
            f"{factor.omega:.2f}" if first else "",
            item.id,
            f"{item.loading:.2f}",
            "; ".join(item.flags),
        )
    screen.print(table)
    if result.broken:
        screen.print("[bold red]The structure is broken:[/]")
        for problem in result.problems:
            screen.print(f"  {problem}", markup=False, highlight=False)
        if result.causes:
            screen.print("[bold]Likely causes:[/]")
            for cause in result.causes:
                screen.print(f"  {cause}", markup=False, highlight=False)
    else:
        screen.print("The answers fit the instrument's structure.")
    raise typer.Exit(code)


@instrument_app.command("template")
def instrument_template(
    output_format: SheetFormat = typer.Option(SheetFormat.csv, "--format", help="csv or xlsx."),
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        help="File to write. Without it, CSV goes to standard output and XLSX to "
        "joinedup-template-v<version>.xlsx.",
    ),
    out: OutAlias = None,
    version: str | None = typer.Option(None, "--version", help=VERSION_HELP),
) -> None:
    """Write a blank response sheet: partnership, round, round_opens (the date the round opened,
    YYYY-MM-DD, which orders rounds for trends), agency, role_group, one column per item, comments."""
    import sys
    from pathlib import Path

    import pandas as pd

    from joinedup.instrument import load_instrument
    from joinedup.io.survey_export import template_header, write_template, write_template_csv

    written = output_path(output, out)
    check_version(version)
    instrument = load_instrument(version)
    blank = pd.DataFrame(columns=template_header(instrument, round_opens=True))
    if written is None and output_format == SheetFormat.csv:
        write_template_csv(sys.stdout, instrument, blank)
        return
    path = Path(written or f"joinedup-template-v{instrument.version}.{output_format.value}")
    if path.suffix.lower() != f".{output_format.value}":
        fail(f"--output: {path.name} does not end in .{output_format.value}")
    write_template(path, instrument, blank)
    say(f"Wrote {path} (instrument version {instrument.version})")
