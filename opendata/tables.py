"""The open-data tables: one of the records of each registered type (the columns every record shares,
then the type's own), then the tables of its parts (a meeting's resolutions and follow-ups). Each value
is written as its column's type says, the same way in CSV and JSON; a date is two columns, ISO and Jalali.
"""

from dataclasses import dataclass

from persian import jalali
from records.publication import published
from records.registry import Column, Table, record_types

LIST_SEPARATOR = " | "
JALALI_SUFFIX = "_jalali"

SHARED_COLUMNS = (
    Column("ref", "text", "شماره سند در بایگانی؛ یکتا", lambda page: page.ref),
    Column("title", "text", "عنوان", lambda page: page.title),
    Column("date", "date", "تاریخ سند", lambda page: page.date),
    Column("province", "text", "استان", lambda page: page.province.name),
    Column(
        "municipality",
        "text",
        "شهرداری، اگر سند از آنِ یک شهرداری است",
        lambda p: p.municipality and p.municipality.name,
    ),
    Column("topics", "list", "موضوع‌ها", lambda page: [topic.name for topic in page.topics.all()]),
    Column("summary", "text", "خلاصه", lambda page: page.summary),
    Column("source", "text", "نشانی منبع بیرونی، اگر هست", lambda page: page.source),
    Column("url", "text", "نشانی صفحه سند در هم‌اندیشی", lambda page: page.full_url),
)

TYPE_MEANINGS = {
    "text": "متن",
    "integer": "عدد صحیح",
    "boolean": "true یا false",
    "date": "تاریخ میلادی ISO 8601 (YYYY-MM-DD)",
    "jalali_date": "تاریخ خورشیدی (YYYY/MM/DD، رقم لاتین)",
    "list": f"فهرست؛ در CSV مقدارها با «{LIST_SEPARATOR.strip()}» جدا شده‌اند، در JSON آرایه",
}


@dataclass(frozen=True)
class Field:
    """A column as written in a file: a date column gives two fields, ``date`` and ``date_jalali``."""

    name: str
    type: str
    meaning: str
    column: Column
    jalali: bool = False

    def json_value(self, row):
        value = self.column.value(row)
        if self.type == "date":
            return value.isoformat() if value else None
        if self.type == "jalali_date":
            return jalali.format_numeric(value, persian_digits=False) or None
        if self.type == "list":
            return list(value or ())
        if self.type == "boolean":
            return bool(value)
        if self.type == "integer":
            return value
        return value or ""

    def csv_value(self, row):
        value = self.json_value(row)
        if self.type == "list":
            return LIST_SEPARATOR.join(value)
        if self.type == "boolean":
            return "true" if value else "false"
        return "" if value is None else value


def fields(columns):
    for column in columns:
        if column.type == "date":
            yield Field(column.name, "date", f"{column.meaning} (میلادی)", column)
            yield Field(f"{column.name}{JALALI_SUFFIX}", "jalali_date", f"{column.meaning} (خورشیدی)", column)
        else:
            yield Field(column.name, column.type, column.meaning, column)


def record_rows(columns):
    prefetch = [relation for column in columns for relation in column.prefetch]

    def rows(records):
        records = records.select_related("province", "municipality").prefetch_related("topics", *prefetch)
        return records.order_by("date", "pk")

    return rows


def tables():
    """(Table, the published records of its type) of every table, in the registry's order."""
    found = []
    for record_type in record_types():
        records = published(record_type.model)
        columns = SHARED_COLUMNS + record_type.columns
        own = Table(record_type.section, record_type.plural, columns, record_rows(columns))
        found += [(own, records), *((table, records) for table in record_type.tables)]
    return found


def dictionary_entry(table):
    return {
        "table": table.name,
        "title": table.title,
        "columns": [{"name": f.name, "type": f.type, "meaning": f.meaning} for f in fields(table.columns)],
    }
