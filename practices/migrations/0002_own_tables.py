from django.db import migrations


class Migration(migrations.Migration):
    """The tables take this app's name (their many-to-many tables with them); nothing else changes."""

    dependencies = [
        ('practices', '0001_from_portal'),
        ('portal', '0005_models_moved_out'),
    ]

    operations = [
        migrations.AlterModelTable(name='BestPracticePage', table=None),
        migrations.AlterModelTable(name='PracticeDocument', table=None),
        migrations.AlterModelTable(name='PracticeImage', table=None),
        migrations.AlterModelTable(name='PracticeIndexPage', table=None),
    ]
