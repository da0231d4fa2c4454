from django.db import migrations


class Migration(migrations.Migration):
    """The tables take this app's name (their many-to-many tables with them); nothing else changes."""

    dependencies = [
        ('places', '0001_from_portal'),
        ('portal', '0005_models_moved_out'),
    ]

    operations = [
        migrations.AlterModelTable(name='Province', table=None),
        migrations.AlterModelTable(name='Municipality', table=None),
        migrations.AlterModelTable(name='Topic', table=None),
    ]
