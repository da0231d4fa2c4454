"""Pages a bulk import publishes in one save are whole Wagtail pages: a valid tree, one revision each, the
log entries of a create and a publish, and the admin opens them, their history and their revision."""

from django.urls import reverse
import pytest
from wagtail.models import Page, PageLogEntry

from dev.bench.imports import generate
from records.registry import record_models

pytestmark = pytest.mark.django_db


def _imported():
    return [page for model in record_models() for page in model.objects.order_by("path")]


def test_imported_pages_keep_the_tree_valid_after_a_failed_file_and_a_second_batch(tmp_path, import_files):
    first = tmp_path / "first"
    generate(first, 8)
    broken = sorted(first.rglob("*.md"))[3]
    broken.write_text(broken.read_text(encoding="utf-8").replace("date: ", "date: 1403/13/45 ", 1), encoding="utf-8")
    report = import_files(first)
    assert broken in [path for path, _, _ in report.failed] and len(report.created) >= 5
    generate(tmp_path / "second", 6, prefix="B")
    assert len(import_files(tmp_path / "second").created) == 6
    assert all(problems == [] for problems in Page.find_problems())
    pages = _imported()
    assert len(pages) == len(report.created) + 6 == len({page.path for page in pages})
    for section in {page.get_parent() for page in pages}:
        assert section.numchild == section.get_children().count() > 0


def test_an_imported_page_has_its_revision_log_and_admin_views(client, django_user_model, tmp_path, import_files):
    generate(tmp_path / "archive", 4)
    assert len(import_files(tmp_path / "archive").created) == 4
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pass"))
    for page in _imported():
        revision = page.revisions.get()
        assert page.live and not page.has_unpublished_changes
        assert page.latest_revision_id == page.live_revision_id == revision.pk
        assert page.first_published_at and page.last_published_at and page.latest_revision_created_at
        assert revision.as_object().ref == page.ref
        actions = PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", "revision_id")
        assert list(actions) == [("wagtail.create", None), ("wagtail.publish", revision.pk)]
        for url in (
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            reverse("wagtailadmin_pages:history", args=[page.pk]),
            reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]),
        ):
            assert client.get(url).status_code == 200, url


def test_a_file_failing_after_its_page_is_saved_rolls_back_alone_and_frees_its_slug(
    tmp_path, import_files, monkeypatch
):
    from records.archive import publishing

    root = tmp_path / "archive"
    generate(root, 30)
    broken = next(path.stem for path in sorted(root.rglob("*-TN-*.md")))  # an agreement no other file names
    log_entry = publishing._log_entry

    def failing(page, *args, **kwargs):
        if page.ref == broken:
            raise RuntimeError("disk full")
        return log_entry(page, *args, **kwargs)

    monkeypatch.setattr(publishing, "_log_entry", failing)
    report = import_files(root)
    assert [reason for _, _, reason in report.failed] == ["RuntimeError: disk full"]
    assert len(report.created) == 29 and broken not in {page.ref for page in _imported()}
    assert not Page.objects.filter(title__contains=broken).exists()
    monkeypatch.setattr(publishing, "_log_entry", log_entry)
    again = import_files(root)  # the ref and its slug are free: the file now imports, the rest are unchanged
    assert [page.ref for page in again.created] == [broken] and len(again.unchanged) == 29
    page = again.created[0]
    assert page.slug == broken.lower() and page.revisions.count() == 1
    assert all(problems == [] for problems in Page.find_problems())
