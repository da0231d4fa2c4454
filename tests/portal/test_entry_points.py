"""The WSGI and ASGI entry points never fall back to the development settings."""

import os
from pathlib import Path
import subprocess
import sys

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = "import {module}; from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"


def load(module, **env):
    clean = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG")}
    return subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("module", ["portal.wsgi", "portal.asgi"])
def test_without_settings_or_secret_key_the_application_refuses_to_start(module):
    result = load(module)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("module", ["portal.wsgi", "portal.asgi"])
def test_with_a_secret_key_the_application_runs_production_settings(module):
    result = load(module, SECRET_KEY="a-real-secret-for-this-test-only")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["portal.settings.production", "False"]
