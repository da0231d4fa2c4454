"""Wagtail's default «Moderators approval» workflow (and its task) gives way to the provincial one.

It is renamed in Persian, switched off and taken off every page, so the office sees one workflow, and
the default groups «Moderators» and «Editors» and the tree's «Root» get Persian names. Nothing is deleted: a record that was
already in review under the old workflow keeps its history.
"""

from django.db import migrations

DEFAULT_NAME = "Moderators approval"
RETIRED_WORKFLOW = "تأیید ناظران (پیش‌فرض، کنار گذاشته)"
RETIRED_TASK = "تأیید ناظران (پیش‌فرض، کنار گذاشته)"
GROUP_NAMES = {"Moderators": "ناظران", "Editors": "ویراستاران"}
ROOT_TITLES = ("Root", "ریشه")


def retire_default_workflow(apps, schema_editor):
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    workflow_page_model = apps.get_model("wagtailcore", "WorkflowPage")
    task_model = apps.get_model("wagtailcore", "Task")
    group_model = apps.get_model("auth", "Group")
    for workflow in workflow_model.objects.filter(name=DEFAULT_NAME):
        workflow_page_model.objects.filter(workflow=workflow).delete()
        workflow.name = RETIRED_WORKFLOW
        workflow.active = False
        workflow.save(update_fields=["name", "active"])
    task_model.objects.filter(name=DEFAULT_NAME).update(name=RETIRED_TASK, active=False)
    for english, persian in GROUP_NAMES.items():
        if not group_model.objects.filter(name=persian).exists():
            group_model.objects.filter(name=english).update(name=persian)
    # The tree's root shows in the admin's breadcrumbs and page chooser.
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=ROOT_TITLES[0]).update(
        title=ROOT_TITLES[1], draft_title=ROOT_TITLES[1]
    )
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=1, name=ROOT_TITLES[0]).update(name=ROOT_TITLES[1])


def restore_default_names(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=RETIRED_WORKFLOW).update(name=DEFAULT_NAME)
    apps.get_model("wagtailcore", "Task").objects.filter(name=RETIRED_TASK).update(name=DEFAULT_NAME)
    for english, persian in GROUP_NAMES.items():
        apps.get_model("auth", "Group").objects.filter(name=persian).update(name=english)
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=ROOT_TITLES[1]).update(
        title=ROOT_TITLES[0], draft_title=ROOT_TITLES[0]
    )
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=1, name=ROOT_TITLES[1]).update(name=ROOT_TITLES[0])


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0002_roles_and_workflow"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(retire_default_workflow, restore_default_names)]
