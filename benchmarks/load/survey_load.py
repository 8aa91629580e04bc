"""A bounded load client: virtual respondents each complete the whole survey, over loopback only.

Why a hand-written client (threads over `http.client`) rather than locust: on this 2-core machine the
client shares the CPU with the server, and a plain keep-alive connection per respondent costs far less
client CPU than locust's gevent workers, so more of the machine is left to the server being measured.

Each virtual respondent has its own cookie jar (CSRF cookie, draft cookie, "already sent" marker)
and walks start -> about you -> every question page (one answer per statement) -> check -> send ->
sent, exactly as the templates ask. Before the survey phase the same number of clients fetch a
trivial page (the sign-in page) for a fixed time, so the ratio of the two rates is read from one run.

Bounded: every phase stops after `--seconds` or `--max-surveys`, whichever comes first, and the
client refuses any address that is not 127.0.0.1. The acknowledged idempotency keys (a send
answered with a redirect to the "sent" page) are written to `--keys-out` so that `check_stored.py`
can compare them with the database after a fault run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RADIO = re.compile(r'name="([^"]+)" type="radio" value="([^"]*)"')
IDEMPOTENCY = re.compile(r'name="idempotency_key" value="([^"]+)"')
FORM_POST = re.compile(r'<form method="post"')


class Failed(Exception):
    """A request answered with an unexpected status or not at all; the respondent gives up."""


@dataclass
class Tally:
    """Latencies by kind (page, answer, send, trivial) and what went wrong, shared by all threads."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[tuple[float, str]] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    unacknowledged: list[str] = field(default_factory=list)
    completed: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)

    def error(self, what: str) -> None:
        with self.lock:
            self.errors.append((time.time(), what))


