"""Wagtail documents (real PDF content) and images (real PNG content), to attach to a record through
its document and image rows."""

import io

from django.core.files.base import ContentFile
import factory
from factory.django import DjangoModelFactory
from fpdf import FPDF
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike


def pdf_bytes(text="Hamandishi test document"):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


class DocumentFactory(DjangoModelFactory):
    """A PDF document titled like the file name the importer would give it."""

    class Meta:
        model = get_document_model()

    class Params:
        text = "Hamandishi test document"
        content = factory.LazyAttribute(lambda document: pdf_bytes(document.text))

    title = factory.Sequence(lambda n: f"document-{n}.pdf")
    file = factory.LazyAttribute(lambda document: ContentFile(document.content, name=document.title))
    file_size = factory.LazyAttribute(lambda document: len(document.content))
    file_hash = factory.LazyAttribute(lambda document: hash_filelike(io.BytesIO(document.content)))


def png_bytes(size=(64, 40), color=(11, 110, 105)):
    output = io.BytesIO()
    Image.new("RGB", size, color).save(output, "PNG")
    return output.getvalue()


class ImageFactory(DjangoModelFactory):
    class Meta:
        model = get_image_model()

    class Params:
        content = factory.LazyFunction(png_bytes)

    title = factory.Sequence(lambda n: f"image-{n}.png")
    file = factory.LazyAttribute(lambda image: ContentFile(image.content, name=image.title))
    file_size = factory.LazyAttribute(lambda image: len(image.content))
    file_hash = factory.LazyAttribute(lambda image: hash_filelike(io.BytesIO(image.content)))
