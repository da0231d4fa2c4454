from django.db import migrations
from django.utils.text import slugify


def load_provinces(apps, schema_editor):
    from portal.persian import normalize
    from portal.taxonomy_data import PROVINCES

    Province = apps.get_model("portal", "Province")
    Municipality = apps.get_model("portal", "Municipality")
    for name, code, capital in PROVINCES:
        province, _ = Province.objects.update_or_create(code=code, defaults={"name": name, "capital": capital})
        capital_name = normalize(capital)
        Municipality.objects.get_or_create(
            province=province,
            name=capital_name,
            defaults={"slug": slugify(capital_name, allow_unicode=True)},
        )


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(load_provinces, migrations.RunPython.noop)]
