"""The review step: upload a review, decide on each proposed claim, write into the evidence folder."""

from __future__ import annotations

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from joinedup.evidence import load_evidence_base
from joinedup.web.partnerships.access import EVIDENCE_EDITORS_GROUP

pytestmark = pytest.mark.django_db

REVIEW = (
    "Funding\n\n"
    "Short-term grants made joint work hard to plan and funding was uncertain (Milbourne 2005).\n\n"
    "Joint training\n\n"
    "Training professionals together across agencies helped them understand each other (Carpenter 2010).\n"
)


@pytest.fixture
def folder(settings, tmp_path):
    settings.JOINEDUP_EVIDENCE_DIR = str(tmp_path / "evidence")
    return tmp_path / "evidence"


@pytest.fixture
def signed_in(client):
    """An evidence editor: a member of the "Evidence editors" group."""
    user = get_user_model().objects.create_user("lead", password="a-long-test-password")
    user.groups.add(Group.objects.get_or_create(name=EVIDENCE_EDITORS_GROUP)[0])
    client.force_login(user)
    return client


def upload(client, content: bytes = REVIEW.encode(), name: str = "new-review.txt"):
    return client.post(
        reverse("evidence_browser:review_upload"), {"review": SimpleUploadedFile(name, content)}
    )


def test_sign_in_is_required(client, folder):
    response = client.get(reverse("evidence_browser:review_upload"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("page", ["evidence_browser:review_upload", "evidence_browser:review_claims"])
def test_an_account_that_is_not_an_evidence_editor_is_refused_and_writes_nothing(client, folder, page):
    """Any account, even a partnership's coordinator, is not enough to write the shared evidence."""
    from joinedup.web.partnerships.models import Membership, Partnership, Role

    user = get_user_model().objects.create_user("someone", password="a-long-test-password")
    Membership.objects.create(
        user=user, partnership=Partnership.objects.create(name="Fife", slug="fife"), role=Role.COORDINATOR
    )
    client.force_login(user)
    assert client.get(reverse(page)).status_code == 403
    assert upload(client).status_code == 403
    assert client.post(reverse("evidence_browser:review_claims"), {}).status_code == 403
    assert not folder.exists()
    assert "evidence_review" not in client.session


@pytest.mark.parametrize("kind", ["staff", "group"])
def test_staff_and_the_evidence_editors_group_may_review(client, folder, kind):
    user = get_user_model().objects.create_user("editor", password="a-long-test-password")
    if kind == "staff":
        user.is_staff = True
        user.save()
    else:
        user.groups.add(Group.objects.create(name=EVIDENCE_EDITORS_GROUP))
    client.force_login(user)
    assert client.get(reverse("evidence_browser:review_upload")).status_code == 200


def test_the_evidence_pages_show_the_review_link_only_to_evidence_editors(client, signed_in):
    link = reverse("evidence_browser:review_upload")
    assert link in signed_in.get(reverse("evidence_browser:factors")).content.decode()
    signed_in.logout()
    assert link not in client.get(reverse("evidence_browser:factors")).content.decode()
    other = get_user_model().objects.create_user("other", password="a-long-test-password")
    client.force_login(other)
    assert link not in client.get(reverse("evidence_browser:factors")).content.decode()


def test_refuses_without_an_evidence_folder(signed_in, settings):
    settings.JOINEDUP_EVIDENCE_DIR = None
    response = signed_in.get(reverse("evidence_browser:review_upload"))
    assert response.status_code == 409
    assert "JOINEDUP_EVIDENCE_DIR" in response.content.decode()
    assert upload(signed_in).status_code == 409


def test_bad_upload_shows_the_error_summary(signed_in, folder):
    response = upload(signed_in, b"x", "review.pdf")
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "review.pdf is not a .txt or .docx file" in page
    missing = signed_in.post(reverse("evidence_browser:review_upload"), {})
    assert "govuk-error-summary" in missing.content.decode()


def test_accept_edit_and_reject_then_write_into_the_folder(signed_in, folder):
    response = upload(signed_in)
    assert response.status_code == 302
    page = signed_in.get(response["Location"]).content.decode()
    assert "funding ← milbourne-2005" in page
    assert "joint-training ← carpenter-2010" in page
    claims = signed_in.session["evidence_review"]["claims"]
    decisions = {}
    for index, claim in enumerate(claims):
        decisions[f"decision_{index}"] = "edit" if claim["work"] == "milbourne-2005" else "reject"
        decisions[f"summary_{index}"] = "Short-term grants made joint planning hard."
        decisions[f"direction_{index}"] = "barrier"
    saved = signed_in.post(reverse("evidence_browser:review_claims"), decisions)
    assert saved.status_code == 302
    written = yaml.safe_load((folder / "review-new-review.yaml").read_text(encoding="utf-8"))
    assert [w["key"] for w in written["works"]] == ["milbourne-2005"]
    assert {c["summary"] for c in written["claims"]} == {"Short-term grants made joint planning hard."}
    base = load_evidence_base(folder)
    assert base.work("milbourne-2005").year == "2005"
    assert "evidence_review" not in signed_in.session


def test_an_empty_edit_is_an_error_and_nothing_is_written(signed_in, folder):
    signed_in.get(upload(signed_in)["Location"])
    claims = signed_in.session["evidence_review"]["claims"]
    decisions = {f"decision_{i}": "edit" for i in range(len(claims))}
    decisions.update({f"summary_{i}": "" for i in range(len(claims))})
    decisions.update({f"direction_{i}": "barrier" for i in range(len(claims))})
    response = signed_in.post(reverse("evidence_browser:review_claims"), decisions)
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Write the summary you want to keep" in page
    assert not folder.exists()


def test_claims_page_without_an_upload_goes_back_to_upload(signed_in, folder):
    response = signed_in.get(reverse("evidence_browser:review_claims"))
    assert response["Location"] == reverse("evidence_browser:review_upload")
