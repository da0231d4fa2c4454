"""The thesaurus as CSV, one concept a row, for spreadsheets: ``slug, pref_label, alt_labels,
broader, related, topic, definition, iri``; lists inside a cell are separated by «|»."""

import csv
import io

from .entries import Entry, ThesaurusError
from .skos import decode

COLUMNS = ("slug", "pref_label", "alt_labels", "broader", "related", "topic", "definition", "iri")


def _cells(value):
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def read(data):
    text = decode(data)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [name for name in ("slug", "pref_label") if name not in (reader.fieldnames or [])]
    if missing:
        raise ThesaurusError([(1, f"ستون‌های {'، '.join(missing)} در سطر نخست نیست.")])
    entries = []
    for row in reader:
        if None in row:
            raise ThesaurusError([(reader.line_num, "این سطر ستون‌های بیشتری از سطر نخست دارد.")])
        entries.append(
            Entry(
                slug=(row.get("slug") or "").strip(),
                pref_label=(row.get("pref_label") or "").strip(),
                line=reader.line_num,
                alt_labels=_cells(row.get("alt_labels")),
                broader=_cells(row.get("broader")),
                related=_cells(row.get("related")),
                topic=(row.get("topic") or "").strip(),
                definition=(row.get("definition") or "").strip(),
                iri=(row.get("iri") or "").strip(),
            )
        )
    return entries


def write(entries):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in entries:
        row = (e.slug, e.pref_label, "|".join(e.alt_labels), "|".join(e.broader), "|".join(e.related))
        writer.writerow((*row, e.topic, e.definition, e.iri))
    return out.getvalue()
