from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.serializers.base import DeserializationError

from joinedup.web.operations.backup import RestoreRefused, restore_backup


class Command(BaseCommand):
    help = (
        "Load a backup made by `backup` into this database (run `migrate` first). All or nothing: "
        "it refuses, changing nothing, if any row it holds already exists here."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", help="backup file, or - for standard input")

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["input"]
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        try:
            written = restore_backup(text)
        except (RestoreRefused, DeserializationError, ValueError) as error:
            raise CommandError(f"Nothing was restored: {error}") from error
        total = sum(written.values())
        self.stdout.write(f"Restored {total:,} rows in {len(written)} tables.")
