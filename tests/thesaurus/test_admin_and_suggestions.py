"""The thesaurus in the admin (snippet form checks, import/export screen) and topic suggestions."""

from django.core.files.uploadedfile import SimpleUploadedFile
import pytest

from places.models import Topic
from thesaurus.exchange import Entry, apply
from thesaurus.models import Concept
from thesaurus.suggest import suggested_topics

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(db):
    waste = Topic.objects.create(name="مدیریت پسماند")
    apply(
        [
            Entry(slug="waste", pref_label="مدیریت پسماند", alt_labels=["مدیریت زباله"], topic=waste.name),
            Entry(slug="landfill", pref_label="دفن بهداشتی", alt_labels=["لندفیل"], broader=["waste"]),
        ]
    )
    return waste


def test_topics_are_suggested_from_the_concepts_a_text_uses(small):
    suggestions = suggested_topics("لندفیل مشترک پنج شهر در پهنه جنوبی آماده شد.")
    assert suggestions == [(small, ["دفن بهداشتی"])]  # through the broader concept's topic
    assert suggested_topics("بیمه تکمیلی کارکنان") == []


def test_the_admin_import_refuses_a_bad_file_and_accepts_a_good_one(admin_client, small):
    url = "/admin/thesaurus/exchange/"
    bad = "slug,pref_label,broader\nwaste,مدیریت پسماند,landfill\n".encode()
    response = admin_client.post(url, {"format": "csv", "file": SimpleUploadedFile("t.csv", bad)})
    assert response.status_code == 200
    assert "سطر 2: دور در رابطه عام‌تر" in response.content.decode()
    assert list(Concept.objects.get(slug="waste").broader.all()) == []
    good = "slug,pref_label,alt_labels\ncompost,کمپوست,کود آلی\n".encode()
    response = admin_client.post(url, {"format": "csv", "file": SimpleUploadedFile("t.csv", good)})
    assert response.status_code == 302 and Concept.objects.get(slug="compost").alt_label_list == ["کود آلی"]
    export = admin_client.get(url, {"export": "turtle"})
    assert export["Content-Type"].startswith("text/turtle") and "کمپوست" in export.content.decode()


def test_the_snippet_form_refuses_a_label_another_concept_has(admin_client, small):
    landfill = Concept.objects.get(slug="landfill")
    response = admin_client.post(
        f"/admin/snippets/thesaurus/concept/edit/{landfill.pk}/",
        {"pref_label": "دفن بهداشتی", "alt_labels": "مدیریت زباله", "slug": "landfill", "definition": "", "iri": ""},
    )
    assert response.status_code == 200
    assert "پیش‌تر برای مفهوم «waste»" in response.content.decode()
    assert Concept.objects.get(slug="landfill").alt_label_list == ["لندفیل"]


def test_the_admin_exchange_screen_is_for_editors_only(client, small):
    assert client.get("/admin/thesaurus/exchange/").status_code in (302, 403)
