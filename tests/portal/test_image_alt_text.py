"""Every image newly attached to a record says what it shows; the page uses it as the alt text."""

from django.core.files.images import ImageFile
import pytest
from wagtail.images.models import Image

from records.forms import ALT_TEXT_REQUIRED
from tests.forms import dict_of_lists, form_data, replace
from tests.portal.test_admin import edit_url, editor_client, meeting  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(tmp_path):
    from tests.conftest import make_png

    path = tmp_path / "IMG_2041.png"
    make_png(path)
    with path.open("rb") as handle:
        return Image.objects.create(title="IMG_2041.png", file=ImageFile(handle, name="IMG_2041.png"))


def with_new_image(data, photo, caption):
    data = replace(data, "images-TOTAL_FORMS", "1")
    return data + [("images-0-image", str(photo.pk)), ("images-0-caption", caption), ("images-0-ORDER", "1")]


def test_a_new_image_without_a_caption_or_description_is_refused(editor_client, meeting, photo):  # noqa: F811
    data = form_data(editor_client.get(edit_url(meeting)).content.decode(), "page-edit-form")
    response = editor_client.post(edit_url(meeting), dict_of_lists(with_new_image(data, photo, "")))
    assert response.status_code == 200
    assert ALT_TEXT_REQUIRED in response.content.decode()
    assert not meeting.get_latest_revision_as_object().images.exists()


def test_its_caption_becomes_the_alt_text(client, editor_client, meeting, photo):  # noqa: F811
    data = form_data(editor_client.get(edit_url(meeting)).content.decode(), "page-edit-form")
    data = with_new_image(data, photo, "بازدید شهرداران از سایت دفن")
    data = data + [("action-publish", "action-publish")]
    response = editor_client.post(edit_url(meeting), dict_of_lists(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    html = client.get(meeting.url).content.decode()
    assert 'alt="بازدید شهرداران از سایت دفن"' in html
    assert 'alt="IMG_2041.png"' not in html


def test_an_image_described_in_the_library_needs_no_caption(editor_client, meeting, photo):  # noqa: F811
    photo.description = "نقشه محدوده سایت دفن"
    photo.save()
    data = form_data(editor_client.get(edit_url(meeting)).content.decode(), "page-edit-form")
    response = editor_client.post(edit_url(meeting), dict_of_lists(with_new_image(data, photo, "")))
    assert response.status_code == 302
