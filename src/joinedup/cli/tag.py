"""Tagging free-text comments with factor ids.

Heavy modules are imported inside the command functions so that `joinedup --help`
stays fast and a missing optional dependency only breaks the command that needs it.
"""

from __future__ import annotations

import typer

from joinedup.cli._app import app, tag_app

# --- tagging ----------------------------------------------------------------

_TAG_FORMATS = ("table", "jsonl", "json")
_TAG_BATCH = 2000


class _TagCommandGroup(typer.core.TyperGroup):
    """Lets `joinedup tag [FILE|-]` and `joinedup tag retrain ...` share one command name.

    Anything that is not a subcommand goes to the hidden `texts` command, so a file
    argument is never mistaken for a subcommand and options after it still parse.
    """

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ctx.help_option_names):
            args = ["texts", *args]
        return super().parse_args(ctx, args)


tag_app.info.cls = _TagCommandGroup
tag_app.info.help = (
    "Tag free-text comments with factor ids: joinedup tag [FILE|-] [--format table|jsonl|json] "
    "[--column NAME] [--box-column NAME] [--model MODEL] [--kind default|lexical|embeddings]. "
    "Run 'joinedup tag - --help' for the options."
)


def _tag_fail(message: str) -> None:
    from rich.console import Console

    Console(stderr=True).print(f"[red]Error:[/red] {message}", highlight=False)
    raise typer.Exit(1)


def _tag_read(path: str) -> str:
    import sys
    from pathlib import Path

    try:
        if path == "-":
            return sys.stdin.read()
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        _tag_fail(f"{path}: cannot be read as UTF-8 text ({error})")
        raise


def _tag_load(kind: str, model: str | None):  # type: ignore[no-untyped-def]
    from joinedup.tagging import EmbeddingsUnavailableError, ModelFileError, deserialise_model, load_tagger

    try:
        if model is not None:
            return deserialise_model(_tag_read(model), source=model)
        return load_tagger(kind)
    except (ModelFileError, EmbeddingsUnavailableError, ValueError) as error:
        _tag_fail(str(error))
        raise


@tag_app.command("texts", hidden=True)
def tag_texts_command(
    file: str = typer.Argument("-", help="Text file with one comment per line, or '-' for standard input."),
    output_format: str = typer.Option("table", "--format", help="table, jsonl (one object a line) or json."),
    column: str | None = typer.Option(None, "--column", help="Read the texts from this CSV column."),
    box_column: str | None = typer.Option(
        None, "--box-column", help="CSV column with the factor id of the comment box each text was typed in."
    ),
    model: str | None = typer.Option(None, "--model", help="A model from 'joinedup tag retrain'."),
    kind: str = typer.Option("default", "--kind", help="default, lexical or embeddings (not with --model)."),
) -> None:
    """Tag each input line (or CSV cell) with the factors it is about, in input order.

    With --box-column, each text's comment box raises that factor's prior, as in the web app.
    """
    import json

    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from joinedup.tagging.inputs import InputError, boxes_from_csv, texts_from_csv, texts_from_lines

    if output_format not in _TAG_FORMATS:
        _tag_fail(f"--format {output_format!r} is not one of {', '.join(_TAG_FORMATS)}")
    if box_column and not column:
        _tag_fail("--box-column needs --column: boxes are read from a CSV beside the texts")
    content = _tag_read(file)
    source = "standard input" if file == "-" else file
    boxes: list[str | None] | None = None
    try:
        texts = texts_from_csv(content, column=column, source=source) if column else texts_from_lines(content)
        if box_column:
            boxes = boxes_from_csv(content, column=box_column, source=source)
    except InputError as error:
        _tag_fail(str(error))
    tagger = _tag_load(kind, model)
    results = []
    with Progress(console=Console(stderr=True), transient=True, disable=len(texts) <= _TAG_BATCH) as progress:
        task = progress.add_task("Tagging", total=len(texts))
        for start in range(0, len(texts), _TAG_BATCH):
            batch = texts[start : start + _TAG_BATCH]
            results.extend(tagger.tag(batch, None if boxes is None else boxes[start : start + _TAG_BATCH]))
            progress.advance(task, len(batch))
    records = [{"text": r.text, "factors": r.factors, "scores": r.scores} for r in results]
    if output_format == "jsonl":
        for record in records:
            typer.echo(json.dumps(record, ensure_ascii=False))
    elif output_format == "json":
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        table = Table("#", "text", "factors", "top score")
        for number, result in enumerate(results, start=1):
            top = max(result.scores.values(), default=0.0)
            table.add_row(str(number), result.text, ", ".join(result.factors) or "-", f"{top:.2f}")
        Console().print(table)


@tag_app.command("retrain")
def tag_retrain_command(
    corrections: str = typer.Option(..., "--corrections", help="CSV: text, factors (ids split by ;)."),
    out: str = typer.Option(
        ..., "--output", "-o", "--out", help="Where to write the partnership model (JSON)."
    ),
    model: str | None = typer.Option(None, "--model", help="An earlier partnership model to extend."),
    kind: str = typer.Option("default", "--kind", help="default, lexical or embeddings (not with --model)."),
    output_format: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Build a partnership's local model: the shipped model plus its coordinators' corrections."""
    import json
    from pathlib import Path

    from rich.console import Console
    from rich.table import Table

    from joinedup.tagging import CorrectionError, parse_corrections_csv, retrain, serialise_model

    if output_format not in ("table", "json"):
        _tag_fail(f"--format {output_format!r} is not one of table, json")
    try:
        new_corrections = parse_corrections_csv(_tag_read(corrections), source=corrections)
    except CorrectionError as error:
        _tag_fail(str(error))
    base = _tag_load(kind, model)
    partnership_model = retrain(base, new_corrections)
    Path(out).write_text(serialise_model(partnership_model), encoding="utf-8")
    changed = sum(
        before.factors != after.factors
        for before, after in zip(
            base.tag([c.text for c in new_corrections]),
            partnership_model.tag([c.text for c in new_corrections]),
            strict=True,
        )
    )
    summary = {
        "model": out,
        "kind": partnership_model.kind,
        "corrections": len(partnership_model.corrections),
        "corrected_texts_now_tagged_differently": changed,
    }
    if output_format == "json":
        typer.echo(json.dumps(summary))
        return
    table = Table("", "")
    for key, value in summary.items():
        table.add_row(key.replace("_", " "), str(value))
    Console().print(table)


if __name__ == "__main__":
    app()
