import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("coordinator", password="a-long-enough-password")


def test_sign_in_page_renders(client, db):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert b"Sign in" in response.content


def test_sign_in_with_empty_form_shows_govuk_error_summary(client, db):
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""})
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "Enter your username" in body
    assert "<title>Error:" in body


def test_sign_in_succeeds_and_redirects_to_partnerships(client, user):
    response = client.post(
        reverse("accounts:login"), {"username": "coordinator", "password": "a-long-enough-password"}
    )
    assert response.status_code == 302
    assert response.url == reverse("partnerships:home")


def test_repeated_failures_lock_the_account_out(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "coordinator", "password": "wrong"})
    response = client.post(
        reverse("accounts:login"), {"username": "coordinator", "password": "a-long-enough-password"}
    )
    assert response.status_code == 429
    assert b"Too many attempts" in response.content


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from joinedup.web import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_a_field_error_is_announced_with_its_input(client, db):
    body = client.post(reverse("accounts:login"), {"username": "", "password": "x"}).content.decode()
    assert 'aria-describedby="id_username-error"' in body
    assert 'id="id_username-error"' in body
    assert "govuk-input--error" in body
