"""python manage.py search_catch_up — replay the index writes the search cluster missed while down."""

from django.core.management.base import BaseCommand, CommandError

from search import outbox
from search.backends.configured import cluster_backend
from search.backends.resting import mark_up


class Command(BaseCommand):
    help = "Send the search cluster every index write it missed while it was unavailable."

    def handle(self, *args, **options):
        engine = cluster_backend()
        if engine is None:
            self.stdout.write("search runs on the database backend: nothing to catch up")
            return
        waiting = outbox.pending()
        try:
            done = outbox.replay(engine)
        except engine.unavailable as error:
            raise CommandError(f"search cluster still unavailable ({error}); {waiting} write(s) wait") from error
        mark_up()
        self.stdout.write(self.style.SUCCESS(f"{done} index write(s) replayed; none waiting"))
