"""Login throttling on django-axes: a user name is locked from one address after
``AXES_FAILURE_LIMIT`` failures, and an address alone after ``LOGIN_IP_FAILURE_LIMIT`` failures over
any user names, each for ``AXES_COOLOFF_TIME``. The office lists and lifts lockouts in the admin."""

from dataclasses import dataclass
import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

from persian.text import format_number


def client_ip(request):
    """REMOTE_ADDR, or behind ``TRUSTED_PROXY_COUNT`` proxies the address the outermost one saw.

    X-Forwarded-For is read only when proxies are configured: otherwise anyone could send a new
    address with each guess."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def _recent(now=None):
    return AccessAttempt.objects.filter(attempt_time__gte=(now or timezone.now()) - settings.AXES_COOLOFF_TIME)


def failures_from(ip_address):
    return _recent().filter(ip_address=ip_address).aggregate(n=Sum("failures_since_start"))["n"] or 0


class ThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler, plus the address-alone limit for guesses spread over many user names."""

    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        if failures_from(request.axes_ip_address) >= settings.LOGIN_IP_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures


def minutes_locked():
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(request, original_response=None, credentials=None):
    """The admin's login, in Persian, saying why it refuses and for how long (429)."""
    context = {"minutes": format_number(minutes_locked())}
    return render(request, "desk/login_locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


@dataclass
class Lockout:
    username: str | None  # None: the address is locked for every user name
    ip_address: str
    failures: int
    last_attempt: datetime.datetime

    @property
    def until(self):
        return self.last_attempt + settings.AXES_COOLOFF_TIME


def current_lockouts(now=None):
    """Every lockout in force: user name and address pairs, then addresses locked for everyone."""
    recent = _recent(now).order_by()
    pairs = (
        recent.values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last_attempt=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
    )
    addresses = (
        recent.values("ip_address")
        .annotate(failures=Sum("failures_since_start"), last_attempt=Max("attempt_time"))
        .filter(failures__gte=settings.LOGIN_IP_FAILURE_LIMIT)
    )
    locks = [Lockout(**row) for row in pairs] + [Lockout(username=None, **row) for row in addresses]
    return sorted(locks, key=lambda lock: lock.last_attempt, reverse=True)


def unlock(ip_address, username=None):
    """Lift a lockout: one user name from one address, or (without a user name) the whole address."""
    if username:
        return reset(ip=ip_address, username=username)
    return reset(ip=ip_address)
