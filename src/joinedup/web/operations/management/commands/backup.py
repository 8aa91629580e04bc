from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from joinedup.web.operations.backup import make_backup
from joinedup.web.partnerships.models import Partnership


class Command(BaseCommand):
    help = (
        "Write a consistent backup (JSON) of every partnership, or of those named with --partnership, "
        "restorable with `restore` into SQLite or PostgreSQL."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", help="file to write, or - for standard output")
        parser.add_argument(
            "--partnership", action="append", metavar="SLUG", help="only this partnership (repeatable)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            text = make_backup(options["partnership"])
        except Partnership.DoesNotExist as error:
            raise CommandError(str(error)) from error
        if options["output"] == "-":
            sys.stdout.write(text)
            return
        path = Path(options["output"])
        temporary = path.with_name(path.name + ".partial")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)  # a crash mid-write never leaves a truncated file under the real name
        self.stderr.write(f"Wrote {path} ({path.stat().st_size:,} bytes)")
