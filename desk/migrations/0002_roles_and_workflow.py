from django.db import migrations


def create_roles(apps, schema_editor):
    from desk.roles import ensure_roles

    # the sections as they were then (the practices section was still the portal app's)
    practices = ("portal", "PracticeIndexPage")
    ensure_roles(apps, (("meetings", "MeetingIndexPage"), ("agreements", "AgreementIndexPage"), practices), (practices,))


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_initial"),
        ("agreements", "0004_agreementdocument_restricted"),
        ("meetings", "0002_initial"),
        ("portal", "0003_documentdownload"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
