from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from joinedup.web.partnerships.demo import load_demo


class Command(BaseCommand):
    help = "Load the made-up Riverside partnership for trying joinedup. Safe to run more than once."

    def handle(self, *args: Any, **options: Any) -> None:
        summary = load_demo(today=timezone.localdate())
        verb = "Loaded" if summary.created else "Found"
        self.stdout.write(self.style.SUCCESS(f"{verb} the demo partnership: {summary.partnership.name}"))
        self.stdout.write("")
        self.stdout.write("  Open   http://127.0.0.1:8000/accounts/sign-in/")
        for username in summary.usernames:
            self.stdout.write(f"  Sign in as {username!r} with the password {summary.password!r}")
        self.stdout.write("")
