"""Security headers on pages, /healthz's report, JSON log lines — in-process, on the test database."""

import datetime
import json
import logging
import sys

from django.utils import timezone
import pytest

from portal.ops.jsonlog import JsonLinesFormatter


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client, site_tree, settings):
    settings.CSP_REPORT_ONLY = False
    response = client.get("/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]


@pytest.mark.django_db
def test_the_admin_gets_a_policy_that_allows_wagtails_inline_code(client, settings):
    settings.CSP_REPORT_ONLY = False
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "script-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]


def test_templates_have_no_inline_script_or_style():
    """The site's policy forbids inline code: a template that adds some would be broken in browsers.
    E-mails are not served under the policy, and mail readers keep only inline styles."""
    import re

    from dev.stack import ROOT

    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if not {"wagtailadmin", "admin", "email"} & set(path.parts) and inline.search(path.read_text())
    ]
    assert offenders == []


@pytest.mark.django_db
def test_healthz_is_ok_on_a_working_portal(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "ok"
    assert report["database"]["status"] == "ok"
    assert report["search"]["engine"] == "database"
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_healthz_reports_a_worker_that_leaves_tasks_waiting(client, settings, monkeypatch):
    from django_tasks_db.models import DBTaskResult, get_date_max

    settings.TASKS = {**settings.TASKS, "background": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setenv("HEALTHZ_WORKER_MAX_AGE", "60")
    result = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="portal.background.example",
        backend_name="background",
        queue_name="default",
        run_after=get_date_max(),
        exception_class_path="",
        traceback="",
    )
    assert client.get("/healthz").json()["worker"]["status"] == "ok"
    DBTaskResult.objects.filter(pk=result.pk).update(enqueued_at=timezone.now() - datetime.timedelta(minutes=10))
    response = client.get("/healthz")
    assert response.status_code == 200, "a stalled worker degrades the report; the web node still serves"
    report = response.json()
    assert report["status"] == "degraded"
    assert report["worker"]["status"] == "stalled"
    assert report["worker"]["ready_tasks"] == 1
    assert report["worker"]["oldest_ready_seconds"] >= 600


def test_log_lines_are_json_objects():
    formatter = JsonLinesFormatter()
    try:
        raise ValueError("خراب")
    except ValueError:
        record = logging.LogRecord("portal", logging.ERROR, __file__, 1, "بایگانی %s", ("قم",), sys.exc_info())
    line = formatter.format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "بایگانی قم"
    assert entry["level"] == "ERROR" and entry["logger"] == "portal"
    assert "ValueError: خراب" in entry["exception"]
    datetime.datetime.fromisoformat(entry["time"])
