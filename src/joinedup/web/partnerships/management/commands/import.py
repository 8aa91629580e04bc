"""`joinedup-manage import FILE --partnership SLUG --round NAME`: a survey file into a round.

The command-line twin of the round's import page: the same reader, the same checks and the
same one-source rule (`store_import`), so both accept the same files and refuse the same
ones. All or nothing: a file with a bad row stores nothing unless --skip-bad-rows is given,
and then every skipped row is listed. Exit code 2 for any refusal, as for the `joinedup` CLI.
"""

from __future__ import annotations

import dataclasses
import json
from argparse import ArgumentParser
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError

from joinedup.formatting import plural
from joinedup.io.survey_import import ImportFailed, read_responses
from joinedup.io.tables import RowError
from joinedup.web.partnerships.models import InstrumentChanged, Round
from joinedup.web.partnerships.responses import MixedSources, store_import

KEEP_PARTIAL_HELP = (
    "Keep responses the survey tool marks as never finished or submitted (Qualtrics Finished, LimeSurvey "
    "submitdate) when they hold answers; they are left out by default. Preview, test and blank rows are "
    "always left out."
)
KEEP_PARTIAL_HOW = "pass --keep-partial to keep the ones that have answers"
BAD_INPUT = 2


class Command(BaseCommand):
    help = "Store a survey file's responses in a round of a partnership: all of them, or none."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "file", help="The joinedup template or an MS Forms, SurveyMonkey, Qualtrics or LimeSurvey export."
        )
        parser.add_argument("--round", required=True, dest="round_name", help="Name of the round.")
        parser.add_argument("--partnership", required=True, help="Short name (slug) of the partnership.")
        parser.add_argument("--agency", help="Agency of every response, if the file has none.")
        parser.add_argument("--role-group", help="Role group of every response, if the file has none.")
        parser.add_argument(
            "--instrument-version",
            help=(
                "The instrument version the file was written for (joinedup validate's --version); "
                "refused unless it is the version the round records. Django's --version is Django's."
            ),
        )
        parser.add_argument("--skip-bad-rows", action="store_true", help="Store the good rows; list the bad.")
        parser.add_argument("--keep-partial", action="store_true", help=KEEP_PARTIAL_HELP)
        parser.add_argument(
            "--format",
            choices=["table", "json"],
            default="table",
            dest="output_format",
            help="table, or json for machines.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        as_json = options["output_format"] == "json"
        target = (
            Round.objects.select_related("partnership")
            .filter(partnership__slug=options["partnership"], name=options["round_name"])
            .first()
        )
        if target is None:
            self._refuse(
                as_json,
                path,
                f"There is no round {options['round_name']!r} in a partnership {options['partnership']!r}.",
            )
        wanted = options["instrument_version"]
        if wanted is not None and wanted != target.instrument_version:
            self._refuse(
                as_json,
                path,
                f"Nothing was stored: the round {target.name!r} of {options['partnership']!r} is read with "
                f"instrument version {target.instrument_version}, not {wanted} (--instrument-version).",
            )
        if not path.is_file():
            self._refuse(as_json, path, f"{path}: no such file")
        given = {
            "partnership": options["partnership"],
            "round": options["round_name"],
            "agency": options["agency"],
            "role_group": options["role_group"],
        }
        try:
            result = read_responses(
                path,
                target.instrument(),
                known_agencies=list(target.partnership.agencies.values_list("name", flat=True)),
                defaults={column: value for column, value in given.items() if value},
                skip_bad_rows=options["skip_bad_rows"],
                keep_partial=options["keep_partial"],
            )
            batch = store_import(target, result)
        except ImportFailed as failure:
            self._refuse(
                as_json,
                path,
                f"Nothing was stored: {plural(len(failure.errors), 'problem')} in {path.name}",
                failure.errors,
            )
        except (MixedSources, InstrumentChanged) as refusal:
            self._refuse(as_json, path, f"Nothing was stored: {refusal}")
        summary = {
            "ok": True,
            "file": batch.filename,
            "source_format": batch.source_format,
            "partnership": options["partnership"],
            "round": options["round_name"],
            "stored": batch.rows,
            "import_batch": batch.pk,
            "unmapped_columns": result.unmapped_columns,
            "skipped_rows": [str(error) for error in result.skipped_rows],
            "header_row": result.header_row,
            "left_out": dataclasses.asdict(result.left_out),
            "notes": result.notes(KEEP_PARTIAL_HOW),
        }
        if as_json:
            self.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False))
            return
        self.stdout.write(self.style.SUCCESS(f"Imported into {target.partnership.name}, {target.name}"))
        rows = {
            "file": f"{batch.filename} ({batch.source_format} layout)",
            "responses stored": str(batch.rows),
            "columns read": str(len(result.column_mapping)),
            "columns not read": ", ".join(result.unmapped_columns) or "none",
            "rows skipped": str(len({error.row for error in result.skipped_rows})),
            "rows left out": str(result.left_out.count()),
        }
        for what, value in rows.items():
            self.stdout.write(f"  {what}: {value}")
        for line in summary["skipped_rows"]:
            self.stdout.write(f"  skipped: {line}")
        for note in summary["notes"]:
            self.stdout.write(note)

    def _refuse(
        self, as_json: bool, path: Path, message: str, errors: Sequence[RowError] = ()
    ) -> NoReturn:
        """Report why nothing was stored (as JSON too when asked) and stop with exit code 2."""
        if as_json:
            listed = [{**vars(error), "message": str(error)} for error in errors]
            document = {"ok": False, "file": path.name, "stored": 0, "message": message, "errors": listed}
            self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
        for error in errors:
            self.stderr.write(f"  {error}")
        raise CommandError(message, returncode=BAD_INPUT)
