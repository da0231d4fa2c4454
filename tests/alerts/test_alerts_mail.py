"""Saved searches end to end, with the mail going to a real SMTP server on localhost."""

from django.db import IntegrityError, transaction
import pytest

from alerts import sending
from alerts.models import Address, AlertItem, SavedSearch
from alerts.subscriptions import subscribe
from alerts.tasks import match_changes
from tests.alerts.helpers import fee_meeting, link_to, links_in, path_of, publish
from tests.alerts.smtp import html_of, text_of
from tests.conftest import meeting_fields

pytestmark = pytest.mark.django_db

FOLLOW = "/alerts/follow/"
QUERY = "q=عوارض&province=قم"


def follow(client, capture, email="mayor@example.ir", query=QUERY, frequency="immediate", name="عوارض قم"):
    with capture(execute=True):
        return client.post(FOLLOW, {"query": query, "name": name, "frequency": frequency, "email": email})


@pytest.fixture
def first_meeting(site_tree, archive, import_files, django_capture_on_commit_callbacks):
    return publish(archive, import_files, django_capture_on_commit_callbacks, "qom.md", meeting_fields())


def test_double_opt_in_then_a_persian_digest_with_snippet_headers_and_both_parts(
    client, smtp_server, site_url, first_meeting, archive, import_files, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    inbox = smtp_server.inbox
    response = follow(client, capture)
    assert response.status_code == 200
    assert "پیوند تأیید" in response.content.decode()
    (confirmation,) = inbox.messages
    assert confirmation["Subject"].strip() == "هم‌اندیشی: تأیید اشتراک «عوارض قم»"
    assert "mayor@example.ir" in confirmation["To"]

    # Not confirmed yet: a matching meeting is published, and nothing but the confirmation arrives.
    publish(archive, import_files, capture, "early.md", fee_meeting(ref="QOM-1403-13"))
    assert len(inbox.messages) == 1
    assert not AlertItem.objects.exists()

    confirmed = client.get(link_to(confirmation, "/alerts/confirm/"))
    assert confirmed.status_code == 200
    assert "اشتراک تأیید شد" in confirmed.content.decode()
    assert SavedSearch.objects.get().confirmed_at is not None

    publish(archive, import_files, capture, "fees.md", fee_meeting())
    assert len(inbox.messages) == 2
    digest = inbox.messages[1]
    assert digest["Subject"].strip() == "هم‌اندیشی: ۲ سند تازه برای «عوارض قم»"  # the meeting and its resolution
    assert digest["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
    unsubscribe = digest["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe.startswith("http://testserver/alerts/unsubscribe/")
    html, text = html_of(digest), text_of(digest)
    assert 'dir="rtl"' in html and 'lang="fa"' in html
    assert "<mark>عوارض</mark>" in html
    assert "[عوارض]" in text and "<mark>" not in text
    for part in (html, text):
        assert "مصوبه" in part and "نشست" in part  # the types
        assert "قم" in part  # the province
        assert "۲۰ دی ۱۴۰۳" in part  # the Jalali date
        assert "http://testserver/meetings/" in part  # an absolute link
        assert unsubscribe in part
    assert "QOM-1403-13" not in text  # published before the confirmation: never sent


def test_nothing_is_sent_twice_but_a_new_version_is(
    client, smtp_server, site_url, site_tree, archive, import_files, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    saved = subscribe("office@example.ir", "عوارض", "q=عوارض", "immediate", confirmed=True)
    publish(archive, import_files, capture, "fees.md", fee_meeting())
    assert len(smtp_server.inbox.messages) == 1

    match_changes.call()  # matching again finds nothing new
    assert sending.send_digest(saved.pk, force=True) == sending.Outcome.NOTHING
    item = AlertItem.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():  # the sent log holds one row per version
        AlertItem.objects.create(search=item.search, page=item.page, version=item.version)
    publish(archive, import_files, capture, "fees.md", fee_meeting())  # the same file: skipped, no new version
    assert len(smtp_server.inbox.messages) == 1
    publish(archive, import_files, capture, "fees.md", fee_meeting(text="مقرر شد عوارض پسماند کاهش یابد."))
    assert len(smtp_server.inbox.messages) == 2
    assert "کاهش" in text_of(smtp_server.inbox.messages[-1])


def test_drafts_and_restricted_documents_never_appear(
    client, smtp_server, site_url, site_tree, archive, import_files, django_capture_on_commit_callbacks
):
    from agreements.models import AgreementPage
    from tests.conftest import agreement_fields

    capture = django_capture_on_commit_callbacks
    publish(archive, import_files, capture, "qom.md", meeting_fields())
    subscribe("a@example.ir", "محرمانه", "q=zanjirehkhafi", "immediate", confirmed=True)
    subscribe("b@example.ir", "پسماند", "q=پسماند", "immediate", confirmed=True)

    archive.pdf("signed.pdf", "Confidential signed memorandum: penalty clause zanjirehkhafi")
    fields = agreement_fields(attachments=["signed.pdf"], restricted_attachments=["signed.pdf"])
    publish(archive, import_files, capture, "agreement.md", fields)
    assert not smtp_server.inbox.to("a@example.ir")  # only the restricted document holds the word
    (agreement_mail,) = smtp_server.inbox.to("b@example.ir")
    assert "zanjirehkhafi" not in html_of(agreement_mail) + text_of(agreement_mail)

    agreement = AgreementPage.objects.get()
    with capture(execute=True):
        agreement.summary = "پیش‌نویس: پسماند و zanjirehkhafi"
        agreement.save_revision()  # a draft, never published
    match_changes.call()
    assert len(smtp_server.inbox.messages) == 1


def test_one_click_unsubscribe_by_post_and_a_confirm_page_by_get(
    client, smtp_server, site_url, site_tree, archive, import_files, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    saved = subscribe("mayor@example.ir", "عوارض", "q=عوارض", "immediate", confirmed=True)
    publish(archive, import_files, capture, "fees.md", fee_meeting())
    (digest,) = smtp_server.inbox.messages
    link = path_of(digest["List-Unsubscribe"].strip().strip("<>"))
    assert link == link_to(digest, "/alerts/unsubscribe/")

    page = client.get(link)
    assert page.status_code == 200
    assert "لغو اشتراک «عوارض»" in page.content.decode()
    assert SavedSearch.objects.filter(pk=saved.pk).exists()  # a GET (a mail scanner) changes nothing

    clicked = client.post(link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert clicked.status_code == 200
    assert "اشتراک لغو شد" in clicked.content.decode()
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()
    publish(archive, import_files, capture, "more.md", fee_meeting(ref="QOM-1403-14"))
    assert len(smtp_server.inbox.messages) == 1
    again = client.post(link)
    assert again.status_code == 404
    assert "دیگر وجود ندارد" in again.content.decode()


def test_a_failed_send_is_retried_after_the_server_comes_up(
    settings, site_url, site_tree, archive, import_files, django_capture_on_commit_callbacks
):
    import datetime

    from alerts import sending
    from tests.alerts.smtp import SMTPServer

    server = SMTPServer()  # its port, with nothing listening yet: connection refused
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 5
    saved = subscribe("mayor@example.ir", "عوارض", "q=عوارض", "immediate", confirmed=True)
    publish(archive, import_files, django_capture_on_commit_callbacks, "fees.md", fee_meeting())
    saved.refresh_from_db()
    assert saved.attempts == 1 and saved.retry_at is not None
    assert AlertItem.objects.filter(sent_at__isnull=True).count() == 1  # kept, not lost
    assert sending.due_searches() == []  # waiting for its back-off
    later = saved.retry_at + datetime.timedelta(seconds=1)
    assert sending.send_digest(saved.pk, now=later) == sending.Outcome.RETRY  # still down
    saved.refresh_from_db()
    assert saved.attempts == 2
    assert saved.retry_at - later == sending.backoff(2) == datetime.timedelta(minutes=2)

    server.start()
    try:
        later = saved.retry_at + datetime.timedelta(seconds=1)
        assert sending.due_searches(now=later) == [saved.pk]
        assert sending.send_digest(saved.pk, now=later) == sending.Outcome.SENT
        (digest,) = server.inbox.messages
        assert "عوارض" in digest["Subject"]
    finally:
        server.stop()
    saved.refresh_from_db()
    assert saved.attempts == 0 and saved.retry_at is None
    assert not AlertItem.objects.filter(sent_at__isnull=True).exists()


def test_a_bounce_marks_the_address_and_stops_sending(
    smtp_server, site_url, site_tree, archive, import_files, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    smtp_server.inbox.refuse.add("gone@example.ir")
    subscribe("gone@example.ir", "عوارض", "q=عوارض", "immediate", confirmed=True)
    publish(archive, import_files, capture, "fees.md", fee_meeting())
    address = Address.objects.get(email="gone@example.ir")
    assert address.bounced_at is not None and "550" in address.bounce_reason
    assert not SavedSearch.objects.active().exists()
    smtp_server.inbox.refuse.clear()
    publish(archive, import_files, capture, "more.md", fee_meeting(ref="QOM-1403-14"))
    assert smtp_server.inbox.messages == []


def test_daily_digests_wait_for_their_day(
    smtp_server, site_url, site_tree, archive, import_files, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    from alerts import sending

    capture = django_capture_on_commit_callbacks
    saved = subscribe("mayor@example.ir", "عوارض", "q=عوارض", "daily", confirmed=True)
    publish(archive, import_files, capture, "fees.md", fee_meeting())
    assert smtp_server.inbox.messages == []
    assert sending.due_searches() == [saved.pk]  # never sent: due at once
    sending.send_digest(saved.pk)
    publish(archive, import_files, capture, "more.md", fee_meeting(ref="QOM-1403-14"))
    assert sending.due_searches() == []
    tomorrow = timezone.now() + datetime.timedelta(days=1, minutes=1)
    assert sending.due_searches(now=tomorrow) == [saved.pk]
    assert sending.send_digest(saved.pk, now=tomorrow) == sending.Outcome.SENT
    assert len(smtp_server.inbox.messages) == 2
    assert "QOM-1403-14" in text_of(smtp_server.inbox.messages[1])
    assert "QOM-1403-12" not in text_of(smtp_server.inbox.messages[1])
    assert links_in(smtp_server.inbox.messages[1])


def test_a_long_digest_lists_the_newest_and_links_the_rest_and_none_is_sent_again(
    smtp_server, site_url, site_tree, archive, import_files, django_capture_on_commit_callbacks
):
    from alerts.digest import MOST_ITEMS

    capture = django_capture_on_commit_callbacks
    saved = subscribe("mayor@example.ir", "عوارض", "q=عوارض", "immediate", confirmed=True)
    resolutions = [
        {"number": n, "text": f"مقرر شد عوارض بند {n} بازنگری شود.", "status": "pending"} for n in range(1, 26)
    ]
    fields = meeting_fields(ref="QOM-1403-12", date="1403/10/20", resolutions=resolutions, next_meeting={})
    publish(archive, import_files, capture, "fees.md", fields)
    (digest,) = smtp_server.inbox.messages
    count = 26  # the meeting and its 25 resolutions
    assert digest["Subject"].strip() == "هم‌اندیشی: ۲۶ سند تازه برای «عوارض»"
    html, text = html_of(digest), text_of(digest)
    assert html.count("<mark>عوارض</mark>") >= MOST_ITEMS
    assert html.count('<li style="margin-bottom:1em">') == MOST_ITEMS
    more = count - MOST_ITEMS
    assert more == 6
    (line,) = [line for line in text.splitlines() if line.startswith("و ۶ سند دیگر: ")]
    search_link = line.removeprefix("و ۶ سند دیگر: ")
    assert path_of(search_link) == "/search/?" + saved.query  # the saved search itself, on the site
    assert f'و ۶ سند دیگر: <a href="{search_link}">همه را در جست‌وجو ببینید</a>' in html
    # Every matched record is accounted for, those listed and those counted alike: nothing is sent again.
    assert not AlertItem.objects.filter(search=saved, sent_at__isnull=True).exists()
    assert sending.send_digest(saved.pk, force=True) == sending.Outcome.NOTHING
    match_changes.call()
    assert len(smtp_server.inbox.messages) == 1
