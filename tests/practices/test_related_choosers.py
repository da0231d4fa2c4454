"""A practice's related resolutions and agreements, and an agreement's approving resolution, are picked in
chooser modals: the editor writes only the chosen records into the page, the modals list published
records a page at a time, and a draft's records are never named."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse
import pytest

from meetings.models import Resolution
from persian.jalali import parse_date
from practices.models import BestPracticePage
from tests.factories import QomAgreementFactory, QomMeetingFactory
from tests.factories.practices import BestPracticePageFactory
from tests.forms import dict_of_lists, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    client.force_login(get_user_model().objects.create_superuser("office", "office@example.org", "pass"))
    return client


@pytest.fixture
def records(site_tree):
    meeting = QomMeetingFactory()
    draft = QomMeetingFactory(
        ref="QOM-1404-05", date=parse_date("1404/05/01"), resolutions=[{"number": 1, "text": "پیش‌نویس."}]
    )
    draft.unpublish()
    agreement = QomAgreementFactory()
    practice = BestPracticePageFactory(related_resolutions=[meeting.resolutions.get(number=1)])
    return {"meeting": meeting, "draft": draft, "agreement": agreement, "practice": practice}


def listed(office, viewset, **params):
    response = office.get(reverse(f"{viewset}:choose_results"), params)
    assert response.status_code == 200
    return re.findall(r"(QOM-[\w-]+(?:#\d+)?) —", response.content.decode())


def hidden_options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="(\d+)"', select)


def test_the_practice_editor_writes_only_the_chosen_records(office, records):
    practice = records["practice"]
    html = office.get(f"/admin/pages/{practice.pk}/edit/").content.decode()
    chosen = records["meeting"].resolutions.get(number=1)
    assert hidden_options(html, "related_resolutions") == [str(chosen.pk)]
    assert hidden_options(html, "related_agreements") == []
    assert f"{chosen.ref} —" in html and "افزودن مصوبه" in html and "افزودن تفاهم‌نامه" in html
    assert "QOM-1403-11#2" not in html  # an unchosen resolution is not written into the page


def test_the_modals_list_published_records_only(office, records):
    resolutions = listed(office, "published_resolutions")
    assert "QOM-1403-11#1" in resolutions and "QOM-1403-11#2" in resolutions
    assert not any(ref.startswith("QOM-1404-05") for ref in resolutions)
    assert listed(office, "published_resolutions", q="نشست بعد") == ["QOM-1403-11#2"]
    assert listed(office, "published_agreements") == [records["agreement"].ref]
    assert listed(office, "published_agreements", multiple="1") == [records["agreement"].ref]
    hidden = records["draft"].resolutions.get()
    assert office.get(reverse("published_resolutions:chosen", args=[hidden.pk])).status_code == 404
    response = office.get(reverse("published_resolutions:chosen_multiple"), {"id": [hidden.pk, "x"]})
    assert response.status_code == 200 and response.json()["result"] == []


def test_saving_keeps_the_chosen_records_and_takes_new_ones(office, records):
    practice = records["practice"]
    url = f"/admin/pages/{practice.pk}/edit/"
    data = form_data(office.get(url).content.decode(), "page-edit-form")
    added = Resolution.objects.get(meeting=records["meeting"], number=2)
    data += [("related_resolutions", str(added.pk)), ("related_agreements", str(records["agreement"].pk))]
    data.append(("action-publish", "action-publish"))
    response = office.post(url, dict_of_lists(data))
    assert response.status_code == 302, response.content.decode()[:2000]
    practice = BestPracticePage.objects.get(pk=practice.pk)
    assert sorted(r.number for r in practice.related_resolutions.all()) == [1, 2]
    assert [a.ref for a in practice.related_agreements.all()] == [records["agreement"].ref]


def test_the_agreement_editor_shows_its_approving_resolution_not_every_one(office, records):
    agreement = records["agreement"]
    html = office.get(f"/admin/pages/{agreement.pk}/edit/").content.decode()
    assert f"{agreement.approved_by.ref} —" in html
    assert '<select name="approved_by"' not in html and "QOM-1403-11#2" not in html
