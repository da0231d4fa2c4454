"""Driving the Wagtail admin as a desk user, the way the browser would."""

from django.contrib.messages import get_messages

from tests.forms import form_data, replace

DENIED = "متاسفانه مجوز لازم برای دسترسی به این بخش را ندارید."


def as_user(client, user):
    client.force_login(user)
    return client


def assert_denied(response):
    """Wagtail's admin answers a refused page action by a redirect to the dashboard with its message."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
        assert DENIED in [str(m).strip() for m in get_messages(response.wsgi_request)]


def add_url(index):
    return f"/admin/pages/add/meetings/meetingpage/{index.pk}/"


def new_meeting_data(client, index, province_pk, **fields):
    data = form_data(client.get(add_url(index)).content.decode(), "page-edit-form")
    values = {"title": "نشست تازه", "slug": "new-meeting", "ref": "QOM-1404-99", "date": "1404/05/01"}
    values.update(fields)
    for name, value in values.items():
        data = replace(data, name, value)
    data = [(k, v) for k, v in data if k != "province"] + [("province", str(province_pk))]
    return data
