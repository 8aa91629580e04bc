"""Text typed into any field is shown as text, everywhere a coordinator can go.

A partnership is built as the partition tests build theirs, but every piece of text it owns
(partnership, agency and round names, comments, every structure record's names and prose, task
names, action text, lessons, decisions) starts with a hostile marker: a formula, a script tag, an
attribute breaking out of its quotes and dollar signs that mathematics would read. A coordinator
then follows every link and submits every form (the crawl of `test_crawl`). Every page and the
HTML report must show the marker escaped, never as markup; no page may fail (charts with `$`
in names included); every CSV and XLSX download must hold it as text, not as a formula.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from .partition_fixtures import build_side
from .test_crawl import Crawl

pytestmark = pytest.mark.django_db

MARKER = '=1+1<script>alert(1)</script>"><img src=x onerror=alert(1)>$x^{$'
"""Short enough that names cut to their field's length stay unique (the fixture prefixes it)."""
RAW = ("<script>alert(1)", "<img src=x", "onerror=alert(1)>")
ESCAPED = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")
_FORMULA_STARTS = ("=", "+", "@", "\t", "\r")


class HostileCrawl(Crawl):
    """The crawl of `test_crawl`, which also checks how each response shows the marker."""

    escaped_pages: int = 0
    downloads: int = 0

    def read(self, url: str, response: Any) -> None:
        if response.status_code == 200 and not response.streaming:
            self.inspect(url, response.get("Content-Type", ""), response.content)
        super().read(url, response)

    def inspect(self, url: str, content_type: str, body: bytes) -> None:
        if "html" in content_type:
            page = body.decode("utf-8", errors="replace")
            raw = [fragment for fragment in RAW if fragment in page]
            if raw:
                self.problems.append(f"{url} shows {raw} as markup")
            if all(fragment in page for fragment in ESCAPED):
                self.escaped_pages += 1
        elif "csv" in content_type:
            self.downloads += 1
            rows = csv.reader(io.StringIO(body.decode("utf-8-sig")))
            running = [cell for row in rows for cell in row if cell.startswith(_FORMULA_STARTS)]
            if running:
                self.problems.append(f"{url} holds formulas: {running[:3]}")
        elif "spreadsheetml" in content_type:
            self.downloads += 1
            book = openpyxl.load_workbook(io.BytesIO(body))
            for sheet in book.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        text = cell.value if isinstance(cell.value, str) else ""
                        if cell.data_type == "f" or text.startswith(_FORMULA_STARTS):
                            self.problems.append(
                                f"{url} {sheet.title}!{cell.coordinate} runs: {cell.value!r}"
                            )


@pytest.fixture
def hostile_coordinator(settings, tmp_path):
    (tmp_path / "evidence").mkdir()
    settings.JOINEDUP_EVIDENCE_DIR = str(tmp_path / "evidence")
    side = build_side("Children's Services Partnership", "hostile", MARKER)
    return side


def test_every_page_and_download_shows_hostile_text_as_text(hostile_coordinator) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(hostile_coordinator.coordinator)
    crawl = HostileCrawl(client, secrets=[])
    crawl.run(reverse("partnerships:home"))
    assert not crawl.problems, "\n".join(crawl.problems)
    assert len(crawl.seen) >= 100, f"only {len(crawl.seen)} pages reached"
    assert crawl.escaped_pages >= 50, "the marker was shown, escaped, on many pages"
    assert crawl.downloads >= 5, "CSV and XLSX downloads were checked"
    for name in ("reporting:dashboard",):
        assert any(url.startswith(reverse(name, args=["hostile"])) for url in crawl.seen)
