"""The dashboard of a partnership with 5,000 respondents over 4 rounds: warm, and uncached.

Builds the partnership in a fresh SQLite database (bulk inserts; or the DATABASE_URL given), then
times the dashboard page through Django's test client as a signed-in coordinator:

- warm: the round's report data is stored (reporting/cache.py), so the page reads it back,
  checks the fingerprint and renders; median of 10. Target: under 300 ms.
- uncached (the naive reference): the same page with the store bypassed, so every request
  recomputes the whole chain (analysis, checks, findings, recommendations), as before the cache.

Queries per request are counted for both. Run: `.venv/bin/python benchmarks/dashboard.py`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

RESPONDENTS = int(os.environ.get("RESPONDENTS", "5000"))
ROUNDS = 4
REPEATS = 10


def _setup() -> None:
    folder = Path(tempfile.mkdtemp(prefix="joinedup-dashboard-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'db.sqlite3'}")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.web.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)


def _build() -> str:
    import numpy as np
    from django.contrib.auth import get_user_model

    from joinedup.instrument import load_instrument
    from joinedup.web.partnerships.models import (
        Agency,
        Membership,
        Partnership,
        Response,
        Role,
        Round,
        RoundStatus,
    )

    rng = np.random.default_rng(13)
    instrument = load_instrument("1")
    items = instrument.item_ids()
    partnership = Partnership.objects.create(name="Benchmark partnership", slug="benchmark")
    agencies = [
        Agency.objects.create(partnership=partnership, name=name)
        for name in ("Education", "Health visiting", "Social work", "Police", "Voluntary sector")
    ]
    user = get_user_model().objects.create_user("bench-coordinator", password="a-long-enough-password")
    Membership.objects.create(user=user, partnership=partnership, role=Role.COORDINATOR)
    per_round = RESPONDENTS // ROUNDS
    for number in range(ROUNDS):
        opens = date(2025, 1, 1) + timedelta(days=120 * number)
        a_round = Round.objects.create(
            partnership=partnership,
            name=f"Round {number + 1}",
            opens_on=opens,
            closes_on=opens + timedelta(days=30),
            instrument_version=instrument.version,
            instrument_fingerprint=instrument.fingerprint(),
            status=RoundStatus.CLOSED,
        )
        answers = rng.integers(1, 6, size=(per_round, len(items)))
        Response.objects.bulk_create(
            (
                Response(
                    round=a_round,
                    agency=agencies[row % len(agencies)],
                    role_group="practitioner" if row % 3 else "manager",
                    answers={item: int(value) for item, value in zip(items, answers[row], strict=True)},
                )
                for row in range(per_round)
            ),
            batch_size=1000,
        )
    return partnership.slug


def _time(client, url: str) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """Wall time, this process's CPU time (the request's, whatever else the machine runs) and queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    assert response.status_code == 200, response.status_code
    return elapsed, cpu, len(queries)


def main() -> None:
    _setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from joinedup.web.reporting import services

    print(f"Building {RESPONDENTS} respondents over {ROUNDS} rounds ...", flush=True)
    slug = _build()
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-coordinator"))
    url = reverse("reporting:dashboard", args=[slug])

    first, first_cpu, first_queries = _time(client, url)
    warm = [_time(client, url) for _ in range(REPEATS)]

    stored, stored_charts = services.stored_report_data, services.with_stored_charts
    services.stored_report_data = lambda a_round, key: None  # type: ignore[assignment]
    services.with_stored_charts = lambda a_round, key, report: report  # type: ignore[assignment]
    try:
        uncached = [_time(client, url) for _ in range(max(3, REPEATS // 3))]
    finally:
        services.stored_report_data, services.with_stored_charts = stored, stored_charts

    warm_median = statistics.median(t for t, _, _ in warm)
    warm_cpu = statistics.median(c for _, c, _ in warm)
    uncached_median = statistics.median(t for t, _, _ in uncached)
    uncached_cpu = statistics.median(c for _, c, _ in uncached)
    print(
        f"first request (computes and stores): {first * 1000:7.0f} ms, {first_cpu * 1000:5.0f} ms CPU, "
        f"{first_queries} queries"
    )
    print(
        f"warm, median of {len(warm)}:            {warm_median * 1000:7.0f} ms, "
        f"{warm_cpu * 1000:5.0f} ms CPU, {warm[-1][2]} queries  "
        f"(target < 300 ms: {'met' if warm_median < 0.3 else 'NOT met'})"
    )
    print(
        f"uncached reference, median of {len(uncached)}:  {uncached_median * 1000:7.0f} ms, "
        f"{uncached_cpu * 1000:5.0f} ms CPU, {uncached[-1][2]} queries  "
        f"({uncached_median / warm_median:.1f}x the warm page)"
    )
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", file=sys.stderr)


if __name__ == "__main__":
    main()
