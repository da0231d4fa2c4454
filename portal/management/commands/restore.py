from django.core.management.base import BaseCommand, CommandError

from portal.ops.backup import BackupError, counts, restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into the configured database and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup's directory")
        parser.add_argument(
            "--force", action="store_true", help="replace a database or MEDIA_ROOT that already holds data"
        )

    def handle(self, *args, path, force, **options):
        try:
            manifest = restore(path, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        restored = counts()
        counted = ", ".join(f"{value} {name}" for name, value in restored.items())
        self.stdout.write(f"restored the backup of {manifest['created']}: {counted}")
        if restored != manifest["counts"]:
            raise CommandError(f"the restored database differs from the backup's counts: {manifest['counts']}")
        self.stdout.write("with a search cluster (ELASTICSEARCH_URL), rebuild its index: manage.py update_index")
