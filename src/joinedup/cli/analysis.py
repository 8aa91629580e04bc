"""Analysis: synthetic rounds and the factor-by-group analysis of a responses file.

Heavy modules are imported inside the command functions so that `joinedup --help`
stays fast and a missing optional dependency only breaks the command that needs it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import typer

from joinedup.cli._app import DATA, app
from joinedup.cli._common import (
    Listing,
    OutAlias,
    add_plain_row,
    emit,
    fail,
    output_path,
    plain,
    required_output,
    say,
)
from joinedup.cli._pipeline import (
    FILES_VERSION_HELP,
    INVITATIONS_HELP,
    MIN_GROUP_HELP,
    ROUND_ORDER_HELP,
    VERSION_HELP,
    analyse_files,
    check_version,
)

if TYPE_CHECKING:
    import pandas as pd
    from rich.table import Table

    from joinedup.analysis import AnalysisResult

SYNTH_FIRST_ROUND = date(2024, 1, 1)
_SHORT_FLOAT_TAILS = (re.compile(rb"0\.0000[0-9]+(?=,?\n)"), re.compile(rb"e-[0-9]+(?=,?\n)"))
"""Where orjson spells a number below 1e-4 differently from Python (0.00001 for 1e-05, 1e-7 for 1e-07).

Each pattern starts with a literal, so the regular-expression engine skips to it instead of trying
every byte of a 16 MB document; a number is always followed by a comma or a line end, a string never.
"""
_NUMBER_BYTES = frozenset(b"0123456789.-")
_SPACE = ord(" ")


def indented_json(document: object) -> bytes:
    """`json.dumps(document, indent=2, ensure_ascii=False)` and a newline, as UTF-8, byte for byte.

    The standard encoder indents in pure Python, which took 4 of the 9 seconds `analyse` spent on a
    million responses; orjson writes the same document in a few hundredths of a second. The two differ
    only in how they spell numbers below 1e-4 (p-values), so each of those is written again with
    Python's `repr`, and the file is the one the standard encoder writes.
    """
    import orjson

    raw = orjson.dumps(document, option=orjson.OPT_INDENT_2)
    tails = sorted(
        (match.end(), match.start()) for pattern in _SHORT_FLOAT_TAILS for match in pattern.finditer(raw)
    )
    parts: list[bytes] = []
    written = 0
    for end, tail in tails:
        start = tail
        while start > 0 and raw[start - 1] in _NUMBER_BYTES:
            start -= 1
        if start == 0 or raw[start - 1] != _SPACE or start < written:
            continue
        parts.extend((raw[written:start], repr(float(raw[start:end])).encode()))
        written = end
    parts.extend((raw[written:], b"\n"))
    return b"".join(parts)


def _analysis_tables(result: AnalysisResult) -> list[Table]:
    """One Rich table per (partnership, round), one row per factor."""
    from rich import box
    from rich.table import Table

    def p_value(p: float) -> str:
        return "<0.001" if p < 0.001 else f"{p:.3f}"

    tables: list[Table] = []
    for entry in result.rounds:
        shown = f"{entry.n} responses" if not entry.suppressed else "too few responses: nothing shown"
        title = f"{entry.partnership} · {entry.round} · {shown}"
        table = Table(title=plain(title), title_justify="left", box=box.SIMPLE)
        for heading in ("factor", "n", "mean", "95% CI", "band", "alpha", "DK", "agencies", "pairs", "trend"):
            justify: Literal["left", "right"] = "left" if heading in {"factor", "band"} else "right"
            table.add_column(heading, no_wrap=True, justify=justify)
        for factor in entry.factors:
            if factor.suppressed:
                add_plain_row(table, factor.id, "", "hidden", "", "", "", "", "", "", "")
                continue
            divergence, trend = factor.divergence, factor.trend
            tested = divergence is not None and divergence.p is not None
            add_plain_row(
                table,
                factor.id,
                str(factor.n),
                f"{factor.mean:.2f}",
                f"{factor.ci[0]:.2f}-{factor.ci[1]:.2f}" if factor.ci else "",
                factor.band or "",
                f"{factor.alpha:.2f}" if factor.alpha is not None else "",
                f"{factor.dont_know_rate:.0%}" if factor.dont_know_rate is not None else "",
                p_value(divergence.p) if divergence is not None and divergence.p is not None else "",
                str(len(divergence.pairs)) if tested and divergence is not None and divergence.pairs else "",
                f"{trend.direction} {trend.change:+.2f}" if trend is not None else "",
            )
        tables.append(table)
    return tables


def _with_opening_dates(responses: pd.DataFrame) -> pd.DataFrame:
    """Synthetic rounds open six months apart, so their files order themselves as real ones must."""
    from joinedup.analysis.rounds import order_rounds
    from joinedup.instrument.responses import ROUND_OPENS

    opened = {
        label: date(SYNTH_FIRST_ROUND.year + step // 2, 1 + 6 * (step % 2), 1).isoformat()
        for step, label in enumerate(order_rounds(responses["round"].astype(str)))
    }
    dates = responses["round"].astype(str).map(opened)
    return responses.assign(**{ROUND_OPENS: dates})[
        [*responses.columns[:2], ROUND_OPENS, *responses.columns[2:]]
    ]


@app.command("synth", rich_help_panel=DATA)
def synth_command(
    output: str | None = typer.Option(
        None, "--output", "-o", help="Where to write: .csv (the response template) or .parquet."
    ),
    out: OutAlias = None,
    responses: int = typer.Option(2000, "--responses", min=1, help="Number of responses."),
    partnerships: int = typer.Option(4, "--partnerships", min=1, help="Number of partnerships."),
    rounds: int = typer.Option(2, "--rounds", min=1, help="Rounds per partnership."),
    seed: int = typer.Option(1, "--seed", help="Same seed, same data."),
    invitations_out: str | None = typer.Option(
        None, "--invitations-out", help="Also write invitations per agency (.csv or .parquet)."
    ),
    version: str | None = typer.Option(None, "--version", help=VERSION_HELP),
) -> None:
    """Write realistic synthetic responses (uneven agencies, don't knows, disagreements, trends).

    Each round gets the date it opened (round_opens), six months apart, so trends follow time.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from joinedup.analysis import generate_responses
    from joinedup.formatting import plural
    from joinedup.instrument import load_instrument
    from joinedup.io.formulas import protect_cell, protect_text
    from joinedup.io.survey_export import write_template

    written = required_output(output, out)
    target = Path(written)
    if target.suffix.lower() not in {".csv", ".parquet"}:
        fail(f"{written}: synthetic responses are written as .csv or .parquet")
    check_version(version)
    instrument = load_instrument(version)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, transient=True) as bar:
        bar.add_task(f"Generating {responses:,} responses", total=None)
        data = generate_responses(
            instrument.items, responses=responses, partnerships=partnerships, rounds=rounds, seed=seed
        )
        dated = _with_opening_dates(data.responses)
        bar.add_task(f"Writing {written}", total=None)
        if target.suffix.lower() == ".parquet":
            dated.to_parquet(target, index=False)
        else:
            blank_comments = {column: "" for column in instrument.comment_columns()}
            write_template(target, instrument, dated.assign(**blank_comments))
        if invitations_out is not None:
            if invitations_out.lower().endswith(".parquet"):
                data.invitations.to_parquet(invitations_out, index=False)
            else:
                protected = data.invitations.map(protect_cell).rename(columns=protect_text)
                protected.to_csv(invitations_out, index=False)
    say(
        f"Wrote {plural(len(data.responses), 'response')} ({plural(partnerships, 'partnership')}, "
        f"{plural(rounds, 'round')}, "
        f"instrument v{instrument.version}) to {written}"
    )


