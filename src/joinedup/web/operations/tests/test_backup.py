"""Backups: a partnership's rows come back exactly, nothing of another partnership leaks in or is
overwritten, and a restore that would clash changes nothing. The cross-database round trips
(SQLite -> SQLite always, SQLite -> PostgreSQL when DATABASE_URL is set) run whole commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from joinedup.web.operations.backup import make_backup, restore_backup
from joinedup.web.partnerships.models import Membership, Partnership, Response, Round
from joinedup.web.partnerships.tests.builders import (
    add_member,
    make_partnership,
    make_responses,
    make_round,
    make_user,
)
from joinedup.web.structure.models import Meeting

pytestmark = pytest.mark.django_db


def _objects(text: str) -> list[dict]:
    """The rows of a backup without user and group ids, which a restore may renumber."""
    rows = json.loads(text)["objects"]
    return [row | ({"pk": None} if row["model"] in {"auth.user", "auth.group"} else {}) for row in rows]


@pytest.fixture
def two_partnerships():
    ours = make_partnership(name="Riverside", slug="riverside")
    theirs = make_partnership(name="Hillside", slug="hillside")
    for partnership, username in ((ours, "coord-river"), (theirs, "coord-hill")):
        add_member(partnership, make_user(username))
        a_round = make_round(partnership)
        make_responses(a_round, partnership.agencies.all()[0], 6)
        Meeting.objects.create(partnership=partnership, reference="B1", kind="board", held_on="2026-01-05")
    return ours, theirs


def _delete(partnership: Partnership) -> None:
    Response.objects.filter(round__partnership=partnership).delete()
    Round.objects.filter(partnership=partnership).delete()
    partnership.delete()


def test_one_partnership_round_trips_exactly_and_leaves_the_other_alone(two_partnerships):
    ours, _theirs = two_partnerships
    before = make_backup(["riverside"])
    other_before = make_backup(["hillside"])
    _delete(ours)
    written = restore_backup(before)
    assert written["partnerships.Response"] == 6
    after = _objects(make_backup(["riverside"]))
    assert all(row in after for row in _objects(before))
    # Only the history of the deletion itself is new: simple_history keeps it, as it should.
    assert {row["fields"]["history_type"] for row in after if row not in _objects(before)} == {"-"}
    assert make_backup(["hillside"]) == other_before
    assert Membership.objects.get(partnership__slug="riverside").user.username == "coord-river"


def test_a_partnership_backup_holds_none_of_another_partnerships_rows(two_partnerships):
    text = make_backup(["riverside"])
    assert "Hillside" not in text
    assert "coord-hill" not in text
    models = {row["model"] for row in json.loads(text)["objects"]}
    assert {"partnerships.partnership", "partnerships.response", "structure.meeting"} <= models
    assert "survey.surveydraft" not in models


def test_a_restore_that_would_overwrite_rows_is_refused_and_changes_nothing(two_partnerships):
    text = make_backup(["riverside"])
    Response.objects.filter(round__partnership__slug="riverside").update(role_group="manager")
    with pytest.raises(CommandError, match="already exist"):
        call_command("restore", _write(text))
    assert set(
        Response.objects.filter(round__partnership__slug="riverside").values_list("role_group", flat=True)
    ) == {"manager"}


def test_an_unknown_partnership_is_named_in_the_error():
    with pytest.raises(CommandError, match="nowhere"):
        call_command("backup", "-", partnership=["nowhere"])


def _write(text: str) -> str:
    path = Path(os.environ.get("PYTEST_TMP", "/tmp")) / f"joinedup-backup-{os.getpid()}.json"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _manage(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "joinedup.web.settings",
    }
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )


def _target_urls(tmp_path: Path) -> list[str]:
    urls = [f"sqlite:///{tmp_path / 'target.sqlite3'}"]
    source = os.environ.get("DATABASE_URL", "")
    if source.startswith("postgres"):
        name = f"joinedup_restore_{os.getpid()}"
        admin = source.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(
            ["psql", "-q", admin, "-c", f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}"],
            check=True,
        )
        urls.append(source.rsplit("/", 1)[0] + "/" + name)
    return urls


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_backup_made_on_sqlite_restores_into_a_fresh_sqlite_and_postgresql(tmp_path):
    source = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    _manage(source, "migrate", "--no-input", "-v0")
    _manage(source, "load_demo")
    original = _manage(source, "backup", "-").stdout
    backup = tmp_path / "all.json"
    backup.write_text(original, encoding="utf-8")
    for target in _target_urls(tmp_path):
        _manage(target, "migrate", "--no-input", "-v0")
        _manage(target, "restore", str(backup))
        assert _objects(_manage(target, "backup", "-").stdout) == _objects(original), target
        # A second restore of the same file finds every row already there, unchanged.
        assert "Restored 0 rows" in _manage(target, "restore", str(backup)).stdout
