import os
import subprocess
import sys

import pytest

SNIPPET = "import joinedup.web.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)"


def _load_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    return subprocess.run(
        [sys.executable, "-c", SNIPPET], env={**clean, **env}, capture_output=True, text=True
    )


def test_local_demo_defaults_need_debug():
    result = _load_settings({"DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "insecure-local-demo-key-never-use-in-production"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS must list"),
    ],
)
def test_insecure_defaults_are_refused_without_debug(env, message):
    result = _load_settings(env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_load_from_the_environment():
    result = _load_settings({"SECRET_KEY": "y" * 50, "ALLOWED_HOSTS": "joinedup.example.org"})
    assert result.returncode == 0, result.stderr
    assert "False ['joinedup.example.org']" in result.stdout
