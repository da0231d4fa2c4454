"""Settings → «کارهای پس‌زمینه»: the background tasks (django_tasks_db's results) queued, running,
failed and lately succeeded, with a failed task's traceback and a button that enqueues it again.

For superusers and the provinces' directors (``desk.scope.DIRECTOR``); an editor is refused.
"""

import datetime
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from desk.scope import DIRECTOR, in_groups
from persian import params
from persian.jalali import format_moment

TITLE = "کارهای پس‌زمینه"
PAGE_SIZE = 50
RECENT = datetime.timedelta(days=7)  # succeeded tasks older than this are no longer listed
# What the office reads for the project's tasks; any other task is shown by its dotted path.
TASK_LABELS = {
    "search.tasks.read_attachment_text": "خواندن متن یک پیوست",
    "search.outbox.catch_up": "رساندن نوشته‌های جامانده به نمایهٔ جست‌وجو",
    "ocr.tasks.read_scan": "نویسه‌خوانی یک فایل اسکن‌شده",
}
STATUS_LABELS = {
    TaskResultStatus.READY: "در صف",
    TaskResultStatus.RUNNING: "در حال اجرا",
    TaskResultStatus.FAILED: "ناموفق",
    TaskResultStatus.SUCCESSFUL: "انجام‌شده",
}


def may_see_tasks(user):
    return user.is_active and (user.is_superuser or in_groups(user, (DIRECTOR,)))


def listed(status=""):
    """The results shown: all but the succeeded ones older than ``RECENT``, newest first."""
    results = DBTaskResult.objects.exclude(
        Q(status=TaskResultStatus.SUCCESSFUL) & Q(finished_at__lt=timezone.now() - RECENT)
    )
    if status:
        results = results.filter(status=status)
    return results.order_by("-enqueued_at", "-id")


def row(result):
    return {
        "id": result.id,
        "name": TASK_LABELS.get(result.task_path, ""),
        "path": result.task_path,
        "status": result.status,
        "status_label": STATUS_LABELS.get(result.status, result.status),
        "enqueued": format_moment(result.enqueued_at),
        "started": format_moment(result.started_at),
        "finished": format_moment(result.finished_at),
        "attempts": len(result.worker_ids or []),
        "error": result.exception_class_path,
        "traceback": result.traceback if result.status == TaskResultStatus.FAILED else "",
        "failed": result.status == TaskResultStatus.FAILED,
    }


def enqueue_again(result):
    """A new queued result for the same task and arguments, on the same backend and queue."""
    arguments = result.args_kwargs or {}
    return result.task.enqueue(*arguments.get("args", []), **arguments.get("kwargs", {}))


class TaskListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "portal/admin/tasks.html"
    page_title = TITLE
    header_icon = "cogs"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_tasks(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        status = params.choice(self.request.GET.get("status"), TaskResultStatus.values, "status")
        page = Paginator(listed(status), PAGE_SIZE).get_page(params.page(self.request.GET))
        counts = {value: listed(value).count() for value in TaskResultStatus.values}
        filters = [
            {"value": value, "label": label, "count": counts[value], "chosen": value == status}
            for value, label in STATUS_LABELS.items()
        ]
        return super().get_context_data(
            rows=[row(result) for result in page], page=page, filters=filters, status=status, **kwargs
        )

    def post(self, request):
        try:
            result = DBTaskResult.objects.filter(pk=uuid.UUID(request.POST.get("id", ""))).first()
        except ValueError:
            result = None
        if result is None:
            messages.error(request, "این کار پیدا نشد.")
        elif result.status != TaskResultStatus.FAILED:
            messages.warning(request, "تنها کار ناموفق را می‌توان دوباره اجرا کرد.")
        else:
            try:
                enqueue_again(result)
            except (ImportError, SuspiciousOperation):
                messages.error(request, f"کار «{result.task_path}» دیگر در برنامه نیست و دوباره اجرا نمی‌شود.")
            else:
                messages.success(request, f"کار «{row(result)['name'] or result.task_path}» دوباره در صف گذاشته شد.")
        return redirect("portal_tasks")
