"""Hostile uploads through the web forms: refused with a message in the error summary, quickly,
storing nothing (every row of every app's tables is the same before and after)."""

from __future__ import annotations

import time

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from tests.io import hostile_files as hostile

from joinedup.web.partnerships.access import EVIDENCE_EDITORS_GROUP
from joinedup.web.partnerships.models import Agency, Membership, Partnership, Role, Round
from joinedup.web.partnerships.tests.builders import make_round

pytestmark = pytest.mark.django_db
AGENCIES = ("Education", "Health visiting", "Police", "Social work", "Voluntary sector")


def _rows() -> dict[str, int]:
    """How many rows every model holds: an import that stores nothing leaves each the same."""
    return {
        model._meta.label: model._default_manager.count()
        for app in ("partnerships", "structure", "survey")
        for model in apps.get_app_config(app).get_models()
    }


@pytest.fixture
def partnership() -> Partnership:
    made = Partnership.objects.create(name="Riverside", slug="riverside")
    for name in AGENCIES:
        Agency.objects.create(partnership=made, name=name)
    return made


@pytest.fixture
def coordinator(partnership: Partnership) -> Client:
    user = get_user_model().objects.create_user("cora", password="a-long-enough-password")
    Membership.objects.create(user=user, partnership=partnership, role=Role.COORDINATOR)
    client = Client()
    client.force_login(user)
    return client


def _error_summary(page: str) -> str:
    assert "govuk-error-summary" in page
    start = page.index("govuk-error-summary")
    return page[start : page.index("</div>", page.index("govuk-error-summary__list", start))]


def test_a_50_mb_roles_csv_is_refused_quickly_and_stores_nothing(partnership, coordinator):
    before = _rows()
    content = hostile.big_roles_csv()
    started = time.perf_counter()
    page = coordinator.post(
        reverse("structure:import", args=[partnership.slug, "roles"]),
        {"file": SimpleUploadedFile("roles.csv", content, "text/csv")},
    )
    elapsed = time.perf_counter() - started
    assert page.status_code == 200
    assert "The selected file must be smaller than 10 MB" in _error_summary(page.content.decode())
    assert _rows() == before
    assert elapsed < 10, f"took {elapsed:.1f} s"


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (hostile.far_cell_xlsx, "has cells up to row 1,048,576 and column 16,384"),
        (hostile.zip_bomb_xlsx, "looks like a zip bomb"),
        (lambda: b"\x00\x01\x02" * 500, "is not a spreadsheet"),
    ],
    ids=["XFD1048576", "zip bomb", "junk"],
)
def test_hostile_workbooks_are_refused_by_the_structure_import(partnership, coordinator, build, reason):
    before = _rows()
    page = coordinator.post(
        reverse("structure:import", args=[partnership.slug, "roles"]),
        {"file": SimpleUploadedFile("roles.xlsx", build())},
    )
    assert page.status_code == 200
    assert reason in page.content.decode()
    assert _rows() == before


@pytest.mark.parametrize(
    ("name", "build", "reason"),
    [
        ("answers.xlsx", hostile.far_cell_xlsx, "has cells up to row 1,048,576"),
        ("answers.xlsx", hostile.zip_bomb_xlsx, "looks like a zip bomb"),
        ("answers.csv", hostile.one_line_text, "line 1 is 1 MB long"),
        ("answers.csv", lambda: b"partnership,round\x00,agency\n", "contains NUL bytes"),
    ],
    ids=["XFD1048576", "zip bomb", "1 MB line", "NUL"],
)
def test_hostile_response_files_are_refused_by_the_round_import(
    partnership, coordinator, name, build, reason
):
    a_round = make_round(partnership)
    before = _rows()
    page = coordinator.post(
        reverse("partnerships:round_import", args=[partnership.slug, a_round.pk]),
        {"file": SimpleUploadedFile(name, build())},
    )
    assert page.status_code == 200
    assert reason in page.content.decode()
    assert _rows() == before


def test_the_upload_limit_is_a_setting(partnership, coordinator, settings):
    settings.JOINEDUP_MAX_UPLOAD_BYTES = 2048
    a_round = make_round(partnership)
    before = _rows()
    page = coordinator.post(
        reverse("partnerships:round_import", args=[partnership.slug, a_round.pk]),
        {"file": SimpleUploadedFile("answers.csv", b"agency,FU1\n" + b"Police,4\n" * 400)},
    )
    assert "The selected file must be smaller than 2 KB" in _error_summary(page.content.decode())
    assert _rows() == before


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (hostile.docx_bomb, "looks like a zip bomb"),
        (hostile.billion_laughs_docx, "declares a DTD or entities"),
        (hostile.broken_xml_docx, "is not well-formed XML"),
    ],
    ids=["DOCX bomb", "billion laughs", "broken XML"],
)
def test_hostile_reviews_are_refused_by_the_review_upload(client, settings, tmp_path, build, reason):
    settings.JOINEDUP_EVIDENCE_DIR = str(tmp_path / "evidence")
    user = get_user_model().objects.create_user("lead", password="a-long-test-password")
    user.groups.add(Group.objects.get_or_create(name=EVIDENCE_EDITORS_GROUP)[0])
    client.force_login(user)
    page = client.post(
        reverse("evidence_browser:review_upload"), {"review": SimpleUploadedFile("review.docx", build())}
    )
    assert page.status_code == 200
    summary = _error_summary(page.content.decode())
    assert "review.docx: " in summary and reason in summary
    assert not (tmp_path / "evidence").exists() or not any((tmp_path / "evidence").iterdir())


_WEB_FUZZ = hypothesis_settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_fuzzed_sheet = st.one_of(
    st.binary(max_size=300),
    st.lists(st.lists(st.text(max_size=12), max_size=8), max_size=5).map(
        lambda rows: "\n".join(",".join(cells) for cells in [["task", *AGENCIES], *rows]).encode(
            "utf-8", "surrogatepass"
        )
    ),
)


@_WEB_FUZZ
@given(content=_fuzzed_sheet, kind=st.sampled_from(["roles", "targets", "meetings", "funding", "actions"]))
def test_a_refused_structure_import_stores_nothing(partnership, coordinator, content, kind):
    before = _rows()
    page = coordinator.post(
        reverse("structure:import", args=[partnership.slug, kind]),
        {"file": SimpleUploadedFile(f"{kind}.csv", content)},
    )
    assert page.status_code in (200, 302)
    if page.status_code == 200:
        assert "govuk-error-summary" in page.content.decode()
        assert _rows() == before


@_WEB_FUZZ
@given(content=_fuzzed_sheet)
def test_a_refused_response_import_stores_nothing(partnership, coordinator, content):
    a_round = Round.objects.filter(partnership=partnership).first() or make_round(partnership)
    before = _rows()
    page = coordinator.post(
        reverse("partnerships:round_import", args=[partnership.slug, a_round.pk]),
        {"file": SimpleUploadedFile("answers.csv", content)},
    )
    assert page.status_code in (200, 302)
    if page.status_code == 200:
        assert "govuk-error-summary" in page.content.decode()
        assert _rows() == before
