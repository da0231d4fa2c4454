"""The best-practice record type, as the registry knows it."""

from persian.markdown import plain_text
from records.registry import RecordType, SearchItem, register

from .models import BestPracticePage, PracticeIndexPage


def search_items(page):
    text = "\n".join(filter(None, [page.summary, plain_text(page.body), page.results, page.contact]))
    places = (page.province.name, page.municipality.name if page.municipality else "")
    return [SearchItem("practice", page.ref, page.title, page.url, text, tuple(name for name in places if name))]


PRACTICE = RecordType(
    name="practice",
    model=BestPracticePage,
    index_model=PracticeIndexPage,
    section="practices",
    section_title="تجربه‌های موفق",
    label="تجربه موفق",
    plural="تجربه‌های موفق",
    archive_handler="practices.archive.PracticeHandler",
    search_items=search_items,
    staff_may_propose=True,
)


def register_type():
    register(PRACTICE)
