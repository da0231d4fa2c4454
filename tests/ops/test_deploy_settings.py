"""Production settings pass `manage.py check --deploy`; each HTTPS switch is the operator's to turn off."""

import subprocess

import pytest

from dev.stack import PYTHON, ROOT, manage, production_env


def check_deploy(env):
    return subprocess.run(
        [PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("deploy")
    env = production_env(f"sqlite:///{workdir / 'db.sqlite3'}", workdir)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    return env


def test_check_deploy_is_clean(collected):
    result = check_deploy(collected)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_names_a_missing_collectstatic(collected, tmp_path):
    result = check_deploy({**collected, "STATIC_ROOT": str(tmp_path / "never-collected")})
    assert result.returncode != 0
    assert "portal.W001" in result.stderr and "collectstatic" in result.stderr


@pytest.mark.parametrize(
    ("switch", "warning"),
    [
        ({"SECURE_SSL_REDIRECT": "false"}, "security.W008"),
        ({"SECURE_HSTS_SECONDS": "0"}, "security.W004"),
        ({"SECURE_COOKIES": "false"}, "security.W012"),
    ],
)
def test_https_switches_turn_settings_off(collected, switch, warning):
    result = check_deploy({**collected, **switch})
    assert warning in result.stderr, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(collected):
    env = {**collected, "SECRET_KEY": ""}
    result = subprocess.run([PYTHON, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
