"""Download counts shown on each document and, as «پربازدیدترین اسناد», on the admin dashboard."""

import pytest

from portal.downloads import most_downloaded, times_downloaded

pytestmark = pytest.mark.django_db


@pytest.fixture
def downloaded(client, desk_pages):
    annex = desk_pages.agreement.documents.get(document__title__icontains="annex").document
    for _ in range(3):
        assert client.get(annex.url).status_code == 200
    qom_scan = desk_pages.qom.documents.first()
    return desk_pages, annex, qom_scan


def test_each_download_is_counted_and_shown_on_the_record(client, downloaded):
    records, annex, _ = downloaded
    assert times_downloaded(annex) == 3
    html = client.get(records.agreement.url).content.decode()
    assert '<span class="download__count">۳ بار دریافت</span>' in html


def test_most_downloaded_lists_by_count_within_the_province(client, downloaded, desk):
    records, annex, _ = downloaded
    rows = most_downloaded()
    assert [(row["document"], row["count"], row["record"]) for row in rows][:1] == [(annex, 3, records.agreement)]
    assert most_downloaded(provinces={records.qzv.province_id}) == []
    client.force_login(desk.qom_editor)
    dashboard = client.get("/admin/").content.decode()
    assert "پربازدیدترین اسناد" in dashboard and "۳ بار" in dashboard
    client.force_login(desk.qzv_editor)
    assert "هنوز سندی دریافت نشده است" in client.get("/admin/").content.decode()
