"""Settings → «قفل‌های ورود»: the login lockouts in force, each with a button that lifts it (superusers)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from persian.text import format_number

from .login_throttle import current_lockouts, minutes_locked, unlock

TITLE = "قفل‌های ورود"


def can_unlock(user):
    return user.is_active and user.is_superuser


class LockoutListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "desk/admin/lockouts.html"
    page_title = TITLE
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not can_unlock(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(lockouts=current_lockouts(), minutes=format_number(minutes_locked()), **kwargs)

    def post(self, request):
        ip_address = request.POST.get("ip_address", "")
        username = request.POST.get("username", "")
        if not ip_address:
            messages.error(request, "نشانی قفل مشخص نیست.")
        elif unlock(ip_address, username or None):
            who = f"«{username}» از نشانی {ip_address}" if username else f"نشانی {ip_address}"
            messages.success(request, f"قفل ورود {who} باز شد.")
        else:
            messages.warning(request, "این قفل دیگر برقرار نبود.")
        return redirect("desk_lockouts")
