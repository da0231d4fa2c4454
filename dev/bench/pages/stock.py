"""The search entries' index rows rewritten by stock Wagtail's database backend, so /api/search/ can be
timed on stock Wagtail's search over the same archive (as ``bench_search``'s ``stock`` pipeline does).

Run with ``SEARCH_PIPELINE=stock`` on a copy of an archive::

    python manage.py shell -c "from dev.bench.pages.stock import main; main()"
"""

from django.db import transaction
from modelsearch.utils import get_content_type_pk
from wagtail.search.backends import get_search_backend

from search.models import SearchEntry


def main(batch=2000, out=print):
    backend = get_search_backend()
    index_rows = backend.get_index_for_model(SearchEntry).entries  # the database backends' IndexEntry rows
    with transaction.atomic():
        index_rows.filter(content_type_id=get_content_type_pk(SearchEntry)).delete()
    ids = list(SearchEntry.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        with transaction.atomic():
            entries = SearchEntry.objects.filter(pk__in=ids[start : start + batch]).prefetch_related("topics")
            backend.add_bulk(SearchEntry, list(entries))
    backend.refresh_indexes()
    out(f"{len(ids)} search entries indexed by {type(backend).__module__}")
