"""The document half of the admin scope: an admin URL naming a document the account may not have
(``agreements.access``) is refused before Wagtail's view runs."""

from django.core.exceptions import PermissionDenied
from wagtail.documents import get_document_model

from desk.middleware import AdminScopeMiddleware

from .access import visible_documents


class DocumentScopeMiddleware(AdminScopeMiddleware):
    """The page scope of ``desk.middleware``, and the one document access rule."""

    def check(self, user, pages, documents):
        super().check(user, pages, documents)
        if documents:
            named = get_document_model().objects.filter(pk__in=documents)
            if visible_documents(user, named).count() != named.count():
                raise PermissionDenied("a document the account may not have")
