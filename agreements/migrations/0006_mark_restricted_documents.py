from django.db import migrations


def mark_restricted(apps, schema_editor):
    """Every document restricted on an agreement today stays restricted from now on."""
    link_model = apps.get_model("agreements", "AgreementDocument")
    restriction_model = apps.get_model("agreements", "RestrictedDocument")
    for link in link_model.objects.filter(restricted=True).select_related("page").order_by("pk"):
        restriction_model.objects.get_or_create(document_id=link.document_id, defaults={"province_id": link.page.province_id})


class Migration(migrations.Migration):
    dependencies = [("agreements", "0005_restricted_document")]

    operations = [migrations.RunPython(mark_restricted, migrations.RunPython.noop)]
