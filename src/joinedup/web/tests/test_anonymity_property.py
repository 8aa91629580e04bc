"""The anonymity promise on the web app's pages and downloads, for rounds of 0 to 12 per group.

Each generated round is stored and closed, then read as its coordinator would: the round page,
the dashboard, the comments pages, the report downloads (HTML, XLSX) and the responses download.
No page or file may put a number beside a group the analysis hides, leave a single hidden group
(or a hidden remainder under the minimum) to be worked out from a total, quote a comment from an
agency under the minimum, list one from any hidden agency, or hand out rows in which an
(agency, role group) pair holds fewer than the minimum.
"""

from __future__ import annotations

import io
import re
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from joinedup.instrument import load_instrument
from joinedup.web.partnerships.models import Agency, Response, Role, RoundStatus
from joinedup.web.partnerships.tests.builders import add_member, make_partnership, make_round, make_user
from joinedup.web.reporting.services import round_analysis

pytestmark = pytest.mark.django_db

MIN = 5
AGENCIES = ("Agency Kestrel", "Agency Heron", "Agency Osprey", "Agency Merlin")
ROLES = ("practitioner", "team-leader", "chief-officer")
ITEM_IDS = load_instrument("1").item_ids()


def marker(agency: str) -> str:
    """A word only this agency's comments contain, lower case so the scrubber keeps it."""
    return "zq" + agency.split()[-1].lower()


@st.composite
def rounds(draw: st.DrawFn) -> tuple[dict[tuple[str, str], int], int]:
    agencies = AGENCIES[: draw(st.integers(2, len(AGENCIES)))]
    roles = ROLES[: draw(st.integers(1, len(ROLES)))]
    sizes = {(a, r): draw(st.integers(0, 12)) for a in agencies for r in roles}
    return sizes, draw(st.integers(0, 2**16))


def cells_of(html: str) -> list[list[list[str]]]:
    """Every table of a page as rows of cell texts."""
    tables = []
    for chunk in html.split("<table")[1:]:
        body = "<table" + chunk.split("</table>")[0] + "</table>"
        frames = pd.read_html(io.StringIO(body), header=None, keep_default_na=False)
        tables += [[[str(cell) for cell in row] for row in frame.itertuples(index=False)] for frame in frames]
    return tables


FIGURE = re.compile(r"(?<![\w/.-])\d+(?:\.\d+)?%?(?![\w/-])")
"""A number standing on its own (a count, a mean, a rate), not digits inside a link or a name."""


def numbered(cell: str) -> bool:
    return FIGURE.search(cell.replace(f"fewer than {MIN}", "")) is not None


def figures_beside(rows: list[list[str]], hidden: set[str]) -> list[list[str]]:
    """Rows headed by a hidden group that carry a number, and numbers under a hidden group's column."""
    bad = []
    header = rows[0] if rows else []
    columns = [index for index, cell in enumerate(header) if index and cell in hidden]
    for row in rows:
        if row and row[0] in hidden and any(numbered(cell) for cell in row[1:]):
            bad.append(row)
        if row is not header:
            bad += [row for index in columns if index < len(row) and numbered(row[index])]
    return bad


