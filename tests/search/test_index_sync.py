"""Search entries follow publishing; attachment text is read once per file and bad files fail alone."""

from django.core.management import call_command
import pytest
from wagtail.documents import get_document_model

from meetings.models import MeetingPage
from search.attachments import text_of
from search.models import AttachmentText, SearchEntry
from tests.conftest import follow_up_meeting, meeting_fields

pytestmark = pytest.mark.django_db


def test_follow_up_in_a_later_meeting_changes_the_resolution_status_in_search(client, archive, import_files):
    archive.write("a.md", meeting_fields())
    import_files(archive.root)
    entry = SearchEntry.objects.get(ref="QOM-1403-11#1")
    assert entry.status == "in_progress"
    archive.write(
        "b.md",
        follow_up_meeting("QOM-1403-11#1", "done", "انجام شد"),
    )
    import_files(archive.root)
    assert SearchEntry.objects.get(ref="QOM-1403-11#1").status == "done"
    MeetingPage.objects.get(ref="QOM-1403-12").unpublish()
    assert SearchEntry.objects.get(ref="QOM-1403-11#1").status == "in_progress"
    assert not SearchEntry.objects.filter(ref="QOM-1403-12").exists()


def test_deleting_a_meeting_removes_its_entries_and_its_follow_ups_effect(archive, import_files):
    archive.write("a.md", meeting_fields())
    archive.write(
        "b.md",
        follow_up_meeting("QOM-1403-11#2", "cancelled", ref="B-1"),
    )
    import_files(archive.root)
    assert SearchEntry.objects.get(ref="QOM-1403-11#2").status == "cancelled"
    MeetingPage.objects.get(ref="B-1").delete()
    assert SearchEntry.objects.get(ref="QOM-1403-11#2").status == "pending"
    MeetingPage.objects.get(ref="QOM-1403-11").delete()
    assert SearchEntry.objects.count() == 0


def test_rebuild_command_recreates_entries(corpus):
    before = sorted(SearchEntry.objects.values_list("ref", flat=True))
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_entries", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(SearchEntry.objects.values_list("ref", flat=True)) == before


def test_attachment_text_is_cached_per_file_content(corpus):
    document = get_document_model().objects.get(title="landfill.pdf")
    cached = AttachmentText.objects.get(document=document)
    assert "landfill" in cached.text and not cached.error
    cached.text = "stale"
    cached.save()
    assert text_of(document) == "stale"  # same content: not read again
    cached.file_hash = "changed"
    cached.save()
    assert "landfill" in text_of(document)


def test_a_broken_attachment_fails_alone(archive, import_files, capsys):
    (archive.root / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage that is not a pdf")
    archive.pdf("good.pdf", "compost pilot")
    archive.write("a.md", meeting_fields(attachments=["broken.pdf", "good.pdf"]))
    assert not import_files(archive.root).failed
    broken = AttachmentText.objects.get(document__title="broken.pdf")
    assert broken.error and not broken.text
    assert "compost" in SearchEntry.objects.get(ref="QOM-1403-11").attachment_text
    call_command("extract_attachment_text")
    out = capsys.readouterr().out
    assert "broken.pdf" in out and "1 failed" in out
