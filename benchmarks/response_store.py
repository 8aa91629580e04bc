"""How fast responses move between a responses frame and the database.

Stores a synthetic frame with `store_frame` (validated, one bulk insert) and with a
naive loop (one `Response.objects.create` per row inside a transaction, which also
fires every `post_save` receiver, such as comment tagging, once per row), then reads
the round back with `frame_for_rounds` (a values query) and with a naive reader
(model instances turned into dicts). Prints the median of several runs of each, so
the ratios can be read off one run. Uses a throwaway SQLite database.

Usage: python benchmarks/response_store.py [ROWS]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable

RUNS = 3


def median_seconds(task: Callable[[], object], reset: Callable[[], object]) -> float:
    timings = []
    for _ in range(RUNS):
        reset()
        started = time.perf_counter()
        task()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main(rows: int) -> None:
    folder = tempfile.mkdtemp(prefix="joinedup-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.web.settings_test")
    import django

    django.setup()
    import numpy as np
    import pandas as pd
    from django.core.management import call_command
    from django.db import transaction

    from joinedup.instrument import load_instrument
    from joinedup.instrument.responses import COMMENT_PREFIX, ID_COLUMNS
    from joinedup.web.partnerships.models import Agency, ImportBatch, Partnership, Response, Round
    from joinedup.web.partnerships.responses import frame_columns, frame_for_rounds, store_frame

    call_command("migrate", verbosity=0)
    instrument = load_instrument("1")
    partnership = Partnership.objects.create(name="Bench", slug="bench")
    names = ["Education", "Health", "Police", "Social Work"]
    agencies = {name: Agency.objects.create(partnership=partnership, name=name) for name in names}
    a_round = Round.objects.create(
        partnership=partnership,
        name="R",
        opens_on="2026-01-01",
        closes_on="2026-01-31",
        instrument_version="1",
    )
    rng = np.random.default_rng(7)
    item_ids, comment_columns = frame_columns([instrument])
    frame = pd.DataFrame(
        {
            "partnership": "bench",
            "round": "R",
            "agency": rng.choice(names, rows),
            "role_group": rng.choice(["practitioner", "team-leader"], rows),
            **{item: rng.choice([1.0, 2.0, 3.0, 4.0, 5.0, 0.0, np.nan], rows) for item in item_ids},
            **{column: rng.choice([None, "Not enough time"], rows) for column in comment_columns},
        }
    ).astype({**dict.fromkeys([*ID_COLUMNS, *comment_columns], "str")})

    def clear() -> None:
        Response.objects.all().delete()
        ImportBatch.objects.all().delete()

    def naive_store() -> None:
        with transaction.atomic():
            for record in frame.to_dict("records"):
                Response.objects.create(
                    round=a_round,
                    agency=agencies[record["agency"]],
                    role_group=record["role_group"],
                    answers={i: int(record[i]) for i in item_ids if not pd.isna(record[i])},
                    comments={
                        c.removeprefix(COMMENT_PREFIX): record[c]
                        for c in comment_columns
                        if not pd.isna(record[c])
                    },
                )

    def naive_read() -> pd.DataFrame:
        records = []
        for response in Response.objects.filter(round=a_round).select_related("agency", "round__partnership"):
            record = {
                "partnership": response.round.partnership.slug,
                "round": response.round.name,
                "agency": response.agency.name,
                "role_group": response.role_group,
            }
            record.update(
                {i: float(response.answers[i]) if i in response.answers else np.nan for i in item_ids}
            )
            record.update({c: response.comments.get(c.removeprefix(COMMENT_PREFIX)) for c in comment_columns})
            records.append(record)
        return pd.DataFrame(records)

    store = median_seconds(
        lambda: store_frame(a_round, frame, filename="f.csv", source_format="template"), clear
    )
    naive = median_seconds(naive_store, clear)
    store_frame(a_round, frame, filename="f.csv", source_format="template")
    read = median_seconds(lambda: frame_for_rounds([a_round]), lambda: None)
    naive_reading = median_seconds(naive_read, lambda: None)
    print(f"{rows} responses of {len(item_ids)} items, SQLite, median of {RUNS} runs")
    for name, fast, naive_name, slow in (
        ("store_frame", store, "naive per-row create", naive),
        ("frame_for_rounds", read, "naive model reader", naive_reading),
    ):
        print(f"{name:17} {fast:8.3f} s   {naive_name:21} {slow:8.3f} s   ratio {slow / fast:6.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
