"""Sign-in lockout counts one username from one client address, read from a proxy only if trusted."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

PASSWORD = "a-long-enough-password"
PROXY = "10.0.0.2"


@pytest.fixture
def users(db):
    make = get_user_model().objects.create_user
    return make("coordinator", password=PASSWORD), make("colleague", password=PASSWORD)


@pytest.fixture
def client_factory():
    """A fresh browser each time, so only the username and the address can tie attempts together."""
    return Client


def _sign_in(client, username: str, password: str, **meta: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, **meta)


def _guess_wrong(client, settings, username: str, **meta: str) -> None:
    """The limit-th wrong password is the one that locks (answered 429 itself)."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, username, "wrong", **meta).status_code == 200
    assert _sign_in(client, username, "wrong", **meta).status_code == 429


def test_five_bad_guesses_lock_that_username_from_that_address_only(client_factory, users, settings):
    here = {"REMOTE_ADDR": "198.51.100.7"}
    _guess_wrong(client_factory(), settings, "coordinator", **here)
    assert _sign_in(client_factory(), "coordinator", PASSWORD, **here).status_code == 429
    assert _sign_in(client_factory(), "colleague", PASSWORD, **here).status_code == 302
    assert _sign_in(client_factory(), "coordinator", PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 302


def test_behind_a_trusted_proxy_each_client_address_counts_apart(client_factory, users, settings):
    settings.JOINEDUP_TRUSTED_PROXY_COUNT = 1
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    colleague = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    _guess_wrong(client_factory(), settings, "coordinator", **attacker)
    assert _sign_in(client_factory(), "coordinator", PASSWORD, **attacker).status_code == 429
    assert _sign_in(client_factory(), "coordinator", PASSWORD, **colleague).status_code == 302


def test_a_forged_forwarded_header_does_not_escape_the_lockout(client_factory, users, settings):
    """With no trusted proxy the header is anyone's to write, so it must not change the address."""
    _guess_wrong(client_factory(), settings, "coordinator", REMOTE_ADDR="198.51.100.7")
    forged = {"REMOTE_ADDR": "198.51.100.7", "HTTP_X_FORWARDED_FOR": "192.0.2.55"}
    assert _sign_in(client_factory(), "coordinator", PASSWORD, **forged).status_code == 429


def test_the_client_cannot_prepend_its_own_address_behind_a_trusted_proxy(client_factory, users, settings):
    settings.JOINEDUP_TRUSTED_PROXY_COUNT = 1
    _guess_wrong(
        client_factory(), settings, "coordinator", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.55, 198.51.100.7"}
    assert _sign_in(client_factory(), "coordinator", PASSWORD, **forged).status_code == 429


def test_the_lockout_page_says_other_people_can_still_sign_in(client, users, settings):
    _guess_wrong(client, settings, "coordinator")
    page = _sign_in(client, "coordinator", PASSWORD)
    assert page.status_code == 429
    assert "Other people can still sign in" in page.content.decode()
