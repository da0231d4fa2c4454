from django.core.management.base import BaseCommand, CommandError

from portal.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back the whole portal up into a new directory: the database (every table) and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a directory that does not exist yet, or is empty")

    def handle(self, *args, path, **options):
        try:
            manifest = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counted = ", ".join(f"{value} {name}" for name, value in manifest["counts"].items())
        files = manifest["media_files"]
        self.stdout.write(f"backed up the {manifest['engine']} database ({counted}) and {files} media files to {path}")
