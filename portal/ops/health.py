"""/healthz: is the database answering, the search cluster (when there is one), the background worker?

503 only when the database is down (nothing works without it). A cluster that does not answer or a
worker that leaves tasks waiting makes the status "degraded" with 200: search falls back to the
database and tasks wait in it, so the web node itself still serves.
"""

import os
import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from records.background import BACKGROUND
from search.backends.configured import cluster_backend

DB_BACKEND = "django_tasks_db.DatabaseBackend"


def worker_max_age():
    return float(os.environ.get("HEALTHZ_WORKER_MAX_AGE", "300"))


def check_database():
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver error means the same thing here: no database
        return {"status": "down", "error": type(error).__name__}
    return {"status": "ok", "ms": round((time.monotonic() - started) * 1000, 1)}


def check_search():
    cluster = cluster_backend()
    if cluster is None:
        return {"status": "ok", "engine": "database"}
    try:
        health = cluster.es.cluster.health(request_timeout=cluster.search_timeout)
    except Exception as error:
        return {"status": "unavailable", "error": type(error).__name__}
    state = health.get("status")
    return {"status": "ok" if state in ("green", "yellow") else "unavailable", "cluster": state}


def check_worker():
    if settings.TASKS.get(BACKGROUND, {}).get("BACKEND") != DB_BACKEND:
        return {"status": "ok", "mode": "inline"}
    from django_tasks_db.models import DBTaskResult, get_date_max

    ready = DBTaskResult.objects.ready().filter(backend_name=BACKGROUND)
    waiting = ready.count()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", "run_after").first()
    age = 0.0
    if oldest:
        enqueued_at, run_after = oldest
        since = enqueued_at if run_after == get_date_max() else max(enqueued_at, run_after)
        age = max((timezone.now() - since).total_seconds(), 0.0)
    status = "stalled" if age > worker_max_age() else "ok"
    return {"status": status, "ready_tasks": waiting, "oldest_ready_seconds": round(age, 1)}


@never_cache
def healthz(request):
    report = {"database": check_database()}
    if report["database"]["status"] != "ok":
        report["status"] = "down"
        return JsonResponse(report, status=503)
    report["search"] = check_search()
    report["worker"] = check_worker()
    healthy = all(part["status"] == "ok" for part in (report["search"], report["worker"]))
    report["status"] = "ok" if healthy else "degraded"
    return JsonResponse(report, json_dumps_params={"ensure_ascii": False})
