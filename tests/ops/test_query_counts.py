"""The home page's queries stay few, and published() still hides what a view restriction closes."""

import pytest

from records.publication import published


@pytest.fixture
def records(corpus):
    from meetings.models import MeetingPage

    return MeetingPage.objects.order_by("ref")


@pytest.mark.django_db
def test_published_hides_a_restricted_section_like_wagtails_public(records):
    from wagtail.models import Page, PageViewRestriction

    from agreements.models import AgreementPage
    from meetings.models import MeetingPage

    closed = records.first()
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.PASSWORD, password="x")
    for model in (MeetingPage, AgreementPage, Page):
        assert set(published(model)) == set(model.objects.live().public())
    assert closed not in set(published(MeetingPage))
    assert set(published(MeetingPage)) == set(records.exclude(pk=closed.pk))

    section = closed.get_parent()
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert not published(MeetingPage).exists(), "every meeting lies under the closed section"


@pytest.mark.django_db
def test_the_home_page_runs_few_queries(client, records, django_assert_max_num_queries):
    client.get("/")  # Wagtail's site root paths are cached after the first request
    with django_assert_max_num_queries(16):
        response = client.get("/")
    assert response.status_code == 200
