"""The pages around saved searches: bad input gets a Persian message and a 4xx, never a 500."""

from unittest import mock

from django.core import mail, signing
from django.db.models import Max
import pytest

from alerts import tokens
from alerts.matching import match_changes
from alerts.models import RecordChange, SavedSearch
from alerts.subscriptions import subscribe
from places.models import Municipality, Province, Topic

pytestmark = pytest.mark.django_db

FOLLOW = "/alerts/follow/"


def post_follow(client, capture, **data):
    fields = {"query": "q=عوارض", "name": "عوارض", "frequency": "daily", "email": "a@example.ir", **data}
    with capture(execute=True):
        return client.post(FOLLOW, fields, REMOTE_ADDR=data.pop("ip", "10.0.0.1"))


def test_the_search_page_offers_to_follow_its_search(client, site_tree):
    page = client.get("/search/", {"q": "عوارض", "province": "قم", "page": "2"}).content.decode()
    assert "مرا باخبر کن" in page
    assert 'name="email"' in page  # an anonymous visitor gives an address
    assert 'value="q=%D8%B9%D9%88%D8%A7%D8%B1%D8%B6&amp;province=%D9%82%D9%85&amp;page=2"' in page


def test_malformed_address_and_invalid_facets_are_refused_in_persian(
    client, site_tree, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    bad = post_follow(client, capture, email="not-an-address")
    assert bad.status_code == 400
    assert "نشانی ایمیل درست نیست" in bad.content.decode()
    unknown = post_follow(client, capture, query="province=ناکجاآباد")
    assert unknown.status_code == 400
    assert "استان «ناکجاآباد» شناخته نیست" in unknown.content.decode()
    year = post_follow(client, capture, query="year=abc")
    assert year.status_code == 400
    assert not SavedSearch.objects.exists() and not mail.outbox
    frequency = post_follow(client, capture, frequency="hourly")
    assert frequency.status_code == 400
    assert "بسامد ارسال شناخته نیست" in frequency.content.decode()
    assert client.get(FOLLOW).status_code == 405


def test_page_and_garbage_parameters_are_not_saved(client, site_tree, django_capture_on_commit_callbacks):
    post_follow(client, django_capture_on_commit_callbacks, query="q=عوارض&page=3&utm=x&province=قم")
    assert SavedSearch.objects.get().query == "q=%D8%B9%D9%88%D8%A7%D8%B1%D8%B6&province=%D9%82%D9%85"
    (confirmation,) = mail.outbox
    assert confirmation.subject == "هم‌اندیشی: تأیید اشتراک «عوارض»"


def test_rate_limit_per_address_and_per_ip(client, site_tree, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    for n in range(5):
        assert post_follow(client, capture, email="flood@example.ir", ip=f"10.0.1.{n}").status_code == 200
    refused = post_follow(client, capture, email="flood@example.ir", ip="10.0.2.1")
    assert refused.status_code == 429
    assert "بیش از اندازه" in refused.content.decode()
    for n in range(5):
        assert post_follow(client, capture, email=f"x{n}@example.ir", ip="10.0.3.3").status_code == 200
    assert post_follow(client, capture, email="new@example.ir", ip="10.0.3.3").status_code == 429
    assert SavedSearch.objects.count() == 10 and len(mail.outbox) == 10


def test_forged_and_expired_links_are_refused(client, site_tree):
    saved = subscribe("a@example.ir", "عوارض", "q=عوارض", "daily")
    good = tokens.make(tokens.CONFIRM, saved.pk)
    for path in (f"/alerts/confirm/{good}x/", "/alerts/confirm/garbage/", f"/alerts/unsubscribe/{good}/"):
        response = client.get(path)  # a confirmation token does not unsubscribe either (its own salt)
        assert response.status_code == 400
        assert "این پیوند معتبر نیست" in response.content.decode()
    forged = signing.dumps(saved.pk, salt=tokens.CONFIRM, key="not-the-site-key")
    assert client.get(f"/alerts/confirm/{forged}/").status_code == 400
    with mock.patch("django.core.signing.time.time", return_value=1_000_000):
        old = tokens.make(tokens.CONFIRM, saved.pk)
        old_manage = tokens.make(tokens.MANAGE, saved.address.pk)
    expired = client.get(f"/alerts/confirm/{old}/")
    assert expired.status_code == 400
    assert "منقضی" in expired.content.decode()
    assert client.get(f"/alerts/manage/{old_manage}/").status_code == 400
    assert client.post(f"/alerts/unsubscribe/{old}/").status_code == 400
    saved.refresh_from_db()
    assert saved.confirmed_at is None
    assert client.get(f"/alerts/confirm/{good}/").status_code == 200


def test_a_saved_search_whose_facets_no_longer_parse_is_marked_not_crashed(site_tree, client):
    topic = Topic.objects.create(name="موضوع موقت")
    saved = subscribe("a@example.ir", "موقت", "topic=موضوع+موقت", "daily", confirmed=True)
    topic.delete()
    page = site_tree["meetings"]
    RecordChange.objects.create(page=page, version=1)
    match_changes()
    saved.refresh_from_db()
    assert "شناخته نیست" in saved.invalid
    assert saved.seen_change == RecordChange.objects.aggregate(m=Max("pk"))["m"]
    manage = client.get(f"/alerts/manage/{tokens.make(tokens.MANAGE, saved.address.pk)}/")
    assert manage.status_code == 200
    assert "شناخته نیست" in manage.content.decode()


def test_my_subscriptions_signed_in(client, site_tree, django_user_model, django_capture_on_commit_callbacks):
    user = django_user_model.objects.create_user("mayor", "mayor@example.ir", "pw")
    other = subscribe("other@example.ir", "دیگری", "q=پسماند", "daily", confirmed=True)
    client.force_login(user)
    response = post_follow(client, django_capture_on_commit_callbacks, email="")
    assert response.status_code == 302 and response["Location"] == "/alerts/mine/?saved=1"
    saved = SavedSearch.objects.get(user=user)
    assert saved.confirmed_at is not None and saved.address.email == "mayor@example.ir"
    assert not mail.outbox  # the account's own address needs no confirmation
    page = client.get("/alerts/mine/").content.decode()
    assert "اشتراک‌های من" in page and "«عوارض»" in page and "دیگری" not in page

    client.post("/alerts/mine/", {"search": saved.pk, "action": "rename", "name": "عوارض نوسازی"})
    client.post("/alerts/mine/", {"search": saved.pk, "action": "frequency", "frequency": "weekly"})
    client.post("/alerts/mine/", {"search": saved.pk, "action": "pause"})
    saved.refresh_from_db()
    assert (saved.name, saved.frequency, saved.paused) == ("عوارض نوسازی", "weekly", True)
    assert not SavedSearch.objects.active().filter(pk=saved.pk).exists()
    client.post("/alerts/mine/", {"search": saved.pk, "action": "resume"})
    assert SavedSearch.objects.active().filter(pk=saved.pk).exists()

    theirs = client.post("/alerts/mine/", {"search": other.pk, "action": "delete"})
    assert theirs.status_code == 404
    assert SavedSearch.objects.filter(pk=other.pk).exists()
    for bad in ({"search": "x", "action": "delete"}, {"search": saved.pk, "action": "explode"}):
        response = client.post("/alerts/mine/", bad)
        assert response.status_code == 400
        assert "شناخته نیست" in response.content.decode()
    empty = client.post("/alerts/mine/", {"search": saved.pk, "action": "rename", "name": " "})
    assert empty.status_code == 400
    client.post("/alerts/mine/", {"search": saved.pk, "action": "delete"})
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()


def test_an_anonymous_address_manages_its_searches_through_the_signed_link(client, site_tree):
    mine = subscribe("a@example.ir", "عوارض", "q=عوارض", "daily")
    subscribe("b@example.ir", "دیگری", "q=پسماند", "daily")
    link = f"/alerts/manage/{tokens.make(tokens.MANAGE, mine.address.pk)}/"
    page = client.get(link).content.decode()
    assert "a@example.ir" in page and "عوارض" in page and "دیگری" not in page
    assert client.post(link, {"search": mine.pk, "action": "frequency", "frequency": "immediate"}).status_code == 302
    mine.refresh_from_db()
    assert mine.frequency == "immediate"
    assert "وارد شوید" in client.get("/alerts/mine/").content.decode()


def test_a_province_office_subscribes_its_municipalities(client, desk):
    qom = Province.objects.get(code="QOM")
    kahak = Municipality.objects.get(province=qom, name="کهک")
    qazvin_town = Municipality.objects.filter(province__code="QZV").first()
    client.force_login(desk.qom_editor)
    page = client.get("/admin/alerts/municipalities/")
    assert page.status_code == 200 and "اشتراک شهرداری‌ها" in page.content.decode()
    added = client.post(
        "/admin/alerts/municipalities/", {"municipality": kahak.pk, "email": "kahak@example.ir", "frequency": "weekly"}
    )
    assert added.status_code == 302
    saved = SavedSearch.objects.get(municipality=kahak)
    assert saved.confirmed_at is not None and saved.query == "province=%D9%82%D9%85"
    refused = client.post(
        "/admin/alerts/municipalities/",
        {"municipality": qazvin_town.pk, "email": "qzv@example.ir", "frequency": "weekly"},
    )
    assert refused.status_code == 400
    assert "این شهرداری از استان شما نیست" in refused.content.decode()
    client.force_login(desk.qzv_editor)
    assert "kahak@example.ir" not in client.get("/admin/alerts/municipalities/").content.decode()
    client.post("/admin/alerts/municipalities/", {"delete": saved.pk})
    assert SavedSearch.objects.filter(pk=saved.pk).exists()  # not theirs
    client.force_login(desk.kahak_staff)
    assert client.get("/admin/alerts/municipalities/").status_code in (302, 403)
