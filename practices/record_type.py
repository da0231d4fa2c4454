"""The best-practice record type, as the registry knows it."""

from records.registry import RecordType, record_item, register

from . import open_data
from .models import BestPracticePage, PracticeIndexPage


def search_items(page):
    return [record_item(page, "practice", page.results, page.contact)]


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
    columns=open_data.COLUMNS,
)


def register_type():
    register(PRACTICE)
