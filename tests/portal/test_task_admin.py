"""Settings → «کارهای پس‌زمینه»: a failed task's error, for superusers and directors only; «اجرای دوباره»."""

from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
import pytest

from desk.scope import DIRECTOR, EDITOR
from search.outbox import catch_up
from tests.factories import DeskUserFactory
from tests.portal.tasks import fail_loudly

pytestmark = pytest.mark.django_db
URL = "/admin/background-tasks/"


@pytest.fixture
def database_tasks(settings, monkeypatch):
    """The database task backend, and its worker run in this process inside the test's transaction
    (whose connection the worker's ``close_old_connections`` would close on PostgreSQL)."""
    settings.TASKS = {**settings.TASKS, "background": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture
def failed(database_tasks):
    """A task that really ran in a db_worker and failed."""
    fail_loudly.enqueue("zarrinword")
    call_command("db_worker", "--backend", "background", "--batch", "--no-startup-delay", verbosity=0)
    return DBTaskResult.objects.get(status=TaskResultStatus.FAILED)


def test_the_list_shows_a_failed_tasks_error_with_jalali_times(admin_client, failed):
    queued = fail_loudly.enqueue("waiting")
    catch_up.enqueue()
    body = admin_client.get(URL).content.decode()
    assert "رساندن نوشته‌های جامانده به نمایهٔ جست‌وجو" in body  # a project task by its Persian name
    assert "fail_loudly" in body and "ناموفق" in body and "در صف" in body
    assert "ValueError: could not handle zarrinword" in body  # the traceback
    assert "ساعت" in body and "۱۴" in body  # Jalali, Persian digits
    assert body.count("اجرای دوباره") == 1  # only the failed one can be run again
    assert str(queued.id) not in body  # only a failed task offers its id to run again
    only_failed = admin_client.get(URL, {"status": "FAILED"}).content.decode()
    assert "zarrinword" in only_failed and "waiting" not in only_failed


def test_a_director_may_see_it_an_editor_may_not(client, failed):
    director = DeskUserFactory(role=DIRECTOR)
    editor = DeskUserFactory(role=EDITOR)
    client.force_login(director)
    assert "zarrinword" in client.get(URL).content.decode()
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "zarrinword" not in response.content.decode()
    assert client.post(URL, {"id": str(failed.id)}).status_code in (302, 403)
    assert DBTaskResult.objects.count() == 1  # the editor's post enqueued nothing


def test_run_again_enqueues_a_new_queued_result(admin_client, failed):
    response = admin_client.post(URL, {"id": str(failed.id)}, follow=True)
    assert "دوباره در صف گذاشته شد" in response.content.decode()
    again = DBTaskResult.objects.exclude(pk=failed.pk).get()
    assert again.status == TaskResultStatus.READY
    assert again.task_path == failed.task_path and again.args_kwargs == failed.args_kwargs
    assert again.backend_name == "background"
    DBTaskResult.objects.filter(pk=failed.pk).update(status=TaskResultStatus.SUCCESSFUL)
    refused = admin_client.post(URL, {"id": str(failed.id)}, follow=True).content.decode()
    assert "تنها کار ناموفق" in refused and DBTaskResult.objects.count() == 2


@pytest.mark.parametrize("query", [{"status": "LOST"}, {"page": "0"}, {"page": "abc"}])
def test_bad_parameters_are_a_persian_400(admin_client, database_tasks, query):
    response = admin_client.get(URL, query)
    assert response.status_code == 400
    assert any("\u0600" <= ch <= "\u06ff" for ch in response.content.decode())


def test_a_forged_id_is_a_persian_message(admin_client, database_tasks):
    body = admin_client.post(URL, {"id": "not-a-uuid"}, follow=True).content.decode()
    assert "این کار پیدا نشد" in body
