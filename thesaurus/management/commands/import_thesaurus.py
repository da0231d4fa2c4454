"""python manage.py import_thesaurus FILE [--format turtle|xml|csv] — SKOS or CSV into the thesaurus.

Concepts are created or updated by slug; the file is checked whole first (cycles in broader,
duplicate labels, broken IRIs, bad encoding) and a refused file changes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thesaurus import exchange


class Command(BaseCommand):
    help = "Import a thesaurus file (SKOS Turtle/RDF-XML or CSV); a bad file is refused whole."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--format", choices=["turtle", "xml", "csv"], help="default: from the file's extension")

    def handle(self, *args, path, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"{path}: no such file")
        fmt = options["format"] or exchange_format(file.name)
        try:
            created, updated = exchange.import_file(file.read_bytes(), fmt)
        except exchange.ThesaurusError as error:
            raise CommandError(f"{path}: refused, nothing changed\n{error}") from None
        self.stdout.write(f"thesaurus: {created} concepts created, {updated} updated from {path}")


def exchange_format(name):
    name = name.lower()
    if name.endswith(".csv"):
        return "csv"
    if name.endswith((".rdf", ".xml", ".owl")):
        return "xml"
    return "turtle"
