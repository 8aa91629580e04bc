"""Production settings refuse insecure values at start-up and pass Django's deployment check.

Each case loads the settings in a fresh interpreter, as a server would, with only the
environment given (DEBUG, SECRET_KEY and ALLOWED_HOSTS from the test run are removed).
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

SNIPPET = "import joinedup.web.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)"
REPO = Path(__file__).resolve().parents[5]
STRONG_KEY = secrets.token_urlsafe(50)
REMOVED = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
PRODUCTION = {"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "joinedup.example.org"}


def _clean_env(env: dict[str, str]) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k not in REMOVED and not k.startswith("JOINEDUP_")}
    return {**clean, **env}


def _python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], env=_clean_env(env), capture_output=True, text=True, cwd=REPO
    )


def _load_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return _python(SNIPPET, env)


def test_local_demo_defaults_need_debug():
    result = _load_settings({"DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "insecure-local-demo-key-never-use-in-production"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": STRONG_KEY}, "ALLOWED_HOSTS must list"),
        ({**PRODUCTION, "SECRET_KEY": "abc"}, "SECRET_KEY is too weak (3 characters)"),
        ({**PRODUCTION, "SECRET_KEY": STRONG_KEY[:49]}, "SECRET_KEY is too weak"),
        ({**PRODUCTION, "SECRET_KEY": "ab" * 40}, "SECRET_KEY is too weak"),
        ({**PRODUCTION, "SECRET_KEY": "django-insecure-" + STRONG_KEY}, "SECRET_KEY is too weak"),
    ],
)
def test_insecure_defaults_are_refused_without_debug(env, message):
    result = _load_settings(env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_load_from_the_environment():
    result = _load_settings(PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "False ['joinedup.example.org']" in result.stdout


def test_the_deployment_check_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "-m", "joinedup.web.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=_clean_env({**PRODUCTION, "DJANGO_SETTINGS_MODULE": "joinedup.web.settings"}),
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


SECURITY_SNIPPET = (
    "import joinedup.web.settings as s; "
    "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, "
    "s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, "
    "getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
)


def test_production_turns_on_hsts_https_and_secure_httponly_cookies():
    result = _python(SECURITY_SNIPPET, PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "True", "True", "True", "True", "True", "True", "None"]


def test_hsts_subdomains_and_a_trusted_proxy_are_settings():
    env = {**PRODUCTION, "JOINEDUP_HSTS_INCLUDE_SUBDOMAINS": "0", "JOINEDUP_TRUSTED_PROXY_COUNT": "1"}
    result = _python(SECURITY_SNIPPET, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["31536000", "False"]
    assert "('HTTP_X_FORWARDED_PROTO', 'https')" in result.stdout


def test_the_deployment_check_fails_when_the_rate_limit_cache_cannot_be_written(tmp_path):
    """A database cache whose table was never created (`createcachetable` forgotten)."""
    env = {
        **PRODUCTION,
        "DJANGO_SETTINGS_MODULE": "joinedup.web.settings",
        "JOINEDUP_CACHE": "database",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    command = [sys.executable, "-m", "joinedup.web.manage", "check", "--deploy"]
    result = subprocess.run(command, env=_clean_env(env), capture_output=True, text=True, cwd=REPO)
    assert result.returncode != 0
    assert "joinedup.E001" in result.stderr
    assert "createcachetable" in result.stderr
    subprocess.run(
        [sys.executable, "-m", "joinedup.web.manage", "createcachetable"],
        env=_clean_env(env),
        check=True,
        cwd=REPO,
    )
    fixed = subprocess.run(command, env=_clean_env(env), capture_output=True, text=True, cwd=REPO)
    assert fixed.returncode == 0, fixed.stderr
