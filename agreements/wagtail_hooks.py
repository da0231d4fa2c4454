from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .access import visible_documents
from .chooser import agreement_chooser_viewset
from .release_views import PAGE_TITLE, ReleaseView, RestrictedDocumentsView, may_manage
from .restriction import LOG_ACTIONS


@hooks.register("register_log_actions")
def restriction_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("register_admin_urls")
def restriction_urls():
    return [
        path("restricted-documents/", RestrictedDocumentsView.as_view(), name="agreements_restricted_documents"),
        path("restricted-documents/<int:pk>/release/", ReleaseView.as_view(), name="agreements_release_document"),
    ]


class RestrictedDocumentsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_manage(request.user)


@hooks.register("register_admin_menu_item")
def restricted_documents_menu_item():
    return RestrictedDocumentsMenuItem(
        PAGE_TITLE, reverse("agreements_restricted_documents"), icon_name="lock", order=260
    )


@hooks.register("construct_document_chooser_queryset")
def documents_the_user_may_have(documents, request):
    return visible_documents(request.user, documents)


@hooks.register("construct_admin_api", order=100)
def admin_api_documents_the_user_may_have(router):
    """After ``wagtail.documents`` registers its endpoint: the same one, narrowed by the access rule."""
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet

    class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
        def get_queryset(self):
            return visible_documents(self.request.user, super().get_queryset())

    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)


@hooks.register("register_admin_viewset")
def register_agreement_chooser():
    return agreement_chooser_viewset
