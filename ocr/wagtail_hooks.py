"""The admin's «متن اسکن‌ها»: what OCR read from each file, its confidence, and the editor's corrections."""

from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ScanText
from .records import reindex_records_using


class ReadOnlyScanPolicy(ModelPermissionPolicy):
    """Scans come from files: an editor corrects them, never adds or deletes one by hand."""

    def user_has_permission(self, user, action):
        return action not in ("add", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ScanTextViewSet(SnippetViewSet):
    model = ScanText
    icon = "doc-full-inverse"
    menu_label = "متن اسکن‌ها"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["__str__", "status", "confidence_label", "page_count", "message", "updated_at"]
    list_filter = ["status"]
    ordering = ["-updated_at"]


register_permission_policy(ScanText, ReadOnlyScanPolicy(ScanText))
register_snippet(ScanTextViewSet)


@hooks.register("after_edit_snippet")
def reindex_corrected_scan(request, instance):
    """A correction is what the search finds from now on."""
    if isinstance(instance, ScanText):
        reindex_records_using(instance)
