from django.db import migrations


def load_provinces(apps, schema_editor):
    from places.data import ensure_provinces

    ensure_provinces(apps.get_model("portal", "Province"), apps.get_model("portal", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(load_provinces, migrations.RunPython.noop)]
