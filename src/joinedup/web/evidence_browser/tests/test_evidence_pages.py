"""The public evidence browser through the Django test client."""

import pytest
from django.urls import reverse

from joinedup.evidence.ids import FACTOR_IDS

pytestmark = pytest.mark.django_db


def _write_claim(path, summary):
    claim = f"{{factor: accountability, work: sloper-2004, direction: facilitator, summary: {summary}}}"
    path.write_text(f"claims:\n  - {claim}\n", encoding="utf-8")


@pytest.fixture(autouse=True)
def bundled_evidence(settings):
    settings.JOINEDUP_EVIDENCE_DIR = None


def test_the_factor_list_shows_every_factor_with_its_confidence(client):
    response = client.get(reverse("evidence_browser:factors"))
    assert response.status_code == 200
    page = response.content.decode()
    for factor_id in FACTOR_IDS:
        assert reverse("evidence_browser:factor", args=[factor_id]) in page
    assert "Very low" in page and "Times reported" in page
    assert "not a rating of whether any action works" in page
    for removed in (">Strong<", ">Limited<", "Evidence gap", "Works counted"):
        assert removed not in page


def test_the_home_page_redirects_to_the_evidence(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("evidence_browser:factors")


def test_a_factor_page_has_barrier_facilitator_claims_interventions_and_reason(client):
    response = client.get(reverse("evidence_browser:factor", args=["co-location"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "When it is missing" in page and "When it is in place" in page
    assert "the review itself calls the evidence inconclusive" in page
    for component in ("Methodological limitations", "Coherence", "Adequacy of data", "Relevance"):
        assert component in page
    assert "Serious concerns" in page
    assert "Cameron and Lart 2003" in page
    assert reverse("evidence_browser:work", args=["wasoff-2004"]) in page
    assert "Treat co-location as a trial" in page
    assert 'class="govuk-breadcrumbs"' in page


def test_a_work_page_lists_the_factors_it_supports(client):
    response = client.get(reverse("evidence_browser:work", args=["national-audit-office-2001"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "National Audit Office (2001)" in page
    assert "never counted as a finding" in page
    assert reverse("evidence_browser:factor", args=["accountability"]) in page
    assert reverse("evidence_browser:factor", args=["roles-responsibilities"]) in page
    assert "govuk-summary-list" in page


def test_the_works_list_has_each_work_once(client):
    response = client.get(reverse("evidence_browser:works"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "29 works" in page
    assert page.count(reverse("evidence_browser:work", args=["wilkin-2003"])) == 1


@pytest.mark.parametrize(
    "url",
    ["/evidence/factors/no-such-factor/", "/evidence/works/nobody-1999/"],
)
def test_unknown_ids_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_the_pages_are_public(client):
    assert client.get(reverse("evidence_browser:factor", args=["funding"])).status_code == 200
    assert client.get(reverse("evidence_browser:works")).status_code == 200


def test_the_deployers_evidence_folder_is_shown(client, settings, tmp_path):
    _write_claim(tmp_path / "local.yaml", "Local reading.")
    settings.JOINEDUP_EVIDENCE_DIR = str(tmp_path)
    page = client.get(reverse("evidence_browser:factor", args=["accountability"])).content.decode()
    assert "Local reading." in page
    assert "Times reported</dt>" in page and ">2 <span" in page


def test_an_edit_to_the_folder_shows_on_the_next_request(client, settings, tmp_path):
    settings.JOINEDUP_EVIDENCE_DIR = str(tmp_path)
    url = reverse("evidence_browser:factor", args=["accountability"])
    assert "Edited reading." not in client.get(url).content.decode()
    _write_claim(tmp_path / "late.yaml", "Edited reading.")
    assert "Edited reading." in client.get(url).content.decode()


def test_every_action_on_a_factor_page_shows_its_kind_of_advice_basis_and_caveats(client):
    from django.utils.html import escape

    from joinedup.evidence import PROVENANCE_LABELS, load_evidence_base

    base = load_evidence_base()
    for factor in base.factors:
        page = client.get(reverse("evidence_browser:factor", args=[factor.id])).content.decode()
        for item in base.interventions_for(factor.id):
            assert escape(PROVENANCE_LABELS[item.provenance]) in page, item.id
            assert escape(" ".join(item.basis.split())) in page, item.id
            for caveat in item.caveats:
                assert escape(caveat) in page, (item.id, caveat)
        assert "Works that support this action" in page and "Works that say the factor matters" in page


def test_a_work_page_shows_every_inferred_field_with_its_reason(client):
    page = client.get(reverse("evidence_browser:work", args=["rushmer-2002"])).content.decode()
    assert "Inferred kind" in page and "Inferred spelling" in page and "Inferred identity" in page
    assert "Rushmore" in page
    team = client.get(reverse("evidence_browser:work", args=["atkinson-2001"])).content.decode()
    assert "Inferred team" in team and "Not independent of" in team
    assert reverse("evidence_browser:work", args=["atkinson-2002"]) in team
    webb = client.get(reverse("evidence_browser:work", args=["webb-2001"])).content.decode()
    assert "Why this kind" in webb and "Inferred spelling" in webb and "Inferred kind" not in webb
    works = client.get(reverse("evidence_browser:works")).content.decode()
    assert "Inferred" in works and "spelling" in works
