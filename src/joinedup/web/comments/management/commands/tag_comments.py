"""Tag every survey comment that has no tag yet, e.g. straight after a command-line import."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from joinedup.web.partnerships.models import Partnership, Round

from ...arrival import tag_untagged


class Command(BaseCommand):
    help = (
        "Tag the survey comments that have no factor tags yet (imports store responses "
        "without tagging them). Each partnership's comments go through its own tagger."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partnership", metavar="SLUG", help="Only this partnership's rounds")

    def handle(self, *args: Any, **options: Any) -> None:
        rounds = Round.objects.select_related("partnership").order_by("partnership__slug", "opens_on", "pk")
        slug = options["partnership"]
        if slug is not None:
            if not Partnership.objects.filter(slug=slug).exists():
                raise CommandError(f"--partnership: value {slug!r} is not the slug of any partnership")
            rounds = rounds.filter(partnership__slug=slug)
        total = 0
        for a_round in rounds:
            tagged = tag_untagged(a_round)
            total += tagged
            if tagged:
                self.stdout.write(f"{a_round.partnership.slug} / {a_round.name}: {tagged} comments tagged")
        self.stdout.write(self.style.SUCCESS(f"{total} comments tagged"))
