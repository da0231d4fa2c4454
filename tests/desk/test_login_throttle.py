"""Login throttling: repeated failures lock a user name from one address (and an address over many
names) with a Persian page; the office lifts a lock in the admin; X-Forwarded-For counts only behind
configured proxies."""

from axes.models import AccessAttempt
import pytest

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "a-long-and-correct-password"
LOCKED = "ورود موقتاً بسته است"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("qom-office", "office@example.org", PASSWORD)


def attempt(client, username, password, ip="10.0.0.1", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, **headers)


def signed_in(client):
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_are_not_all_tried(client, editor, settings):
    statuses = [attempt(client, "qom-office", f"guess-{n}").status_code for n in range(30)]
    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [200] * (limit - 1)  # the login form again, with its error
    assert statuses[limit - 1 :] == [429] * (30 - limit + 1)
    assert not signed_in(client)


def test_once_locked_the_right_password_is_refused_in_persian(client, editor, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "qom-office", f"guess-{n}")
    response = attempt(client, "qom-office", PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html and "۱۵ دقیقه" in html and 'dir="rtl"' in html
    assert not signed_in(client)


def test_the_same_user_from_another_address_is_not_locked(client, editor, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "qom-office", f"guess-{n}")
    assert attempt(client, "qom-office", PASSWORD).status_code == 429
    assert attempt(client, "qom-office", PASSWORD, ip="10.0.0.2").status_code == 302
    assert signed_in(client)


def test_an_address_guessing_many_names_is_locked_for_every_name(client, editor, settings):
    settings.LOGIN_IP_FAILURE_LIMIT = 8
    for n in range(7):
        assert attempt(client, f"someone-{n}", "guess").status_code == 200  # never 5 on one name
    assert attempt(client, "someone-7", "guess").status_code == 429
    assert attempt(client, "qom-office", PASSWORD).status_code == 429
    assert attempt(client, "qom-office", PASSWORD, ip="10.0.0.2").status_code == 302


def test_forwarded_for_is_ignored_without_a_configured_proxy(client, editor, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "qom-office", "guess", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert attempt(client, "qom-office", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.1"}


def test_behind_a_configured_proxy_the_forwarded_address_counts(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "qom-office", "guess", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert attempt(client, "qom-office", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    assert attempt(client, "qom-office", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 302


def test_the_office_unlocks_in_the_admin(client, editor, django_user_model, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "qom-office", f"guess-{n}")
    assert attempt(client, "qom-office", PASSWORD).status_code == 429

    office = client_class_for(client)
    office.force_login(django_user_model.objects.create_superuser("director", "d@example.org", "x"))
    page = office.get("/admin/login-lockouts/").content.decode()
    assert "قفل‌های ورود" in page and "qom-office" in page and "10.0.0.1" in page
    assert "/admin/login-lockouts/" in office.get("/admin/").content.decode()  # in the Settings menu
    response = office.post("/admin/login-lockouts/", {"ip_address": "10.0.0.1", "username": "qom-office"})
    assert response.status_code == 302
    after = office.get("/admin/login-lockouts/").content.decode()
    assert "قفل ورود «qom-office» از نشانی 10.0.0.1 باز شد." in after
    assert 'id="lockouts"' not in after and "اکنون هیچ ورودی قفل نیست" in after

    assert attempt(client, "qom-office", PASSWORD).status_code == 302
    assert signed_in(client)


def test_only_superusers_see_the_lockouts(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("qom-editor", password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/login-lockouts/").status_code in (302, 403)
    assert "/admin/login-lockouts/" not in client.get("/admin/").content.decode()


def client_class_for(client):
    return type(client)()