def store(sizes: dict[tuple[str, str], int], seed: int):
    agencies = sorted({agency for agency, _ in sizes})
    partnership = make_partnership(name="Anonymity test", slug="anonymity", agencies=agencies)
    a_round = make_round(partnership, name="Round 1", status=RoundStatus.OPEN)
    rng = np.random.default_rng(seed)
    by_name = {agency.name: agency for agency in Agency.objects.filter(partnership=partnership)}
    Response.objects.bulk_create(
        Response(
            round=a_round,
            agency=by_name[agency],
            role_group=role,
            answers={
                item: int(v) for item, v in zip(ITEM_IDS, rng.integers(0, 6, len(ITEM_IDS)), strict=True)
            },
            comments={"leadership": f"the leadership meetings help {marker(agency)} a lot"},
        )
        for (agency, role), size in sizes.items()
        for _ in range(size)
    )
    a_round.status = RoundStatus.CLOSED
    a_round.save()
    return partnership, a_round


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(drawn=rounds())
@example(
    drawn=(
        {
            ("Agency Kestrel", "practitioner"): 3,
            ("Agency Kestrel", "team-leader"): 8,
            ("Agency Heron", "practitioner"): 6,
            ("Agency Heron", "chief-officer"): 2,
            ("Agency Osprey", "practitioner"): 12,
            ("Agency Merlin", "practitioner"): 3,
        },
        7,
    )
)
def test_no_page_or_download_shows_or_gives_away_a_group_under_the_minimum(client, drawn) -> None:
    sizes, seed = drawn
    with transaction.atomic():
        user = make_user("anonymity-coordinator")
        partnership, a_round = store(sizes, seed)
        add_member(partnership, user, Role.COORDINATOR)
        client.force_login(user)
        check_pages(client, partnership, a_round, sizes)
        transaction.set_rollback(True)


def check_pages(client, partnership, a_round, sizes: dict[tuple[str, str], int]) -> None:
    total = sum(sizes.values())
    counts: Counter[str] = Counter()
    for (agency, _), size in sizes.items():
        counts[agency] += size
    slug = partnership.slug
    round_page = client.get(a_round.get_absolute_url()).content.decode()
    export = client.get(reverse("partnerships:round_export", args=[slug, a_round.pk, "csv"]))
    if total < MIN:
        assert export.status_code == 302
        return
    result = round_analysis(a_round).find(partnership.name, a_round.name)
    responses = result.responses
    assert responses is not None
    hidden_agencies = {name for name, answered in responses.by_agency.items() if answered.suppressed}
    hidden_roles = {name for name, count in responses.by_role_group.items() if not hasattr(count, "n")}
    assert {agency for agency, n in counts.items() if 0 < n < MIN} <= hidden_agencies
    hidden = hidden_agencies | hidden_roles
    small = {agency for agency, n in counts.items() if n < MIN}
    event(f"{len(hidden_agencies)} agencies and {len(hidden_roles)} role groups hidden")

    pages = {
        "round": round_page,
        "dashboard": client.get(
            reverse("reporting:dashboard", args=[slug]), {"round": a_round.pk}
        ).content.decode(),
        "comments": client.get(reverse("comments:round", args=[slug, a_round.pk])).content.decode(),
        "all comments": client.get(
            reverse("comments:round_review", args=[slug, a_round.pk])
        ).content.decode(),
    }
    for name, page in pages.items():
        for rows in cells_of(page):
            assert figures_beside(rows, hidden) == [], (name, hidden, rows)
        assert not [agency for agency in small if marker(agency) in page], name
    assert not [agency for agency in hidden_agencies if marker(agency) in pages["all comments"]]

    shown = [
        int(row[1])
        for rows in cells_of(round_page)
        for row in rows[1:]
        if row[0] in counts and row[1].isdigit()
    ]
    if hidden_agencies:
        assert total - sum(shown) >= MIN and (len(hidden_agencies) >= 2 or not shown)

    workbook = load_workbook(
        io.BytesIO(client.get(reverse("reporting:download", args=[slug, a_round.pk, "xlsx"])).content),
        read_only=True,
    )
    for sheet in workbook.worksheets:
        rows = [
            ["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)
        ]
        for start in range(len(rows)):
            assert figures_beside(rows[start : start + 1], hidden) == [], sheet.title

    assert export.status_code == 200
    released = pd.read_csv(io.BytesIO(export.content), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(released) == total
    assert not set(released["agency"]) & hidden_agencies
    assert not set(released["role_group"]) & hidden_roles
    assert min(Counter(zip(released["agency"], released["role_group"], strict=True)).values()) >= MIN
    text = export.content.decode("utf-8-sig")
    assert not [agency for agency in hidden_agencies if marker(agency) in text]
