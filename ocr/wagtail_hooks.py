"""The admin's «متن اسکن‌ها»: what OCR read from each file, its confidence, and the editor's corrections."""

from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .access import scans_for
from .models import ScanText
from .records import reindex_records_using


class ScanPolicy(ModelPermissionPolicy):
    """Scans come from files: the office corrects them (its own province's), never adds or deletes one."""

    def user_has_permission(self, user, action):
        return action not in ("add", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        allowed = self.user_has_permission(user, action)
        return allowed and scans_for(user, ScanText.objects.filter(pk=instance.pk)).exists()

    def instances_user_has_permission_for(self, user, action):
        return scans_for(user, super().instances_user_has_permission_for(user, action))


class ScanTextViewSet(SnippetViewSet):
    model = ScanText
    icon = "doc-full-inverse"
    menu_label = "متن اسکن‌ها"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["__str__", "status", "confidence_label", "page_count", "message", "updated_at"]
    list_filter = ["status"]
    ordering = ["-updated_at"]

    def get_queryset(self, request):
        return scans_for(request.user, ScanText.objects.select_related("document", "image"))


register_permission_policy(ScanText, ScanPolicy(ScanText))
register_snippet(ScanTextViewSet)


@hooks.register("before_edit_snippet")
def only_the_own_provinces_scans(request, instance):
    if isinstance(instance, ScanText) and not scans_for(request.user, ScanText.objects.filter(pk=instance.pk)).exists():
        raise PermissionDenied


@hooks.register("after_edit_snippet")
def reindex_corrected_scan(request, instance):
    """A correction is what the search finds from now on."""
    if isinstance(instance, ScanText):
        reindex_records_using(instance)
