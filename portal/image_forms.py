"""The admin's image upload form, with the refusals Wagtail leaves untranslated said in Persian."""

from django.conf import settings
from wagtail.images.forms import BaseImageForm

from persian.text import to_persian_digits


def _megapixels(pixels):
    return to_persian_digits(f"{pixels / 1e6:g}")


class PersianImageForm(BaseImageForm):
    """``WAGTAILIMAGES_IMAGE_FORM_BASE``: Wagtail checks the pixel count (``WAGTAILIMAGES_MAX_IMAGE_PIXELS``)
    from the image's header before anything is decoded; this only words its refusal."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is None:
            return
        limit = _megapixels(settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS)
        field.error_messages["file_too_many_pixels"] = (
            f"این تصویر بیش از {limit} مگاپیکسل است؛ آن را کوچک‌تر کنید و دوباره بفرستید."
        )
        field.error_messages["invalid_image_known_format"] = (
            "این فایل تصویر .%(extension)s نیست: محتوای آن %(image_format)s است و با پسوند نمی‌خواند."
        )
