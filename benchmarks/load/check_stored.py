"""After a fault run: is every acknowledged submission stored exactly once, and nothing half-stored?

Reads the keys file written by `survey_load.py --keys-out` and compares it with the `Response` table
of the database in DATABASE_URL (run with the same environment as the server, `source env.sh`).
With `--down FROM TO` (epoch seconds of a database outage) the client's errors are split into those
that arrived while the database was down and those after it was back (the target is none after).
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter

import django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("keys", help="the JSON file from survey_load.py --keys-out")
    parser.add_argument("--down", nargs=2, type=float, metavar=("FROM", "TO"))
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.web.settings")
    django.setup()
    from joinedup.web.partnerships.models import Response

    with open(args.keys, encoding="utf-8") as handle:
        run = json.load(handle)
    acknowledged, unacknowledged = run["acknowledged"], run["unacknowledged"]
    rows = Response.objects.filter(idempotency_key__in=acknowledged + unacknowledged)
    stored = Counter(rows.values_list("idempotency_key", flat=True))
    item_counts = {len(answers) for answers in rows.values_list("answers", flat=True)}
    missing = [key for key in acknowledged if stored[key] == 0]
    doubled = [key for key, count in stored.items() if count > 1]
    report = {
        "acknowledged": len(acknowledged),
        "acknowledged_stored_once": sum(1 for key in acknowledged if stored[key] == 1),
        "acknowledged_missing": len(missing),
        "stored_twice_or_more": len(doubled),
        "failed_sends": len(unacknowledged),
        "failed_sends_stored_whole": sum(1 for key in unacknowledged if stored[key] == 1),
        "failed_sends_not_stored": sum(1 for key in unacknowledged if stored[key] == 0),
        "answers_per_stored_response": sorted(item_counts),
        "client_errors": len(run["errors"]),
    }
    if args.down:
        start, end = args.down
        report["errors_while_db_down"] = sum(1 for at, _ in run["errors"] if start <= at <= end + 1)
        report["errors_after_db_back"] = sum(1 for at, _ in run["errors"] if at > end + 1)
        report["errors_before_outage"] = sum(1 for at, _ in run["errors"] if at < start)
    report["error_kinds"] = dict(Counter(what for _, what in run["errors"]))
    print(json.dumps(report, indent=1))
    if missing or doubled or len(item_counts) > 1:
        raise SystemExit("LOST, DOUBLED OR HALF-STORED SUBMISSIONS")


if __name__ == "__main__":
    main()
