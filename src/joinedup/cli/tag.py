"""Tagging free-text comments with factor ids.

Heavy modules are imported inside the command functions so that `joinedup --help`
stays fast and a missing optional dependency only breaks the command that needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from joinedup.cli._app import CommandGroup, tag_app
from joinedup.cli._common import (
    Listing,
    OutAlias,
    TagFormat,
    add_plain_row,
    emit,
    fail,
    read_text,
    required_output,
)

if TYPE_CHECKING:
    from rich.table import Table
    from typer import _click  # Typer's own copy of click, whose Context its groups parse with

    from joinedup.tagging import Tagger

_TAG_BATCH = 2000


class _TagCommandGroup(CommandGroup):
    """Lets `joinedup tag [FILE|-]` and `joinedup tag retrain ...` share one command name.

    Anything that is not a subcommand goes to the hidden `texts` command, so a file
    argument is never mistaken for a subcommand and options after it still parse.
    """

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and any(arg in ctx.help_option_names for arg in args):
            args = [args[next(i for i, arg in enumerate(args) if arg in ctx.help_option_names)]]
        if not args or (args[0] not in self.commands and args[0] not in ctx.help_option_names):
            args = ["texts", *args]
        return super().parse_args(ctx, args)

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """`joinedup tag --help` is the help of tagging itself, under the name people type.

        The texts command is hidden, so without this the help would list only `retrain`
        and show a usage line (`joinedup tag texts`) nobody should type.
        """
        texts = self.commands["texts"]
        # A bare context, not `make_context`: help needs no parsed values, and parsing would check
        # each option's default through pydantic, which costs more than the rest of the help.
        own = texts.context_class(texts, info_name=ctx.info_name, parent=ctx.parent, **texts.context_settings)
        with own:
            texts.format_help(own, formatter)


tag_app.info.cls = _TagCommandGroup


def _tag_load(kind: str, model: str | None) -> Tagger:
    """The shipped tagger of `kind`, or a partnership's model file; a bad one stops with exit 2."""
    from joinedup.tagging import EmbeddingsUnavailableError, ModelFileError, deserialise_model, load_tagger

    try:
        if model is not None:
            return deserialise_model(read_text(model), source=model)
        return load_tagger(kind)
    except (ModelFileError, EmbeddingsUnavailableError, ValueError) as error:
        fail(str(error))


@tag_app.command("texts", hidden=True)
def tag_texts_command(
    file: str = typer.Argument("-", help="Text file with one comment per line, or '-' for standard input."),
    output_format: TagFormat = typer.Option(
        TagFormat.table, "--format", help="table, jsonl (one object a line) or json."
    ),
    column: str | None = typer.Option(None, "--column", help="Read the texts from this CSV column."),
    box_column: str | None = typer.Option(
        None, "--box-column", help="CSV column with the factor id of the comment box each text was typed in."
    ),
    model: str | None = typer.Option(None, "--model", help="A model from 'joinedup tag retrain'."),
    kind: str = typer.Option("default", "--kind", help="default, lexical or embeddings (not with --model)."),
) -> None:
    """Tag each input line (or CSV cell) with the factors it is about, in input order.

    With --box-column, each text's comment box raises that factor's prior, as in the web app.

    To build a partnership's own model from corrections: joinedup tag retrain --help.
    """
    from rich.console import Console
    from rich.progress import Progress

    from joinedup.tagging.inputs import InputError, boxes_from_csv, texts_from_csv, texts_from_lines

    if box_column and not column:
        fail("--box-column needs --column: boxes are read from a CSV beside the texts")
    content = read_text(file)
    source = "standard input" if file == "-" else file
    boxes: list[str | None] | None = None
    try:
        texts = texts_from_csv(content, column=column, source=source) if column else texts_from_lines(content)
        if box_column:
            boxes = boxes_from_csv(content, column=box_column, source=source)
    except InputError as error:
        fail(str(error))
    tagger = _tag_load(kind, model)
    results = []
    with Progress(console=Console(stderr=True), transient=True, disable=len(texts) <= _TAG_BATCH) as progress:
        task = progress.add_task("Tagging", total=len(texts))
        for start in range(0, len(texts), _TAG_BATCH):
            batch = texts[start : start + _TAG_BATCH]
            results.extend(tagger.tag(batch, None if boxes is None else boxes[start : start + _TAG_BATCH]))
            progress.advance(task, len(batch))
    records = [{"text": r.text, "factors": r.factors, "scores": r.scores} for r in results]

    def tables() -> list[Table]:
        from rich.table import Table

        table = Table("#", "text", "factors", "top score")
        for number, result in enumerate(results, start=1):
            top = max(result.scores.values(), default=0.0)
            add_plain_row(table, number, result.text, ", ".join(result.factors) or "-", f"{top:.2f}")
        return [table]

    emit(output_format, records, tables=tables)


@tag_app.command("retrain")
def tag_retrain_command(
    corrections: str = typer.Option(..., "--corrections", help="CSV: text, factors (ids split by ;)."),
    output: str | None = typer.Option(
        None, "--output", "-o", help="Where to write the partnership model (JSON)."
    ),
    out: OutAlias = None,
    model: str | None = typer.Option(None, "--model", help="An earlier partnership model to extend."),
    kind: str = typer.Option("default", "--kind", help="default, lexical or embeddings (not with --model)."),
    output_format: Listing = typer.Option(Listing.table, "--format", help="table or json."),
) -> None:
    """Build a partnership's local model: the shipped model plus its coordinators' corrections."""
    from pathlib import Path

    from joinedup.tagging import CorrectionError, parse_corrections_csv, retrain, serialise_model

    target = required_output(output, out)
    try:
        new_corrections = parse_corrections_csv(read_text(corrections), source=corrections)
    except CorrectionError as error:
        fail(str(error))
    base = _tag_load(kind, model)
    partnership_model = retrain(base, new_corrections)
    Path(target).write_text(serialise_model(partnership_model), encoding="utf-8")
    changed = sum(
        before.factors != after.factors
        for before, after in zip(
            base.tag([c.text for c in new_corrections]),
            partnership_model.tag([c.text for c in new_corrections]),
            strict=True,
        )
    )
    summary = {
        "model": target,
        "kind": partnership_model.kind,
        "corrections": len(partnership_model.corrections),
        "corrected_texts_now_tagged_differently": changed,
    }

    def tables() -> list[Table]:
        from rich.table import Table

        table = Table("", "")
        for key, value in summary.items():
            add_plain_row(table, key.replace("_", " "), value)
        return [table]

    emit(output_format, summary, tables=tables)
