"""python manage.py rebuild_search_entries — recreate every search entry from the published records."""

from django.core.management.base import BaseCommand

from search.indexing import rebuild


class Command(BaseCommand):
    help = "Recreate the search entries (meetings, resolutions, agreements, practices) of every published record."

    def handle(self, *args, **options):
        count = rebuild(out=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"search entries rebuilt for {count} record(s)"))