@app.command("analyse", rich_help_panel=DATA)
def analyse_command(
    files: list[str] = typer.Argument(
        ..., help="Response files: template CSV/XLSX, survey exports or Parquet."
    ),
    min_group: int = typer.Option(5, "--min-group", help=MIN_GROUP_HELP),
    output_format: Listing = typer.Option(Listing.table, "--format", help="table, or json for machines."),
    output: str | None = typer.Option(
        None, "--output", "-o", help="Write the output to this file, not the screen."
    ),
    out: OutAlias = None,
    invitations: str | None = typer.Option(None, "--invitations", help=INVITATIONS_HELP),
    version: str | None = typer.Option(None, "--version", help=FILES_VERSION_HELP),
    given_order: list[str] | None = typer.Option(None, "--round-order", help=ROUND_ORDER_HELP),
) -> None:
    """Analyse every partnership and round in the files: scores, reliability, divergence, trends."""
    written = output_path(output, out)
    analysed = analyse_files(
        files,
        version=version,
        min_group=min_group,
        invitations=invitations,
        given_order=given_order,
        text_as_categories=True,
    )
    result = analysed.result
    if output_format == Listing.json:
        data = indented_json(result.to_dict())
        if written is None:
            typer.echo(data, nl=False)
        else:
            from joinedup.cli._output import write_output

            write_output(Path(written), data)
        return
    emit(output_format, None, tables=lambda: _analysis_tables(result), output=written)
