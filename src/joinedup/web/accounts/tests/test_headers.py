"""Security headers: no-store for signed-in users, and a Content-Security-Policy without inline script."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

import joinedup.web

WEB = Path(joinedup.web.__file__).parent


@pytest.fixture
def signed_in(client, db):
    user = get_user_model().objects.create_user("coordinator", password="a-long-enough-password")
    client.force_login(user)
    return client


def test_every_page_for_a_signed_in_user_is_not_stored(signed_in):
    for url in (reverse("partnerships:home"), reverse("evidence_browser:factors")):
        response = signed_in.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


def test_a_signed_in_users_redirects_and_refusals_are_not_stored_either(signed_in):
    for url in (reverse("home"), reverse("partnerships:detail", args=["nobody-s"])):
        response = signed_in.get(url)
        assert response.status_code in {302, 404}, url
        assert "no-store" in response["Cache-Control"], url


def test_public_pages_for_anonymous_visitors_stay_cacheable(client, db):
    response = client.get(reverse("evidence_browser:factors"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def _policy(response) -> dict[str, list[str]]:
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";")]
    return {name: values for name, *values in directives if name}


def test_the_content_security_policy_allows_only_this_sites_scripts(client, db):
    policy = _policy(client.get(reverse("accounts:login")))
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy.get("default-src", [])
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_no_template_has_an_inline_script_or_event_handler():
    """Under the policy an inline script would silently not run, so none may be written."""
    offenders = []
    for template in WEB.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text, flags=re.IGNORECASE):
            if "src=" not in tag:
                offenders.append(f"{template.relative_to(WEB)}: {tag}")
        if re.search(r"\son[a-z]+\s*=|javascript:", text, flags=re.IGNORECASE):
            offenders.append(f"{template.relative_to(WEB)}: event handler or javascript: URL")
    assert offenders == []


def test_the_govuk_frontend_scripts_load_from_files(client, db):
    body = client.get(reverse("accounts:login")).content.decode()
    scripts = re.findall(r"<script\b[^>]*>", body)
    assert scripts and all("src=" in tag for tag in scripts)
    assert any("js-enabled.js" in tag for tag in scripts)
    assert any("init.mjs" in tag for tag in scripts)
