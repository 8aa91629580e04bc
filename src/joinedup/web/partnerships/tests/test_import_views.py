"""The coordinator's file upload into a round and the round's download, through the web pages."""

from __future__ import annotations

import io
from collections import Counter

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from joinedup.analysis import analyse
from joinedup.analysis.row_disclosure import OTHER
from joinedup.instrument import load_instrument
from joinedup.web.partnerships.models import Agency, ImportBatch, Response, RoundStatus
from joinedup.web.partnerships.responses import frame_for_rounds

from .builders import make_responses
from .conftest import SURVEY_EXPORTS

FORMATS = {
    "msforms_export.xlsx": "msforms",
    "surveymonkey_export.csv": "surveymonkey",
    "qualtrics_export.csv": "qualtrics",
    "limesurvey_codes.csv": "limesurvey",
    "limesurvey_text.csv": "limesurvey",
    "qualtrics_legacy.csv": "qualtrics",
    "qualtrics_current_flags.csv": "qualtrics",
    "limesurvey_incomplete.csv": "limesurvey",
    "msforms_banner.xlsx": "msforms",
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
    upload(
        coordinator_client,
        spring,
        "qualtrics_export.csv",
        (SURVEY_EXPORTS / "qualtrics_export.csv").read_bytes(),
    )
    before = database_state()
    assert before == (7, 1)
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
        ("notes.txt", b"hello", "must be a CSV, XLSX or ODS file"),
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


def spring_answers(spring) -> None:
    """Education 11 (6 practitioners, 5 team leaders), NHS Fife 6, Police Scotland 3, Social Work 2."""
    agency = {a.name: a for a in spring.partnership.agencies.all()}
    make_responses(spring, agency["Education"], 6, answer=5)
    make_responses(spring, agency["Education"], 5, answer=4, role_group="team-leader")
    make_responses(spring, agency["NHS Fife"], 6, answer=2)
    make_responses(spring, agency["Police Scotland"], 3, answer=1)
    make_responses(spring, agency["Social Work"], 2, answer=3, role_group="team-leader")


def close(a_round) -> None:
    a_round.status = RoundStatus.CLOSED
    a_round.save()


def download(client, a_round, file_format: str = "csv"):
    return client.get(
        reverse("partnerships:round_export", args=[a_round.partnership.slug, a_round.pk, file_format])
    )


def rows_of(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return sorted(tuple(row) for row in frame[columns].fillna(-1).itertuples(index=False))


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_exported_round_imported_into_a_new_round_keeps_every_answer_under_merged_labels(
    coordinator_client, spring, autumn, file_format
):
    """What survives the file is identical: every answer, each shown agency's rows, the factor figures;
    the small agencies (and the one hidden with them) arrive as one "other (suppressed)" agency."""
    spring_answers(spring)
    close(spring)
    exported = download(coordinator_client, spring, file_format)
    assert exported.status_code == 200
    assert f"fife-spring-responses.{file_format}" in exported["Content-Disposition"]
    Agency.objects.create(partnership=spring.partnership, name=OTHER)
    page = upload(coordinator_client, autumn, f"spring.{file_format}", exported.content)
    assert page.status_code == 302
    assert ImportBatch.objects.get(round=autumn).source_format == "template"
    original = frame_for_rounds([spring])
    again = frame_for_rounds([autumn])
    items = load_instrument("1").item_ids()
    assert rows_of(again, items) == rows_of(original, items)
    assert Counter(again["agency"]) == {"Education": 11, "NHS Fife": 6, OTHER: 5}
    for shown in ("Education", "NHS Fife"):
        assert rows_of(again[again["agency"] == shown], items) == rows_of(
            original[original["agency"] == shown], items
        )
    assert min(Counter(zip(again["agency"], again["role_group"], strict=True)).values()) >= 5
    bank = load_instrument("1").items
    before, after = analyse(original, bank).rounds[0], analyse(again, bank).rounds[0]
    assert [(f.id, f.n, f.mean) for f in after.factors] == [(f.id, f.n, f.mean) for f in before.factors]


def test_the_export_holds_no_dates_keys_or_batches_and_no_order_of_arrival(coordinator_client, spring):
    make_responses(spring, Agency.objects.get(name="Education"), 20, answer=2)
    make_responses(spring, Agency.objects.get(name="Education"), 20, answer=5)
    close(spring)
    first = pd.read_csv(io.BytesIO(download(coordinator_client, spring).content), encoding="utf-8-sig")
    assert len(first) == 40
    assert not {"submitted_on", "idempotency_key", "import_batch", "id"} & set(first.columns)
    assert first.columns[:4].tolist() == ["partnership", "round", "agency", "role_group"]
    item = load_instrument("1").item_ids()[0]
    assert first[item].tolist() != [2] * 20 + [5] * 20, "rows are not in the order they arrived"
    second = pd.read_csv(io.BytesIO(download(coordinator_client, spring).content), encoding="utf-8-sig")
    assert first[item].tolist() != second[item].tolist(), "each download is shuffled afresh"


def test_comments_are_scrubbed_and_left_out_for_merged_agencies(coordinator_client, spring):
    agency = {a.name: a for a in spring.partnership.agencies.all()}
    make_responses(spring, agency["Education"], 6)
    make_responses(spring, agency["Police Scotland"], 3)
    make_responses(spring, agency["Social Work"], 2)
    said = "Ask Sarah Jones in Social Work, 07700 900123 or sarah.jones@example.org"
    Response.objects.filter(round=spring, agency=agency["Education"]).update(comments={"leadership": said})
    Response.objects.filter(round=spring, agency=agency["Police Scotland"]).update(
        comments={"leadership": "only the chief officer would say this"}
    )
    close(spring)
    text = download(coordinator_client, spring).content.decode("utf-8-sig")
    assert "[email]" in text and "[phone]" in text and "[agency]" in text
    for leaked in ("Sarah", "Jones", "07700", "example.org", "Social Work", "chief officer"):
        assert leaked not in text


def test_no_export_while_the_round_is_open_or_below_the_minimum(coordinator_client, spring):
    url = reverse("partnerships:round_export", args=[spring.partnership.slug, spring.pk, "csv"])
    make_responses(spring, Agency.objects.get(name="Education"), 4)
    close(spring)
    refused = coordinator_client.get(url)
    assert refused.status_code == 302
    assert refused.url == spring.get_absolute_url()
    make_responses(spring, Agency.objects.get(name="Education"), 1)
    assert coordinator_client.get(url).status_code == 200
    spring.status = RoundStatus.OPEN
    spring.save()
    refused = coordinator_client.get(url)
    assert refused.status_code == 302
    page = coordinator_client.get(refused.url).content.decode()
    assert "once the round is closed" in page
    assert "round_export" not in page and "/export/" not in page


def test_the_round_page_offers_the_download_only_to_coordinators_of_a_closed_round(
    coordinator_client, spring
):
    make_responses(spring, Agency.objects.get(name="Education"), 5)
    url = reverse("partnerships:round_export", args=[spring.partnership.slug, spring.pk, "csv"])
    assert url not in coordinator_client.get(spring.get_absolute_url()).content.decode()
    close(spring)
    page = coordinator_client.get(spring.get_absolute_url()).content.decode()
    assert url in page and "other (suppressed)" in page


def test_an_unknown_export_format_is_not_found(coordinator_client, spring):
    make_responses(spring, Agency.objects.get(name="Education"), 5)
    url = reverse("partnerships:round_export", args=[spring.partnership.slug, spring.pk, "pdf"])
    assert coordinator_client.get(url).status_code == 404


@pytest.mark.parametrize(("who", "refusal"), [("viewer_client", 403), ("outsider_client", 404)])
def test_only_the_coordinator_may_import_or_export(request, spring, who, refusal):
    """A member without the right gets 403; someone from another partnership 404."""
    client = request.getfixturevalue(who)
    make_responses(spring, Agency.objects.get(name="Education"), 5)
    slug, pk = spring.partnership.slug, spring.pk
    assert client.get(reverse("partnerships:round_import", args=[slug, pk])).status_code == refusal
    assert (
        upload(
            client, spring, "qualtrics_export.csv", (SURVEY_EXPORTS / "qualtrics_export.csv").read_bytes()
        ).status_code
        == refusal
    )
    assert client.get(reverse("partnerships:round_export", args=[slug, pk, "csv"])).status_code == refusal
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
    assert reverse("partnerships:round_export", args=[spring.partnership.slug, spring.pk, "csv"]) not in body
    assert "once the round is closed" in body


def test_preview_test_incomplete_and_unanswered_rows_are_left_out_and_listed_on_the_summary(
    coordinator_client, spring
):
    name = "qualtrics_current_flags.csv"
    page = upload(coordinator_client, spring, name, (SURVEY_EXPORTS / name).read_bytes())
    assert page.status_code == 302
    assert spring.responses.count() == 7
    done = " ".join(coordinator_client.get(page.url).content.decode().split())
    assert "Notes on the file" in done
    for note in (
        "1 preview response left out (row 4).",
        "1 test response left out (row 7).",
        "1 incomplete response left out (row 9).",
        "1 row with no answers left out (row 12).",
        "tick “Keep incomplete responses that have answers” to keep them",
    ):
        assert note in done


def test_the_keep_partial_checkbox_keeps_incomplete_responses_with_answers_only(coordinator_client, spring):
    form = coordinator_client.get(
        reverse("partnerships:round_import", args=[spring.partnership.slug, spring.pk])
    ).content.decode()
    assert 'name="keep_partial"' in form and "Keep incomplete responses that have answers" in form
    name = "limesurvey_incomplete.csv"
    page = upload(
        coordinator_client,
        spring,
        name,
        (SURVEY_EXPORTS / name).read_bytes(),
        agency="Education",
        keep_partial="on",
    )
    assert page.status_code == 302
    assert ImportBatch.objects.get().rows == 8
    assert Counter(spring.responses.values_list("agency__name", flat=True))["Education"] == 4
    done = " ".join(coordinator_client.get(page.url).content.decode().split())
    assert "8 responses imported" in done
    assert "1 incomplete response with answers kept, as asked (row 3)." in done
    assert "2 rows with no answers left out (rows 6, 9)." in done
