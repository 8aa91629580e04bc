"""A member of partnership A follows everything the app offers them; nothing of B ever shows.

Starting from the partnerships home, the crawl follows every same-site link and every GET form
(as it stands, and once per option of each of its selects), then submits every POST form once
with the values it shows (sign-out excepted) and follows where that leads. Every response body is
searched for B's names (every name in B carries "Zebracorn"), B's agency names, B's members'
usernames and B's survey and invitation tokens; downloads are searched too: CSV as text and XLSX
cell by cell (openpyxl). No response may be a server error.

PDF reports are collected but not fetched by the fast crawl: drawing one takes 5 to 20 seconds
here. `test_a_coordinators_pdf_reports_never_show_b` (marked slow) fetches every PDF the crawl
found and searches its extracted text (pypdf); the PDF is drawn from the same report data as the
HTML report, which the fast crawl does search.
"""

from __future__ import annotations

import io
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import openpyxl
import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from pypdf import PdfReader

from .html_forms import Form, parse
from .partition_fixtures import World
from .walk import completed, leaks

pytestmark = pytest.mark.django_db

PAGE_LIMIT = 600
PER_URL_NAME = 8
"""At most this many pages of one URL name (one evidence page per work would otherwise fill the
crawl); A has no more than this of any record, so every partnership page of A is still seen."""
NOT_FOLLOWED = ("/admin/", "/static/", reverse("accounts:logout"))


@dataclass
class Crawl:
    client: Client
    secrets: list[str]
    seen: set[str] = field(default_factory=set)
    posted: set[tuple[str, tuple[str, ...]]] = field(default_factory=set)
    names: Counter[str] = field(default_factory=Counter)
    queue: deque[str] = field(default_factory=deque)
    post_forms: list[tuple[str, Form]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    pdfs: set[str] = field(default_factory=set)

    def enqueue(self, base: str, href: str) -> None:
        parts = urlsplit(urljoin(base, href))
        if parts.scheme not in {"", "http"} or parts.netloc not in {"", "testserver"}:
            return
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if url in self.seen or parts.path.startswith(NOT_FOLLOWED):
            return
        if parts.path.endswith(".pdf"):
            self.pdfs.add(url)
            return
        try:
            name = resolve(parts.path).view_name
        except Resolver404:
            self.problems.append(f"{base} links to {url}, which is no page")
            return
        if self.names[name] >= PER_URL_NAME:
            return
        self.names[name] += 1
        self.seen.add(url)
        self.queue.append(url)

    def read(self, url: str, response: Any) -> None:
        if response.status_code >= 500:
            self.problems.append(f"{url}: server error {response.status_code}")
            return
        if response.status_code in {301, 302}:
            self.enqueue(url, response["Location"])
            return
        content_type = response.get("Content-Type", "")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = _text(content_type, body)
        self.kinds[content_type.split(";")[0]] += 1
        found = leaks([text], self.secrets)
        if found:
            self.problems.append(f"{url} shows {found}")
        if "html" in content_type:
            page = parse(text)
            for href in page.links:
                self.enqueue(url, href)
            for form in page.forms:
                action = urljoin(url, form.action) if form.action else url
                if form.method == "get":
                    for query in _get_queries(form):
                        self.enqueue(url, f"{urlsplit(action).path}?{urlencode(query, doseq=True)}")
                elif not urlsplit(action).path.startswith(NOT_FOLLOWED):
                    self.post_forms.append((action, form))

    def drain(self) -> None:
        while self.queue and len(self.seen) <= PAGE_LIMIT:
            url = self.queue.popleft()
            self.read(url, self.client.get(url))

    def submit_forms(self) -> None:
        forms, self.post_forms = self.post_forms, []
        for action, form in forms:
            key = (urlsplit(action).path, tuple(sorted(name for name, _ in form.fields)))
            if key in self.posted:
                continue
            self.posted.add(key)
            data = {name: values if len(values) > 1 else values[0] for name, values in form.data().items()}
            if form.files:
                data = completed(form)
            self.read(action, self.client.post(action, data))
            self.drain()

    def run(self, start: str) -> None:
        self.enqueue(start, start)
        self.drain()
        while self.post_forms and len(self.seen) <= PAGE_LIMIT:
            self.submit_forms()


def _get_queries(form: Form) -> list[dict[str, Any]]:
    """The form as it stands, and once per option of each of its selects."""
    current = form.data()
    queries = [current]
    for name, values in form.choices.items():
        queries.extend({**current, name: [value]} for value in values if [value] != current.get(name))
    return queries


def _text(content_type: str, body: bytes) -> str:
    if "spreadsheetml" in content_type:
        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        cells = [
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        return " ".join([*book.sheetnames, *cells])
    if "pdf" in content_type:
        return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    return body.decode("utf-8", errors="replace")


def _crawl(user: Any, world: World) -> Crawl:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    crawl = Crawl(client, world.b_secrets())
    crawl.run(reverse("partnerships:home"))
    return crawl


def _check(crawl: Crawl, least: int) -> None:
    assert not crawl.problems, "\n".join(crawl.problems)
    assert len(crawl.seen) >= least, f"only {len(crawl.seen)} pages reached"
    assert len(crawl.seen) <= PAGE_LIMIT + 1, "the crawl hit its limit: raise it or narrow it"


def test_a_coordinator_never_sees_b(world: World) -> None:
    crawl = _crawl(world.a.coordinator, world)
    _check(crawl, least=150)
    assert crawl.pdfs, "the crawl found no PDF report"
    for kind in ("text/html", "text/csv"):
        assert crawl.kinds[kind], f"the crawl downloaded no {kind}: {crawl.kinds}"
    assert crawl.kinds["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
    assert len(crawl.posted) >= 20


def test_a_viewer_never_sees_b(world: World) -> None:
    crawl = _crawl(world.a.viewer, world)
    _check(crawl, least=60)


@pytest.mark.slow
def test_a_coordinators_pdf_reports_never_show_b(world: World) -> None:
    crawl = _crawl(world.a.coordinator, world)
    assert crawl.pdfs
    for url in sorted(crawl.pdfs):
        crawl.read(url, crawl.client.get(url))
    assert crawl.kinds["application/pdf"] == len(crawl.pdfs)
    assert not crawl.problems, "\n".join(crawl.problems)
