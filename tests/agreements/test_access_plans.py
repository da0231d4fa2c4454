"""The access rule asked about a few documents reads them through indexes, never the whole archive: no
full scan of the page table, the attachment rows or the documents (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on
PostgreSQL), for a visitor, an office editor, a municipality's staff and another province's director."""

from django.contrib.auth.models import AnonymousUser
import pytest
from wagtail.documents import get_document_model

from agreements.access import link_models, visible_documents
from tests.portal.test_listing_plans import full_scans

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["visitor", "qom_editor", "kahak_staff", "qzv_director"])
def test_the_rule_for_one_document_scans_nothing_whole(desk_records, desk, who):
    user = AnonymousUser() if who == "visitor" else getattr(desk, who)
    Document = get_document_model()  # noqa: N806 - a model class
    annex = desk_records.agreement.documents.get(document__title="annex.pdf")  # public: everyone may have it
    asked = Document.objects.filter(pk=annex.document_id)
    tables = {"wagtailcore_page", Document._meta.db_table, *(link._meta.db_table for link in link_models())}
    scans, plan = full_scans(visible_documents(user, asked), tables)
    assert not scans, "\n".join(plan)
    assert visible_documents(user, asked).count() == 1
