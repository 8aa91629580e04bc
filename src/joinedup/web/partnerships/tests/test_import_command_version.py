"""`joinedup-manage import --instrument-version`: the instrument version named without clashing with
Django's own --version, and `joinedup import`'s pointer naming exactly the options that differ."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError
from typer.testing import CliRunner

from joinedup.cli import app
from joinedup.web.partnerships.models import ImportBatch

from .conftest import SURVEY_EXPORTS

SPRING = ("--round", "Spring", "--partnership", "fife")
EXPORT = SURVEY_EXPORTS / "limesurvey_text.csv"


def _options(parser_owner: object) -> set[str]:
    parser = parser_owner.create_parser("joinedup-manage", "import")  # type: ignore[attr-defined]
    return {option for action in parser._actions for option in action.option_strings}


@pytest.mark.django_db
def test_the_round_s_own_version_is_accepted(spring):
    out = StringIO()
    version = ("--instrument-version", spring.instrument_version)
    call_command("import", str(EXPORT), *SPRING, *version, stdout=out)
    assert "responses stored: 7" in out.getvalue()


@pytest.mark.django_db
def test_another_instrument_version_is_refused_naming_both(spring):
    with pytest.raises(CommandError) as failure:
        call_command("import", str(EXPORT), *SPRING, "--instrument-version", "99", stdout=StringIO())
    assert failure.value.returncode == 2
    message = str(failure.value)
    assert f"instrument version {spring.instrument_version}, not 99" in message and "'Spring'" in message
    assert not ImportBatch.objects.exists()


def test_django_s_version_stays_django_s_and_the_pointer_names_real_options():
    command = load_command_class("joinedup.web.partnerships", "import")
    offered = _options(command)
    assert {"--instrument-version", "--version"} <= offered
    pointer = CliRunner().invoke(app, ["import", "x.csv"])
    assert pointer.exit_code == 2
    said = " ".join(pointer.output.split())
    named = set(re.findall(r"--[a-z-]+", said)) - {"--agencies", "--sheet"}
    assert named <= offered, named - offered
    assert "--instrument-version replaces --version" in said
    assert not {"--agencies", "--sheet"} & offered
