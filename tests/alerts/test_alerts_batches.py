"""Digests sent in batches: one connection to the mail server for a batch, and a run that dies
mid-batch neither loses a digest nor sends one twice."""

import datetime

from django.core.mail.backends.smtp import EmailBackend
from django.utils import timezone
import pytest

from alerts import sending
from alerts.models import AlertItem, SavedSearch
from alerts.subscriptions import subscribe
from alerts.tasks import match_changes
from tests.alerts.helpers import fee_meeting, publish

pytestmark = pytest.mark.django_db


class Killed(BaseException):
    """The process dying: no handler of the sending catches it, nothing after it runs."""


class DyingBackend(EmailBackend):
    """The SMTP backend, counting the connections it opens; the process dies when ``lives`` run out."""

    lives = None  # messages sent before the process dies; None: it does not
    opened = 0

    def open(self):
        created = super().open()
        DyingBackend.opened += bool(created)
        return created

    def send_messages(self, messages):
        if DyingBackend.lives is not None:
            if DyingBackend.lives == 0:
                raise Killed
            DyingBackend.lives -= 1
        return super().send_messages(messages)


@pytest.fixture
def dying(smtp_server, settings):
    settings.EMAIL_BACKEND = f"{__name__}.DyingBackend"
    DyingBackend.lives, DyingBackend.opened = None, 0
    yield smtp_server.inbox
    DyingBackend.lives = None


def daily_subscribers(*names):
    return [subscribe(f"{name}@example.ir", "عوارض", "q=عوارض", "daily", confirmed=True).pk for name in names]


def test_a_run_that_dies_mid_batch_loses_nothing_and_sends_nothing_twice(
    dying, site_url, site_tree, archive, import_files, django_capture_on_commit_callbacks
):
    ids = daily_subscribers("a", "b", "c", "d")
    publish(archive, import_files, django_capture_on_commit_callbacks, "fees.md", fee_meeting())
    assert sorted(sending.due_searches()) == sorted(ids)

    DyingBackend.lives = 2
    with pytest.raises(Killed):
        sending.send_digests(sending.due_searches())
    assert len(dying.messages) == 2
    assert DyingBackend.opened == 1  # one connection for the batch
    sent = set(AlertItem.objects.filter(sent_at__isnull=False).values_list("search_id", flat=True))
    assert len(sent) == 2  # each accepted digest was recorded at once
    left = sorted(set(ids) - sent)
    held = AlertItem.objects.filter(search_id__in=left)
    assert held.filter(sent_at__isnull=True, claim__isnull=False).count() == held.count() > 0

    # While the dead run's claim lasts nobody sends its digests; then the next run does, once.
    assert sending.due_searches() == []
    assert set(sending.send_digests(ids).values()) == {sending.Outcome.HELD, sending.Outcome.NOT_DUE}
    assert len(dying.messages) == 2
    later = timezone.now() + sending.LEASE + datetime.timedelta(minutes=1)
    assert sorted(sending.due_searches(now=later)) == left
    DyingBackend.lives, DyingBackend.opened = None, 0
    assert set(sending.send_digests(left, now=later).values()) == {sending.Outcome.SENT}
    assert DyingBackend.opened == 1
    recipients = sorted(message["To"] for message in dying.messages)
    assert recipients == ["a@example.ir", "b@example.ir", "c@example.ir", "d@example.ir"]
    assert not AlertItem.objects.filter(sent_at__isnull=True).exists()
    match_changes.call()
    assert set(sending.send_digests(ids, now=later, force=True).values()) == {sending.Outcome.NOTHING}
    assert len(dying.messages) == 4


def test_a_bounce_and_a_deferral_in_a_batch_leave_the_others_sent_over_one_connection(
    dying, site_url, site_tree, archive, import_files, django_capture_on_commit_callbacks
):
    dying.refuse.add("gone@example.ir")
    dying.defer.add("busy@example.ir")
    ids = dict(zip(["ok", "gone", "busy", "fine"], daily_subscribers("ok", "gone", "busy", "fine"), strict=True))
    publish(archive, import_files, django_capture_on_commit_callbacks, "fees.md", fee_meeting())

    outcomes = sending.send_digests(sending.due_searches())
    assert outcomes == {
        ids["ok"]: sending.Outcome.SENT,
        ids["gone"]: sending.Outcome.BOUNCED,
        ids["busy"]: sending.Outcome.RETRY,
        ids["fine"]: sending.Outcome.SENT,
    }
    assert DyingBackend.opened == 1
    assert sorted(m["To"] for m in dying.messages) == ["fine@example.ir", "ok@example.ir"]
    busy = SavedSearch.objects.get(pk=ids["busy"])
    assert busy.attempts == 1
    waiting = AlertItem.objects.filter(search=busy)
    assert waiting.filter(sent_at__isnull=True, claim__isnull=True).count() == waiting.count() > 0  # released

    dying.defer.clear()
    later = busy.retry_at + datetime.timedelta(seconds=1)
    assert sending.due_searches(now=later) == [busy.pk]
    assert sending.send_digests([busy.pk], now=later) == {busy.pk: sending.Outcome.SENT}
    assert dying.to("busy@example.ir")
