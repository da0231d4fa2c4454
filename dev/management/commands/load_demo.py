"""Load the demo archive and the demo accounts. Safe to run again: nothing is duplicated."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dev.demo.accounts import ensure_demo_accounts
from dev.demo.records import ARCHIVE
from records.archive.batch import import_paths
from records.site_tree import ensure_site_structure
from thesaurus.exchange import load_seed
from thesaurus.models import Concept

DEMO_ADMIN = {"username": "admin", "password": "hamandishi-demo", "email": "admin@hamandishi.local"}


class Command(BaseCommand):
    help = "Import the demo archive (dev/demo/archive), the seed thesaurus, and create the demo accounts."

    def handle(self, *args, **options):
        ensure_site_structure()
        report = import_paths([ARCHIVE], out=self.stdout.write)
        self.stdout.write(report.summary())
        if report.failed:
            raise CommandError("the demo archive did not import cleanly")
        if not Concept.objects.exists():  # the office's own edits are kept on later runs
            created, _ = load_seed()
            self.stdout.write(f"seed thesaurus loaded: {created} concepts")
        users = get_user_model()
        if not users.objects.filter(username=DEMO_ADMIN["username"]).exists():
            users.objects.create_superuser(**DEMO_ADMIN)
            self.stdout.write(f"demo admin created: {DEMO_ADMIN['username']} / {DEMO_ADMIN['password']}")
        ensure_demo_accounts(DEMO_ADMIN["password"], out=self.stdout.write)
