"""The coordinator's file upload into a round and the round's download, through the web pages."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from joinedup.web.partnerships.models import Agency, ImportBatch, Response
from joinedup.web.partnerships.responses import frame_for_rounds

from .builders import make_responses
from .conftest import SURVEY_EXPORTS

FORMATS = {
    "msforms_export.xlsx": "msforms",
    "surveymonkey_export.csv": "surveymonkey",
    "qualtrics_export.csv": "qualtrics",
    "limesurvey_codes.csv": "limesurvey",
    "limesurvey_text.csv": "limesurvey",
}

pytestmark = pytest.mark.django_db


def upload(client, a_round, name: str, content: bytes, **fields):
    url = reverse("partnerships:round_import", args=[a_round.partnership.slug, a_round.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content), **fields})


def database_state() -> tuple[int, int]:
    return Response.objects.count(), ImportBatch.objects.count()


@pytest.mark.parametrize(("name", "source_format"), sorted(FORMATS.items()))
def test_each_survey_tool_export_is_stored_and_summarised(coordinator_client, spring, name, source_format):
    page = upload(coordinator_client, spring, name, (SURVEY_EXPORTS / name).read_bytes())
    assert page.status_code == 302
    batch = ImportBatch.objects.get()
    assert (batch.filename, batch.source_format, batch.rows) == (name, source_format, 7)
    assert spring.responses.count() == 7
    assert set(spring.responses.values_list("agency__name", flat=True)) == {
        "Education",
        "NHS Fife",
        "Police Scotland",
        "Social Work",
    }
    done = coordinator_client.get(page.url).content.decode()
    assert "7 responses imported" in done
    assert "Columns read" in done
    assert "Columns not read" in done


def _one_bad_answer(name: str) -> bytes:
    text = (SURVEY_EXPORTS / name).read_text(encoding="utf-8-sig")
    return text.replace("Strongly agree", "Sometimes", 1).encode("utf-8")


def test_a_file_with_one_bad_row_stores_nothing_and_names_file_row_column_value(coordinator_client, spring):
    make_responses(spring, Agency.objects.get(name="Education"), 3)
    before = database_state()
    page = upload(
        coordinator_client, spring, "surveymonkey_export.csv", _one_bad_answer("surveymonkey_export.csv")
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert database_state() == before
    assert "The file could not be imported" in body
    assert "Nothing has been saved" in body
    assert 'href="#import-problems"' in body
    assert '<td class="govuk-table__cell">surveymonkey_export.csv</td>' in body
    assert "<code>Sometimes</code>" in body
    assert "<title>Error:" in body


def test_skipping_bad_rows_stores_the_rest_and_lists_each_skipped_row(coordinator_client, spring):
    page = upload(
        coordinator_client,
        spring,
        "surveymonkey_export.csv",
        _one_bad_answer("surveymonkey_export.csv"),
        skip_bad_rows="on",
    )
    assert page.status_code == 302
    assert spring.responses.count() == 6
    done = coordinator_client.get(page.url).content.decode()
    assert "Rows skipped (1 problem)" in done
    assert "<code>Sometimes</code>" in done


def test_an_agency_the_partnership_lacks_stores_nothing(coordinator_client, spring):
    Agency.objects.filter(name="Police Scotland").delete()
    page = upload(
        coordinator_client,
        spring,
        "qualtrics_export.csv",
        (SURVEY_EXPORTS / "qualtrics_export.csv").read_bytes(),
    )
    assert page.status_code == 200
    assert "Police Scotland" in page.content.decode()
    assert database_state() == (0, 0)


def test_a_file_without_an_agency_column_takes_the_chosen_agency(coordinator_client, spring):
    frame = pd.read_csv(SURVEY_EXPORTS / "limesurvey_codes.csv", dtype=str, keep_default_na=False).drop(
        columns=["agency"]
    )
    content = frame.to_csv(index=False).encode()
    refused = upload(coordinator_client, spring, "no_agency.csv", content)
    assert "agency" in refused.content.decode()
    assert database_state() == (0, 0)
    stored = upload(coordinator_client, spring, "no_agency.csv", content, agency="Social Work")
    assert stored.status_code == 302
    assert set(spring.responses.values_list("agency__name", flat=True)) == {"Social Work"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"hello", "must be a CSV, XLSX, XLS or ODS file"),
        ("empty.csv", b"", "The selected file is empty"),
    ],
)
def test_files_that_are_not_spreadsheets_are_refused_by_the_form(
    coordinator_client, spring, name, content, message
):
    page = upload(coordinator_client, spring, name, content)
    assert message in page.content.decode()
    assert "govuk-error-summary" in page.content.decode()
    assert database_state() == (0, 0)


def test_a_spreadsheet_that_is_not_a_survey_is_refused(coordinator_client, spring):
    page = upload(coordinator_client, spring, "budget.csv", b"line,amount\nstaff,1000\nrooms,200\n")
    assert "does not look like a survey export" in page.content.decode()
    assert database_state() == (0, 0)


def test_no_file_is_a_form_error(coordinator_client, spring):
    url = reverse("partnerships:round_import", args=[spring.partnership.slug, spring.pk])
    page = coordinator_client.post(url, {})
    assert "Select a file to upload" in page.content.decode()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_round_exported_and_imported_into_a_new_round_gives_identical_analysis_input(
    coordinator_client, spring, autumn, file_format
):
    upload(
        coordinator_client,
        spring,
        "qualtrics_export.csv",
        (SURVEY_EXPORTS / "qualtrics_export.csv").read_bytes(),
    )
    download = coordinator_client.get(
        reverse("partnerships:round_export", args=[spring.partnership.slug, spring.pk, file_format])
    )
    assert download.status_code == 200
    assert f"fife-spring-responses.{file_format}" in download["Content-Disposition"]
    page = upload(coordinator_client, autumn, f"spring.{file_format}", download.content)
    assert page.status_code == 302
    assert ImportBatch.objects.get(round=autumn).source_format == "template"
    original = frame_for_rounds([spring]).drop(columns="round")
    again = frame_for_rounds([autumn]).drop(columns="round")
    pd.testing.assert_frame_equal(again, original)


def test_the_export_holds_no_dates_keys_or_batches(coordinator_client, spring):
    make_responses(spring, Agency.objects.get(name="Education"), 5)
    download = coordinator_client.get(
        reverse("partnerships:round_export", args=[spring.partnership.slug, spring.pk, "csv"])
    )
    frame = pd.read_csv(io.BytesIO(download.content), encoding="utf-8-sig")
    assert len(frame) == 5
    assert not {"submitted_on", "idempotency_key", "import_batch", "id"} & set(frame.columns)
    assert frame.columns[:4].tolist() == ["partnership", "round", "agency", "role_group"]


def test_no_export_below_the_minimum_group_size(coordinator_client, spring):
    make_responses(spring, Agency.objects.get(name="Education"), 4)
    url = reverse("partnerships:round_export", args=[spring.partnership.slug, spring.pk, "csv"])
    refused = coordinator_client.get(url)
    assert refused.status_code == 302
    assert refused.url == spring.get_absolute_url()
    make_responses(spring, Agency.objects.get(name="Education"), 1)
    assert coordinator_client.get(url).status_code == 200


def test_an_unknown_export_format_is_not_found(coordinator_client, spring):
    make_responses(spring, Agency.objects.get(name="Education"), 5)
    url = reverse("partnerships:round_export", args=[spring.partnership.slug, spring.pk, "pdf"])
    assert coordinator_client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["viewer_client", "outsider_client"])
def test_only_the_coordinator_may_import_or_export(request, spring, who):
    client = request.getfixturevalue(who)
    make_responses(spring, Agency.objects.get(name="Education"), 5)
    slug, pk = spring.partnership.slug, spring.pk
    assert client.get(reverse("partnerships:round_import", args=[slug, pk])).status_code == 404
    assert (
        upload(
            client, spring, "qualtrics_export.csv", (SURVEY_EXPORTS / "qualtrics_export.csv").read_bytes()
        ).status_code
        == 404
    )
    assert client.get(reverse("partnerships:round_export", args=[slug, pk, "csv"])).status_code == 404
    assert database_state() == (5, 0)


def test_someone_signed_out_is_sent_to_sign_in(client, spring):
    page = client.get(reverse("partnerships:round_import", args=[spring.partnership.slug, spring.pk]))
    assert page.status_code == 302
    assert reverse("accounts:login") in page.url


def test_an_import_summary_of_another_round_is_not_found(coordinator_client, spring, autumn):
    page = upload(
        coordinator_client,
        spring,
        "qualtrics_export.csv",
        (SURVEY_EXPORTS / "qualtrics_export.csv").read_bytes(),
    )
    batch = ImportBatch.objects.get()
    assert page.url.endswith(f"/import/{batch.pk}/")
    other = reverse("partnerships:round_import_done", args=[autumn.partnership.slug, autumn.pk, batch.pk])
    assert coordinator_client.get(other).status_code == 404


def test_the_round_page_offers_the_import_to_its_coordinator(coordinator_client, spring):
    body = coordinator_client.get(spring.get_absolute_url()).content.decode()
    assert reverse("partnerships:round_import", args=[spring.partnership.slug, spring.pk]) in body
    assert reverse("partnerships:round_export", args=[spring.partnership.slug, spring.pk, "csv"]) not in body
    make_responses(spring, Agency.objects.get(name="Education"), 5)
    body = coordinator_client.get(spring.get_absolute_url()).content.decode()
    assert reverse("partnerships:round_export", args=[spring.partnership.slug, spring.pk, "csv"]) in body
