"""Every `joinedup ...` example in README.md and docs/*.md is checked, so documentation cannot rot.

The fast run parses each example against the command it names: an unknown or renamed option, a
missing argument or a `--format` outside the command's list fails. The slow run executes every
example, in document order, in a temporary folder of demo data, and expects exit status 0 (or 1
from a check that found problems). Examples that cannot run there are listed in NOT_RUN with the
reason; the web app's `joinedup-manage` commands are tested by the web app's own tests.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import typer
from tests.conftest import DATA_DIR, REPO_ROOT
from typer.testing import CliRunner

from joinedup.cli import app

DOCUMENTS = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^\s*```")
_PROMPT = re.compile(r"^(?:\$\s+)?(?:\.venv/bin/)?")
_INDENTED = re.compile(r"^ {4}(?:\$\s+)?(?:\.venv/bin/)?joinedup(?:-manage)? ")
_PIPED = re.compile(r'^echo\s+("[^"]*"|\'[^\']*\')\s*\|\s*')

# Examples that are parsed but not executed, by the start of the command, with the reason.
NOT_RUN: dict[str, str] = {
    "joinedup tag minutes.txt --kind embeddings": "the embeddings tagger is an optional extra",
    "joinedup evidence extract review.pdf": "needs a review as a PDF file, which the demo data has not",
    "joinedup learning record": "needs an adopted action plan and lessons of a real round (docs/learning.md)",
    "joinedup learning pool": "needs a folder of learning records (records/*.json, a shell glob)",
    "joinedup learning open-data": "needs a folder of learning records (records/*.json, a shell glob)",
}
# The web app's commands (`joinedup-manage ...`) run against a database, so they are not run here;
# the web app's tests run them. Here each must name a command that exists: the project's own or
# one of Django's.
DJANGO_COMMANDS = {"migrate", "collectstatic", "createsuperuser", "check"}
# Commands whose exit status 1 means "ran and found problems", which is not a broken example.
CHECKS = (
    "check roles", "check targets", "check meetings", "check funding", "validate", "instrument validate"
)


@dataclass(frozen=True)
class Example:
    """One documented command: where it is written, its arguments, what it reads and where it writes."""

    where: str
    argv: tuple[str, ...]
    stdin: str | None = None
    stdout_to: str | None = None

    @property
    def text(self) -> str:
        return " ".join(["joinedup", *self.argv])


def _commands(document: Path) -> Iterator[tuple[int, str]]:
    """(line number, command) for each command line in the fenced blocks (and in indented code
    blocks, for commands only), continuations joined."""
    inside, pending, start = False, "", 0
    for number, line in enumerate(document.read_text(encoding="utf-8").splitlines(), start=1):
        if _FENCE.match(line):
            inside = not inside
            continue
        indented = line.startswith("    ") and (pending or _INDENTED.match(line))
        if not inside and not indented:
            continue
        text = _PROMPT.sub("", line.strip())
        if pending:
            pending += " " + text.removesuffix("\\").strip()
            if not text.endswith("\\"):
                yield start, pending
                pending = ""
            continue
        if text.endswith("\\"):
            pending, start = text.removesuffix("\\").strip(), number
        elif text:
            yield number, text


def manage_examples() -> list[tuple[str, str]]:
    """(where, command name) of every `joinedup-manage` example."""
    found = []
    for document in DOCUMENTS:
        for number, command in _commands(document):
            if command.startswith("joinedup-manage "):
                found.append((f"{document.relative_to(REPO_ROOT)}:{number}", shlex.split(command)[1]))
    return found


def _example(where: str, command: str) -> Example | None:
    stdin = None
    piped = _PIPED.match(command)
    if piped:
        stdin = shlex.split(piped.group(1))[0] + "\n"
        command = command[piped.end() :]
    if not command.startswith("joinedup "):
        return None
    words = shlex.split(command, comments=True)
    stdout_to = None
    if ">" in words:
        stdout_to = words[words.index(">") + 1]
        words = words[: words.index(">")]
    return Example(where, tuple(words[1:]), stdin, stdout_to)


def examples() -> list[Example]:
    found = []
    for document in DOCUMENTS:
        for number, command in _commands(document):
            example = _example(f"{document.relative_to(REPO_ROOT)}:{number}", command)
            if example is not None:
                found.append(example)
    return found


EXAMPLES = examples()


def _parse(argv: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
    """The command an example names and its parsed options, as the CLI would parse them."""
    command: Any = typer.main.get_command(app)
    context = command.make_context("joinedup", list(argv))
    while hasattr(command, "resolve_command"):
        # Typer's copy of click keeps the subcommand's name and arguments in `_protected_args`.
        name, command, rest = command.resolve_command(context, [*context._protected_args, *context.args])
        context = command.make_context(name, rest, parent=context)
    return command.name, context.params


def test_the_documents_hold_examples_of_every_command_group() -> None:
    named = {example.argv[0] for example in EXAMPLES}
    assert {"synth", "analyse", "report", "validate", "check", "evidence", "tag", "instrument"} <= named
    assert all(any(example.text.startswith(start) for example in EXAMPLES) for start in NOT_RUN), (
        "a NOT_RUN entry names no example any more; remove it"
    )


def test_every_web_app_command_in_the_documents_exists() -> None:
    ours = {path.stem for path in (REPO_ROOT / "src" / "joinedup" / "web").glob("*/management/commands/*.py")}
    named = manage_examples()
    assert any(name == "import" for _, name in named), "docs/survey.md shows joinedup-manage import"
    unknown = [(where, name) for where, name in named if name not in ours | DJANGO_COMMANDS]
    assert not unknown, f"no such joinedup-manage command: {unknown}"


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.where for example in EXAMPLES])
def test_every_example_uses_the_commands_real_options(example: Example) -> None:
    _parse(example.argv)


def _workspace(folder: Path) -> None:
    """Demo inputs under the names the documents use; ~/my-evidence already holds one merged review."""
    structure = DATA_DIR / "structure"
    shutil.copytree(structure, folder / "structure")
    for sheet in structure.glob("*.csv"):
        shutil.copy(sheet, folder / sheet.name)
    shutil.copy(structure / "roles.csv", folder / "raci.csv")
    shutil.copy(DATA_DIR / "survey_exports" / "qualtrics_export.csv", folder / "export.csv")
    review = DATA_DIR / "citations" / "test_schools.txt"
    shutil.copy(review, folder / "review.txt")
    shutil.copy(DATA_DIR / "citations" / "dev_rapid_review.txt", folder / "earlier.txt")
    _docx(review, folder / "review.docx")
    _docx(review, folder / "my-review.docx")
    runner = CliRunner()
    for made in (
        ["synth", "-o", str(folder / "rounds.parquet"), "--responses", "900", "--partnerships", "1",
         "--rounds", "3", "--invitations-out", str(folder / "invitations.parquet")],
        ["synth", "-o", str(folder / "north.parquet"), "--responses", "600", "--partnerships", "1"],
        ["check", "template", "funding", "--format", "xlsx", "-o", str(folder / "partnership.xlsx")],
        ["evidence", "merge", str(folder / "earlier.txt"), "--into", str(folder / "my-evidence"), "--yes"],
    ):
        result = runner.invoke(app, made)
        assert result.exit_code == 0, result.output
    _rounds_as_files(folder)
    (folder / "comments.txt").write_text(
        "The two teams still keep separate case files.\nHalf the partners miss the moved meetings.\n",
        encoding="utf-8",
    )
    pd.DataFrame(
        {
            "What gets in the way?": ["Nobody knows which budget pays for the shared post."],
            "comment": ["We hear about changes too late."],
            "box": ["communication"],
        }
    ).to_csv(folder / "comments.csv", index=False)
    (folder / "north-corrections.csv").write_text(
        'text,factors\n"Nobody knows which budget pays for the shared post.",funding\n', encoding="utf-8"
    )
    (folder / "more.csv").write_text('text,factors\n"We hear about changes too late.",communication\n')
    (folder / "library.bib").write_text(
        "@article{sloper2004,\n  author = {Sloper, P.},\n  title = {Facilitators and barriers},\n"
        "  journal = {Child: Care, Health and Development},\n  year = {2004}\n}\n",
        encoding="utf-8",
    )


def _docx(text_file: Path, target: Path) -> None:
    import docx

    document = docx.Document()
    for paragraph in text_file.read_text(encoding="utf-8").split("\n\n"):
        if paragraph.startswith("#"):
            document.add_heading(paragraph.lstrip("# ").strip(), level=paragraph.count("#", 0, 3))
        else:
            document.add_paragraph(paragraph.strip())
    document.save(str(target))


def _rounds_as_files(folder: Path) -> None:
    """Northshire's three rounds as one file each; North's two rounds as responses.csv."""
    from joinedup.instrument import load_instrument
    from joinedup.io.survey_export import write_template

    instrument = load_instrument()
    blank = {column: "" for column in instrument.comment_columns()}
    rounds = pd.read_parquet(folder / "rounds.parquet").assign(partnership="Northshire", **blank)
    for number, suffix in ((1, "xlsx"), (1, "csv"), (2, "csv"), (3, "csv")):
        one = rounds[rounds["round"] == f"Round {number}"]
        write_template(folder / f"round{number}.{suffix}", instrument, one)
    pd.read_parquet(folder / "invitations.parquet").assign(partnership="Northshire").to_csv(
        folder / "invitations.csv", index=False
    )
    names = {"Round 1": "Autumn 2025", "Round 2": "Spring 2026"}
    north = pd.read_parquet(folder / "north.parquet").assign(partnership="North", **blank)
    write_template(folder / "responses.csv", instrument, north.assign(round=north["round"].map(names)))


def _run(example: Example, folder: Path) -> None:
    argv = [os.path.expanduser(word) if word.startswith("~") else word for word in example.argv]
    result = CliRunner().invoke(app, argv, input=example.stdin if example.stdin is not None else "n\n")
    allowed = (0, 1) if example.text.removeprefix("joinedup ").startswith(CHECKS) else (0,)
    assert result.exit_code in allowed, f"{example.where}: {example.text}\n{result.output}"
    if example.stdout_to:
        (folder / example.stdout_to).write_text(result.stdout, encoding="utf-8")


@pytest.mark.slow
def test_every_example_runs_on_demo_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    for example in EXAMPLES:
        if not example.text.startswith(tuple(NOT_RUN)):
            _run(example, tmp_path)
