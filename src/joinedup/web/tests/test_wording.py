"""Every page and report of the demo reads as words a practitioner reads, never as data.

The demo coordinator follows every link of the demo (the crawl of `test_crawl`, GET only: pages,
the HTML report, the spreadsheets and CSV downloads; the PDF reports are fetched too and their
text extracted). The visible text of each (tags, attributes and input values left out: those are
for machines) must hold no ISO date, no code from the data files (role groups, agency types,
factors, statuses, evidence confidence levels, "kind:factor" finding references), no "agencys",
no "s's", no "06 March" leading zero, no "1:08 a.m." or "7 Dec 2026, 01:09" clock time and no
sum "a year" without a pound sign. A spreadsheet cell or CSV field that is
only a date is data and may be ISO; a date inside a sentence may not.
"""

from __future__ import annotations

import html
import io
import re
from datetime import date
from urllib.parse import urlsplit

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse, HttpResponseBase
from django.test import Client
from django.urls import resolve, reverse

from joinedup.findings.finding import KIND_ORDER
from joinedup.formatting import MONTHS, known_codes
from joinedup.web.partnerships.demo import DEMO_USERS, load_demo

from .test_crawl import Crawl, _text

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
LEADING_ZERO = re.compile(rf"\b0\d (?:{'|'.join(m[:3] for m in MONTHS)})[a-z]*\b")
BAD_WORDS = re.compile(r"\bagencys\b|\w+s['’]s\b", re.IGNORECASE)
CLOCK_TIME = re.compile(r"\b\d{1,2}(?::\d\d)? ?[ap]\.m\.|\b\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d\b")
"""A time as Django's defaults write it ("1:08 a.m.", "7 Dec 2026, 01:09"); GOV.UK writes "1:08am"."""
MONEY_WITHOUT_POUND = re.compile(r"(?<![£\d,.])\d{1,3}(?:,\d{3})+(?:\.\d\d)? (?:a|per) (?:year|month)")
HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
FINDING_KEY = re.compile(r"[a-z]+:[\w:/ .'-]+")
"""A spreadsheet cell that is only a finding's key (its "Key" column) identifies the finding
between rounds and is data, like a cell that is only a date."""
DATA_EXCHANGE = {"round_export", "download_csv", "download_workbook", "file", "open_data"}
"""Downloads made to be read back by the importers (answers and structure sheets, in the layout
`docs/` describes; a learning record file; the learning hub's open data for researchers, whose
data dictionary explains the codes): their columns hold codes by design, as the import expects them."""


ORDINARY_WORDS = {"co-location"}
"""Codes that are also ordinary English words, which the evidence's own prose uses."""


def _codes() -> re.Pattern[str]:
    hyphenated = sorted((c for c in known_codes() - ORDINARY_WORDS if "-" in c), key=len, reverse=True)
    finding = rf"(?:{'|'.join(KIND_ORDER)}):[a-z-]+"
    return re.compile(rf"(?<![\w/.-])(?:{finding}|{'|'.join(map(re.escape, hyphenated))})(?![\w/.-])")


def visible(content_type: str, body: bytes) -> list[str]:
    """The pieces of text a reader sees: text between tags, PDF text, each spreadsheet cell."""
    if "spreadsheetml" in content_type:
        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        rows = [row for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
        return [*book.sheetnames, *(str(value) for row in rows for value in row if value is not None)]
    text = _text(content_type, body)
    if "html" in content_type:
        return [html.unescape(TAG.sub("\n", HIDDEN.sub(" ", text)))]
    if "csv" in content_type:
        return [field for line in text.splitlines() for field in line.split(",")]
    return [text]


def problems(pieces: list[str], spreadsheet: bool) -> list[str]:
    found = []
    codes = _codes()
    for piece in pieces:
        cell = piece.strip().strip('"')
        data_only = spreadsheet and (ISO_DATE.fullmatch(cell) or FINDING_KEY.fullmatch(cell))
        for pattern, what in (
            (ISO_DATE, "ISO date"),
            (codes, "code"),
            (BAD_WORDS, "wrong plural or possessive"),
            (LEADING_ZERO, "day with a leading zero"),
            (MONEY_WITHOUT_POUND, "money without £"),
            (CLOCK_TIME, "time not in GOV.UK style"),
        ):
            if data_only and pattern is not BAD_WORDS:
                continue
            for match in pattern.finditer(piece):
                start = max(match.start() - 40, 0)
                context = " ".join(piece[start : match.end() + 40].split())
                found.append(f"{what} {match.group(0)!r} in “{context}”")
    return found


class WordingCrawl(Crawl):
    def read(self, url: str, response: object) -> None:
        super().read(url, response)
        if not isinstance(response, HttpResponseBase) or response.status_code != 200:
            return
        if resolve(urlsplit(url).path).url_name in DATA_EXCHANGE:
            return
        content_type = response.get("Content-Type", "")
        body = response.content if isinstance(response, HttpResponse) else b""
        spreadsheet = "csv" in content_type or "spreadsheet" in content_type
        for problem in problems(visible(content_type, body), spreadsheet):
            self.problems.append(f"{url}: {problem}")


@pytest.fixture
def demo_crawl() -> WordingCrawl:
    load_demo(today=date.today())
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username=DEMO_USERS[0][0]))
    crawl = WordingCrawl(client, secrets=[])
    crawl.enqueue(reverse("partnerships:home"), reverse("partnerships:home"))
    crawl.drain()
    return crawl


def test_every_page_and_download_of_the_demo_reads_as_words(demo_crawl: WordingCrawl) -> None:
    assert len(demo_crawl.seen) >= 60
    assert demo_crawl.kinds["text/html"] and demo_crawl.kinds["text/csv"]
    assert demo_crawl.kinds["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
    assert not demo_crawl.problems, f"{len(demo_crawl.problems)} problems:\n" + "\n".join(
        sorted(set(demo_crawl.problems))
    )


@pytest.mark.slow
def test_every_pdf_report_of_the_demo_reads_as_words(demo_crawl: WordingCrawl) -> None:
    assert demo_crawl.pdfs
    demo_crawl.problems.clear()
    for url in sorted(demo_crawl.pdfs):
        demo_crawl.read(url, demo_crawl.client.get(url))
    assert not demo_crawl.problems, "\n".join(sorted(set(demo_crawl.problems)))
    assert demo_crawl.kinds["application/pdf"], "no PDF was drawn (the others are built in the background)"


def test_the_checks_catch_what_the_issue_found() -> None:
    bad = [
        "8 agencys",
        "Schools's attendance",
        "chief-officer",
        "designated-safeguarding-lead",
        "in-progress",
        "From the finding divergence:communication",
        "the post ends 2027-03-31 with no successor",
        "06 March 2027",
        "310,000 a year",
        "Confidence in the evidence that this factor matters: very-low",
        "role group: service-manager",
        "team-leader",
        "until 1:08 a.m. on 8 December 2026",
        "7 Dec 2026, 01:09",
    ]
    for text in bad:
        assert problems([text], spreadsheet=False), text
    good = ["8 agencies", "Schools' attendance", "Children's services", "ends 31 March 2027"]
    good += ["£310,000 a year", "until 1:08am on 8 December 2026", "7 December 2026 at 1:09am"]
    assert not problems(good, spreadsheet=False)
    assert not problems(["2027-03-31"], spreadsheet=True)
    assert problems(["ends 2027-03-31"], spreadsheet=True)
