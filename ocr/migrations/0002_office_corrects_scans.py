"""The provincial office (editors and directors) may see and correct scans; ``ocr.access`` narrows it to
the files of their own province's records."""

from django.db import migrations

OFFICE_GROUPS = ("کارشناس دفتر امور شهری", "مدیرکل امور شهری")
ACTIONS = ("view", "change")


def _permissions(apps):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    content_type, _ = content_type_model.objects.get_or_create(app_label="ocr", model="scantext")
    return [
        permission_model.objects.get_or_create(
            content_type=content_type, codename=f"{action}_scantext", defaults={"name": f"Can {action} scan text"}
        )[0]
        for action in ACTIONS
    ]


def grant(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permissions = _permissions(apps)
    for name in OFFICE_GROUPS:
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    for group in group_model.objects.filter(name__in=OFFICE_GROUPS):
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("ocr", "0001_scan_text_and_pages"),
        ("desk", "0002_roles_and_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
