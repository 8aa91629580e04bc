"""Uploads are all or nothing and name every problem; downloads import back unchanged."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.checks import records
from joinedup.checks.record_rules import reading_problems, target_problems
from joinedup.io.structure_export import targets_sheets, write_sheets
from joinedup.web.partnerships.models import Agency, Membership, Partnership, Role
from joinedup.web.structure import convert
from joinedup.web.structure.demo import load_demo_structure
from joinedup.web.structure.models import Meeting, Target
from joinedup.web.structure.sheets import import_sheets

from .conftest import TODAY

EXAMPLES = Path(__file__).resolve().parents[5] / "tests" / "data" / "structure"
EXAMPLE_AGENCIES = ("Education", "Health", "Police", "Social care", "Voluntary sector")
CONVERTERS = {
    "roles": convert.raci_matrix,
    "targets": convert.target_records,
    "meetings": convert.meeting_records,
    "funding": convert.funding_records,
    "actions": convert.action_items,
}


def _snapshot() -> dict[str, list[tuple]]:
    """Every row of every structure table, history included."""
    structure = apps.get_app_config("structure")
    return {
        model.__name__: sorted(map(tuple, model._default_manager.values_list()), key=repr)
        for model in structure.get_models()
    }


def _upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def _csv(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def example_partnership(db) -> Partnership:
    made = Partnership.objects.create(name="Example", slug="example")
    for name in EXAMPLE_AGENCIES:
        Agency.objects.create(partnership=made, name=name)
    return made


def test_the_example_sheets_import_as_csv_with_their_companions(example_partnership, people):
    Membership.objects.create(
        user=get_user_model().objects.get(username="cora"),
        partnership=example_partnership,
        role=Role.COORDINATOR,
    )
    uploads = {
        "roles": {"file": "roles.csv", "competences": "competences.csv"},
        "targets": {"file": "targets.csv", "readings": "readings.csv"},
        "meetings": {"file": "meetings.csv", "meeting_actions": "meeting_actions.csv"},
        "funding": {
            "file": "funding_lines.csv",
            "posts": "posts.csv",
            "unfunded_costs": "unfunded_costs.csv",
        },
        "actions": {"file": "actions.csv", "action_updates": "action_updates.csv"},
    }
    for kind, files in uploads.items():
        data = {field: _upload(EXAMPLES / name) for field, name in files.items()}
        response = people.coordinator.post(reverse("structure:import", args=["example", kind]), data)
        assert response.status_code == 302, response.content.decode()[:3000]

    assert example_partnership.raci_tasks.exists()
    assert Target.objects.filter(partnership=example_partnership, readings__isnull=False).exists()
    assert Meeting.objects.filter(partnership=example_partnership, actions__isnull=False).exists()
    assert example_partnership.posts.filter(funded_by__isnull=False).exists()
    assert example_partnership.action_items.filter(updates__isnull=False).exists()
    assert Target.history.filter(history_user__username="cora").exists()


def test_the_demo_downloaded_as_workbooks_imports_into_another_partnership_unchanged(partnership, people):
    load_demo_structure(partnership, today=TODAY)
    twin = Partnership.objects.create(name="Twin", slug="twin")
    for agency in partnership.agencies.all():
        Agency.objects.create(partnership=twin, name=agency.name)
    Membership.objects.create(
        user=get_user_model().objects.get(username="leo"), partnership=twin, role=Role.PARTNER_LEAD
    )

    for kind, converter in CONVERTERS.items():
        download = people.coordinator.get(
            reverse("structure:download_workbook", args=[partnership.slug, kind])
        )
        assert download["Content-Type"].startswith("application/vnd.openxmlformats")
        workbook = SimpleUploadedFile(f"{kind}.xlsx", download.content)
        response = people.lead.post(reverse("structure:import", args=["twin", kind]), {"file": workbook})
        assert response.status_code == 302, (kind, response.content.decode()[-3000:])
        assert converter(twin) == converter(partnership), kind


def test_importing_the_same_sheet_again_changes_nothing(partnership, people):
    load_demo_structure(partnership, today=TODAY)
    download = people.coordinator.get(
        reverse("structure:download_workbook", args=[partnership.slug, "funding"])
    )
    before = _snapshot()

    response = people.coordinator.post(
        reverse("structure:import", args=[partnership.slug, "funding"]),
        {"file": SimpleUploadedFile("funding.xlsx", download.content)},
        follow=True,
    )

    assert "0 added, 0 changed" in response.content.decode()
    assert _snapshot() == before


def test_a_bad_file_is_refused_with_file_row_column_value_and_reason_and_stores_nothing(partnership, people):
    load_demo_structure(partnership, today=TODAY)
    before = _snapshot()
    bad = _csv(
        "our-targets.csv",
        "reference,title,baseline,baseline_date,owner\n"
        "T9,A new target,12,2025-01-01,Education\n"
        "T10,Another,lots,31/02/2025,Fire service\n",
    )

    response = people.coordinator.post(
        reverse("structure:import", args=[partnership.slug, "targets"]), {"file": bad}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in body
    assert "our-targets.csv, row 3, column &quot;baseline&quot;: &quot;lots&quot; is not a number" in body
    assert (
        "our-targets.csv, row 3, column &quot;baseline_date&quot;: &quot;31/02/2025&quot; is not a date"
        in body
    )
    assert "Fire service" in body and "is not a member agency of Riverside" in body
    assert "Problems in the file (3)" in body
    assert _snapshot() == before


def test_a_broken_companion_sheet_stores_nothing_from_the_main_sheet(partnership, people):
    before = _snapshot()
    meetings = _csv("meetings.csv", "meeting,date,type,Police\nB1,2025-01-10,board,strategic\n")
    actions = _csv("actions.csv", "meeting,action,description,status\nB7,MA1,Draft the form,raised\n")

    response = people.coordinator.post(
        reverse("structure:import", args=[partnership.slug, "meetings"]),
        {"file": meetings, "meeting_actions": actions},
    )

    assert (
        "actions.csv, row 2, column &quot;meeting&quot;: &quot;B7&quot; is not a meeting"
        in response.content.decode()
    )
    assert _snapshot() == before


def test_an_unknown_agency_column_is_refused_at_the_header(partnership, people):
    roles = _csv("roles.csv", "task,competence,Police,Fire service\nReferrals,,A/R,C\n")

    body = people.coordinator.post(
        reverse("structure:import", args=[partnership.slug, "roles"]), {"file": roles}
    ).content.decode()

    assert "roles.csv, row 1, column &quot;Fire service&quot;" in body
    assert not partnership.raci_tasks.exists()


def test_a_file_that_is_not_csv_or_excel_is_refused(partnership, people):
    body = people.coordinator.post(
        reverse("structure:import", args=[partnership.slug, "roles"]),
        {"file": SimpleUploadedFile("roles.pdf", b"%PDF-1.4")},
    ).content.decode()
    assert "The file must be a CSV or an Excel (.xlsx) file" in body


def test_each_sheet_downloads_as_csv(partnership, people):
    load_demo_structure(partnership, today=TODAY)

    response = people.viewer.get(
        reverse("structure:download_csv", args=[partnership.slug, "targets", "readings"])
    )

    text = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"] == 'attachment; filename="riverside-readings.csv"'
    assert text.splitlines()[0] == "target,as_of,value,reported_by,note"
    assert "Social work" in text


_words = st.text(alphabet=st.characters(categories=("L", "N"), max_codepoint=0x24F), min_size=1, max_size=12)
_values = st.one_of(
    st.none(), st.integers(-10_000, 10_000).map(float), st.floats(0, 1000).map(lambda x: round(x, 2))
)
_dates = st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))


@st.composite
def _target_records(draw) -> records.TargetRecords:
    count = draw(st.integers(1, 4))
    references = draw(st.lists(_words, min_size=count, max_size=count, unique_by=str.casefold))
    targets = tuple(
        records.Target(
            reference,
            draw(_words),
            measure=draw(st.one_of(st.none(), _words)),
            polarity=draw(st.one_of(st.none(), st.sampled_from(records.Polarity))),
            baseline=draw(_values),
            baseline_date=draw(_dates),
            target_value=draw(_values),
            target_date=draw(_dates),
            owner=draw(st.one_of(st.none(), st.sampled_from(("Police", "Education")))),
        )
        for reference in references
    )
    blanks: list[dict[str, Any]] = [
        dict.fromkeys(problem.field for problem in target_problems(target)) for target in targets
    ]
    targets = tuple(replace(target, **blank) for target, blank in zip(targets, blanks, strict=True))
    readings = tuple(
        records.TargetReading(
            target.reference, draw(st.dates(date(2020, 1, 1), date(2025, 12, 31))), draw(_values) or 0.0
        )
        for target in targets[: draw(st.integers(0, count))]
    )
    by_reference = {target.reference: target for target in targets}
    readings = tuple(
        r for r in readings if not reading_problems(by_reference[r.target], r.as_of, r.value, today=None)
    )
    return records.TargetRecords(targets, readings)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(wanted=_target_records())
def test_any_targets_written_as_csv_import_back_the_same(partnership, tmp_path_factory, wanted):
    Target.objects.filter(partnership=partnership).delete()
    folder = tmp_path_factory.mktemp("sheets")
    targets_csv, readings_csv = write_sheets(targets_sheets(wanted), folder, "csv")

    import_sheets(partnership, "targets", targets_csv, {"readings": readings_csv})

    stored = convert.target_records(partnership)
    assert set(stored.targets) == set(wanted.targets)
    assert set(stored.readings) == set(wanted.readings)