class Browser:
    """One respondent: a keep-alive connection to one server and a cookie jar honouring paths."""

    def __init__(self, base: str, tally: Tally) -> None:
        parts = urllib.parse.urlsplit(base)
        if parts.hostname != "127.0.0.1":
            raise SystemExit(f"refusing {base}: this client only talks to 127.0.0.1")
        self.host, self.port = parts.hostname, parts.port or 80
        self.tally = tally
        self.cookies: dict[tuple[str, str], str] = {}
        self.conn: http.client.HTTPConnection | None = None

    def _cookie_header(self, path: str) -> str:
        return "; ".join(
            f"{name}={value}" for (name, where), value in self.cookies.items() if path.startswith(where)
        )

    def _store_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            first, *attributes = [part.strip() for part in header.split(";")]
            name, _, value = first.partition("=")
            path, deleted = "/", False
            for attribute in attributes:
                key, _, val = attribute.partition("=")
                if key.lower() == "path":
                    path = val
                elif key.lower() == "max-age" and val.strip() == "0":
                    deleted = True
            if deleted or value in {"", '""'}:
                self.cookies.pop((name, path), None)
            else:
                self.cookies[(name, path)] = value

    def request(
        self, kind: str, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(form) if form is not None else None
        headers = {"Host": f"{self.host}:{self.port}", "Cookie": self._cookie_header(path)}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        started = time.perf_counter()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            self.close()
            self.tally.error(f"{kind} {method} {_shape(path)}: {type(error).__name__}")
            raise Failed from error
        self.tally.add(kind, time.perf_counter() - started)
        self._store_cookies(response)
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, response.getheader("Location") or "", text

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _shape(path: str) -> str:
    """The path with the link's token and page number blanked, so errors group by kind of page."""
    return re.sub(r"/survey/[^/]+/", "/survey/*/", re.sub(r"/\d+/", "/N/", path))


def _expect(status: int, wanted: int, what: str, tally: Tally) -> None:
    if status != wanted:
        tally.error(f"{what}: HTTP {status}")
        raise Failed(what)


def _answers(page: str, rng: random.Random) -> dict[str, str]:
    choices: dict[str, list[str]] = {}
    for name, value in RADIO.findall(page):
        choices.setdefault(name, []).append(value)
    return {name: rng.choice(values) for name, values in choices.items()}


def complete_survey(browser: Browser, token: str, rng: random.Random) -> None:
    """Every page, every answer, the final send; raises `Failed` at the first unexpected answer."""
    tally = browser.tally
    root = f"/survey/{token}/"
    status, _, _ = browser.request("page", "GET", root)
    _expect(status, 200, "start page", tally)
    path = f"{root}about-you/"
    while True:
        status, _, page = browser.request("page", "GET", path)
        _expect(status, 200, f"GET {_shape(path)}", tally)
        if "check-your-answers" in path:
            break
        csrf = CSRF.search(page)
        if csrf is None:
            tally.error(f"no form on {_shape(path)}")
            raise Failed(path)
        form = {"csrfmiddlewaretoken": csrf.group(1), **_answers(page, rng)}
        status, location, _ = browser.request("answer", "POST", path, form)
        _expect(status, 302, f"POST {_shape(path)}", tally)
        path = location
    key = IDEMPOTENCY.search(page)
    csrf = CSRF.search(page)
    if key is None or csrf is None:
        tally.error("check page without its send form")
        raise Failed("check")
    form = {"csrfmiddlewaretoken": csrf.group(1), "idempotency_key": key.group(1)}
    try:
        status, location, _ = browser.request("send", "POST", f"{root}send/", form)
    except Failed:
        with tally.lock:
            tally.unacknowledged.append(key.group(1))
        raise
    if status != 302 or not location.endswith("/sent/"):
        with tally.lock:
            tally.unacknowledged.append(key.group(1))
        _expect(0, 302, f"send answered {status} {location}", tally)
    with tally.lock:
        tally.acknowledged.append(key.group(1))
    status, _, _ = browser.request("page", "GET", location)
    _expect(status, 200, "sent page", tally)
    with tally.lock:
        tally.completed += 1


def _survey_worker(
    bases: list[str], index: int, token: str, tally: Tally, stop: float, budget: list[int]
) -> None:
    rng = random.Random(index)
    base = bases[index % len(bases)]
    while time.time() < stop:
        with tally.lock:
            if budget[0] <= 0:
                return
            budget[0] -= 1
        browser = Browser(base, tally)  # a new respondent: a new cookie jar, a new connection
        try:
            complete_survey(browser, token, rng)
        except Failed:
            time.sleep(0.2)
        finally:
            browser.close()


def _trivial_worker(bases: list[str], index: int, path: str, tally: Tally, stop: float) -> None:
    browser = Browser(bases[index % len(bases)], tally)
    while time.time() < stop:
        try:
            status, _, _ = browser.request("trivial", "GET", path)
            if status != 200:
                tally.error(f"trivial page: HTTP {status}")
        except Failed:
            time.sleep(0.2)
    browser.close()


def _run(target, args_for, clients: int) -> float:
    threads = [threading.Thread(target=target, args=args_for(i), daemon=True) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def _percentiles(values: list[float]) -> dict[str, float]:
    if len(values) < 2:
        return {"n": len(values)}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"n": len(values), "p50_ms": cuts[49] * 1000, "p95_ms": cuts[94] * 1000, "p99_ms": cuts[98] * 1000}


def _server_cpu(pidfiles: list[str]) -> float:
    """CPU seconds used so far by the gunicorn workers (children of each master in `pidfiles`).

    Unlike latency, this does not grow when other work on the machine competes for the CPU, so it
    is the figure to compare between runs on a busy machine (the database's CPU is not included).
    """
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pidfile in pidfiles:
        with open(pidfile, encoding="ascii") as handle:
            master = handle.read().strip()
        with open(f"/proc/{master}/task/{master}/children", encoding="ascii") as handle:
            workers = handle.read().split()
        for worker in workers:
            try:
                with open(f"/proc/{worker}/stat", encoding="ascii") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except FileNotFoundError:
                continue
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _load_average() -> str:
    with open("/proc/loadavg", encoding="ascii") as handle:
        return " ".join(handle.read().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--base", action="append", required=True, help="http://127.0.0.1:PORT (repeat to spread)"
    )
    parser.add_argument("--token", required=True, help="an open round's invitation token")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the survey phase")
    parser.add_argument("--max-surveys", type=int, default=2000)
    parser.add_argument("--trivial-path", default="/accounts/sign-in/")
    parser.add_argument("--trivial-seconds", type=float, default=10.0, help="0 skips the trivial phase")
    parser.add_argument("--keys-out", help="write acknowledged and unacknowledged keys here (JSON)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument(
        "--server-pidfile",
        action="append",
        default=[],
        help="gunicorn pid file: report server CPU per request",
    )
    args = parser.parse_args()
    if not 1 <= args.clients <= 200 or args.seconds > 600 or args.trivial_seconds > 120:
        raise SystemExit("bounded: 1-200 clients, at most 600 s of survey and 120 s of trivial page")

    summary: dict[str, object] = {
        "clients": args.clients,
        "servers": args.base,
        "load_before": _load_average(),
    }
    if args.trivial_seconds > 0:
        trivial = Tally()
        stop = time.time() + args.trivial_seconds
        cpu_before = _server_cpu(args.server_pidfile)
        elapsed = _run(
            _trivial_worker, lambda i: (args.base, i, args.trivial_path, trivial, stop), args.clients
        )
        count = len(trivial.latencies.get("trivial", []))
        summary["trivial"] = {
            "requests_per_s": count / elapsed,
            "errors": len(trivial.errors),
            **_percentiles(trivial.latencies.get("trivial", [])),
        }
        if args.server_pidfile and count:
            summary["trivial"]["server_cpu_ms_per_request"] = (  # type: ignore[index]
                (_server_cpu(args.server_pidfile) - cpu_before) / count * 1000
            )
    tally = Tally()
    stop = time.time() + args.seconds
    budget = [args.max_surveys]
    summary["started_at"] = time.time()
    cpu_before = _server_cpu(args.server_pidfile)
    elapsed = _run(_survey_worker, lambda i: (args.base, i, args.token, tally, stop, budget), args.clients)
    requests = sum(len(v) for v in tally.latencies.values())
    if args.server_pidfile and requests and tally.completed:
        used = _server_cpu(args.server_pidfile) - cpu_before
        summary["server_cpu_ms_per_request"] = used / requests * 1000
        summary["server_cpu_s_per_survey"] = used / tally.completed
    summary.update(
        {
            "load_after": _load_average(),
            "seconds": elapsed,
            "completed": tally.completed,
            "completed_per_s": tally.completed / elapsed,
            "survey_requests_per_s": requests / elapsed,
            "requests_per_survey": requests / tally.completed if tally.completed else None,
            "acknowledged": len(tally.acknowledged),
            "errors": len(tally.errors),
            "error_kinds": _kinds(tally.errors),
            "latency": {kind: _percentiles(values) for kind, values in sorted(tally.latencies.items())},
        }
    )
    if "trivial" in summary and summary["trivial"]["requests_per_s"]:  # type: ignore[index]
        summary["ratio_to_trivial"] = summary["survey_requests_per_s"] / summary["trivial"]["requests_per_s"]  # type: ignore[index,operator]
    if args.keys_out:
        with open(args.keys_out, "w", encoding="utf-8") as handle:
            json.dump(
                {
                    "acknowledged": tally.acknowledged,
                    "unacknowledged": tally.unacknowledged,
                    "errors": tally.errors,
                },
                handle,
            )
    print(json.dumps(summary, indent=1) if args.json else _table(summary))


def _kinds(errors: list[tuple[float, str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, what in errors:
        counts[what] = counts.get(what, 0) + 1
    return counts


def _table(summary: dict) -> str:
    lines = [f"clients {summary['clients']}  servers {', '.join(summary['servers'])}"]
    if "trivial" in summary:
        t = summary["trivial"]
        lines.append(
            f"trivial page: {t['requests_per_s']:.0f} req/s  p50 {t.get('p50_ms', 0):.0f} ms  "
            f"p95 {t.get('p95_ms', 0):.0f} ms  errors {t['errors']}"
        )
    lines.append(
        f"survey: {summary['completed']} completed in {summary['seconds']:.1f} s = "
        f"{summary['completed_per_s']:.2f} surveys/s, {summary['survey_requests_per_s']:.0f} req/s"
        + (f" (ratio to trivial {summary['ratio_to_trivial']:.2f})" if "ratio_to_trivial" in summary else "")
    )
    for kind, p in summary["latency"].items():
        if "p50_ms" in p:
            lines.append(
                f"  {kind:7} n={p['n']:6}  p50 {p['p50_ms']:6.0f}  "
                f"p95 {p['p95_ms']:6.0f}  p99 {p['p99_ms']:6.0f} ms"
            )
    if "server_cpu_ms_per_request" in summary:
        # No trivial phase (--trivial-seconds 0), or no request in it: no trivial figure to show.
        trivial_cpu = summary.get("trivial", {}).get("server_cpu_ms_per_request")
        lines.append(
            f"server CPU: {summary['server_cpu_ms_per_request']:.1f} ms per survey request, "
            f"{summary['server_cpu_s_per_survey']:.2f} s per completed survey"
            + (f"; trivial page {trivial_cpu:.1f} ms per request" if trivial_cpu is not None else "")
        )
    lines.append(f"errors: {summary['errors']} {summary['error_kinds']}")
    lines.append(f"load average before {summary['load_before']}, after {summary['load_after']}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
