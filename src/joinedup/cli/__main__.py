"""`python -m joinedup.cli`: the same command as the `joinedup` entry point."""

from joinedup.cli import app

app(prog_name="joinedup")
