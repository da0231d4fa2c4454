"""python manage.py export_thesaurus [--format turtle|xml|csv] [--output FILE] — the thesaurus out."""

from pathlib import Path

from django.core.management.base import BaseCommand

from thesaurus import exchange


class Command(BaseCommand):
    help = "Export the thesaurus as SKOS (Turtle or RDF/XML) or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["turtle", "xml", "csv"], default="turtle")
        parser.add_argument("--output", "-o", help="a file; default: standard output")

    def handle(self, *args, **options):
        text = exchange.export_text(options["format"])
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
