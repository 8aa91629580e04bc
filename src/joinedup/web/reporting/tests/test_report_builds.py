"""Report files are built by task workers exactly once per (round, fingerprint, format), a killed
worker's build is finished by the next one, and the download page shows progress then the file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from joinedup.web.partnerships.models import Membership, Role, RoundStatus
from joinedup.web.partnerships.tests.builders import make_partnership, make_responses, make_round
from joinedup.web.reporting import builds
from joinedup.web.reporting.models import BuildStatus, ReportBuild

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _closed_round():
    partnership = make_partnership()
    a_round = make_round(partnership, status=RoundStatus.CLOSED)
    for agency in partnership.agencies.all():
        make_responses(a_round, agency, 12)
    return a_round


def _slow_counting_renderer(monkeypatch):
    made = []
    lock = threading.Lock()

    def render(data):
        with lock:
            made.append(1)
        time.sleep(0.5)
        return b"PK-built-once"

    monkeypatch.setitem(builds.RENDERERS, "xlsx", render)
    return made


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_two_workers_never_build_the_same_report_twice(monkeypatch):
    a_round = _closed_round()
    made = _slow_counting_renderer(monkeypatch)
    first = builds.request_build(a_round, "xlsx")
    second = builds.request_build(a_round, "xlsx")
    assert first.pk == second.pk
    assert DBTaskResult.objects.count() == 1

    outcomes: list[str] = []

    def worker() -> None:
        try:
            outcomes.append(builds.run_build(first.pk))
        except OperationalError:
            # SQLite's test database may refuse a concurrent claim outright ("table is locked");
            # a refused worker builds nothing, which is what this test is about.
            outcomes.append("refused by the database")
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 4
    assert outcomes.count("built") == 1
    assert set(outcomes) - {"built"} <= {"not claimed", "refused by the database"}
    assert len(made) == 1
    build = ReportBuild.objects.get(pk=first.pk)
    assert build.status == BuildStatus.DONE
    assert build.content is not None and bytes(build.content) == b"PK-built-once"
    assert builds.request_build(a_round, "xlsx").status == BuildStatus.DONE
    assert DBTaskResult.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS, JOINEDUP_REPORT_CLAIM_TIMEOUT=0)
def test_a_stale_claim_is_taken_over_and_a_live_one_is_not(monkeypatch):
    a_round = _closed_round()
    made = _slow_counting_renderer(monkeypatch)
    build = builds.request_build(a_round, "xlsx")
    assert builds.claim(build.pk) is not None
    assert builds.requeue_stale_builds() == 1
    assert builds.run_build(build.pk) == "built"
    assert len(made) == 1
    with override_settings(JOINEDUP_REPORT_CLAIM_TIMEOUT=600):
        ReportBuild.objects.filter(pk=build.pk).update(status=BuildStatus.QUEUED)
        assert builds.claim(build.pk) is not None
        assert builds.run_build(build.pk) == "not claimed"
        assert builds.requeue_stale_builds() == 0


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_the_download_shows_progress_then_offers_the_file(client, monkeypatch):
    a_round = _closed_round()
    _slow_counting_renderer(monkeypatch)
    user = get_user_model().objects.create_user("coordinator", password="a-long-enough-password")
    Membership.objects.create(user=user, partnership=a_round.partnership, role=Role.VIEWER)
    client.force_login(user)
    download = reverse("reporting:download", args=[a_round.partnership.slug, a_round.pk, "xlsx"])
    response = client.get(download)
    assert response.status_code == 302
    page = client.get(response["Location"])
    body = page.content.decode()
    assert '<meta http-equiv="refresh" content="3">' in body
    assert "Waiting to start" in body
    build = ReportBuild.objects.get()
    assert builds.run_build(build.pk) == "built"
    done = client.get(response["Location"]).content.decode()
    assert "http-equiv" not in done
    assert "Download the XLSX report" in done
    assert client.get(response["Location"], {"file": 1}).content == b"PK-built-once"
    served = client.get(download)
    assert served.status_code == 200
    assert served.content == b"PK-built-once"


WORLD = """
from joinedup.web.partnerships.models import RoundStatus
from joinedup.web.partnerships.tests.builders import make_partnership, make_responses, make_round
from joinedup.web.reporting.builds import request_build
partnership = make_partnership()
a_round = make_round(partnership, status=RoundStatus.CLOSED)
for agency in partnership.agencies.all():
    make_responses(a_round, agency, 30)
print(request_build(a_round, "pdf").pk)
"""


def _status(database: Path) -> tuple[str, int]:
    with sqlite3.connect(database) as db:
        return db.execute("select status, attempts from reporting_reportbuild").fetchone()


def _wait_for(database: Path, wanted: str, limit: float) -> tuple[str, int]:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        found = _status(database)
        if found[0] == wanted:
            return found
        time.sleep(0.05)
    raise AssertionError(f"build still {_status(database)} after {limit} s, wanted {wanted}")


@pytest.mark.slow  # migrates a fresh database and makes a PDF in subprocesses: 2.5 min at load 14
def test_a_report_interrupted_by_a_worker_kill_completes_after_restart(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "joinedup.web.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "JOINEDUP_REPORT_CLAIM_TIMEOUT": "2",
        "JOINEDUP_HOUSEKEEPING_INTERVAL": "1",
    }
    manage = [sys.executable, "-m", "django"]
    subprocess.run([*manage, "migrate", "--no-input"], env=env, check=True, capture_output=True)
    subprocess.run([*manage, "shell", "-c", WORLD], env=env, check=True, capture_output=True)
    worker_command = [*manage, "task_worker", "--interval", "0.2"]

    first = subprocess.Popen(worker_command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(database, BuildStatus.RUNNING, 300)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        first.kill()
    assert _status(database) == (BuildStatus.RUNNING, 1)

    second = subprocess.Popen(worker_command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _, attempts = _wait_for(database, BuildStatus.DONE, 300)
    finally:
        second.terminate()
        second.wait(10)
    assert attempts == 2
    with sqlite3.connect(database) as db:
        assert db.execute("select content from reporting_reportbuild").fetchone()[0].startswith(b"%PDF")
