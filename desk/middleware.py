"""The province scope on every admin URL that names a page: a record the account must not see
(``records_hidden_from``) is refused before Wagtail's view runs, so no breadcrumb, header,
confirmation or bulk-action list shows its title. Documents: ``agreements.admin_scope``."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from .scope import records_hidden_from

PAGE_ARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
DOCUMENT_ARGS = ("document_id", "doc_id")


def _ints(values):
    return {int(v) for v in values if str(v).isdigit()}


def named_ids(request, match, kwargs):
    """(page ids, document ids) an admin request names, in its path or its bulk-action query."""
    pages = _ints(kwargs[name] for name in PAGE_ARGS if name in kwargs)
    documents = _ints(kwargs[name] for name in DOCUMENT_ARGS if name in kwargs)
    namespace, name = match.namespace, match.url_name
    if "pk" in kwargs:
        if namespace.endswith(":pages") or name == "revisions_compare":
            pages |= _ints([kwargs["pk"]])
        elif namespace.endswith(":documents") or namespace == "wagtaildocs_chooser":
            documents |= _ints([kwargs["pk"]])
    if name == "wagtail_bulk_action":
        ids = _ints(request.GET.getlist("id"))
        if kwargs.get("model_name") == "document":
            documents |= ids
        elif kwargs.get("app_label") != "wagtaildocs":
            pages |= ids
    return pages, documents


class AdminScopeMiddleware:
    """Refuses an admin request naming a page (or, in subclasses, a document) the account must not see."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        match = request.resolver_match
        if match is None or not getattr(user, "is_authenticated", False) or user.is_superuser:
            return None
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        pages, documents = named_ids(request, match, view_kwargs)
        self.check(user, pages, documents)
        return None

    def check(self, user, pages, documents):
        if pages and records_hidden_from(user).filter(pk__in=pages).exists():
            raise PermissionDenied("a record outside the account's scope")
