"""The office's list of its restricted documents, and the release of one (a POST, logged)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from desk.scope import OFFICE_GROUPS, in_groups, provinces_for

from .models import RestrictedDocument
from .restriction import ReleaseRefused, release, still_restricting

PAGE_TITLE = "سندهای محرمانه"


def may_manage(user):
    return user.is_active and (user.is_superuser or in_groups(user, OFFICE_GROUPS))


def restrictions_for(user):
    """The restrictions of the provinces the user's office answers for, still in force first."""
    return (
        RestrictedDocument.objects.filter(province__in=provinces_for(user))
        .select_related("document", "province", "released_by")
        .order_by("released_at", "-restricted_at")
    )


class RestrictionMixin(WagtailAdminTemplateMixin):
    page_title = PAGE_TITLE
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not may_manage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": reverse("agreements_restricted_documents"), "label": PAGE_TITLE}]


class RestrictedDocumentsView(RestrictionMixin, View):
    def get(self, request):
        rows = [(r, still_restricting(r.document)) for r in restrictions_for(request.user)]
        return TemplateResponse(request, "agreements/admin/restricted_documents.html", self.get_context_data(rows=rows))


class ReleaseView(RestrictionMixin, View):
    template_name = "agreements/admin/release_confirm.html"

    def get_restriction(self, pk):
        return get_object_or_404(restrictions_for(self.request.user), pk=pk)

    def get(self, request, pk):
        restriction = self.get_restriction(pk)
        self.page_subtitle = restriction.document.title
        context = self.get_context_data(restriction=restriction, pages=still_restricting(restriction.document))
        return TemplateResponse(request, self.template_name, context)

    def post(self, request, pk):
        restriction = self.get_restriction(pk)
        try:
            release(restriction, request.user)
        except ReleaseRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, f"محرمانگی «{restriction.document.title}» برداشته شد.")
        return redirect("agreements_restricted_documents")
