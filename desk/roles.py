"""The three desk roles as Wagtail groups, their permissions and the review workflow.

``ensure_roles`` is idempotent and takes an app registry, so the data migration (historical
models) and ``ensure_site_structure`` (when it creates the section pages) share it.
"""

from .scope import DIRECTOR, EDITOR, STAFF

# What each role may do on a section index page (and so on the records under it). Staff act only on
# the sections that take proposals from municipalities (the record-type registry says which).
OFFICE_ACTIONS = {EDITOR: ("add", "change"), DIRECTOR: ("add", "change", "publish")}
STAFF_ACTIONS = ("add",)
# "add" without "change": desk users edit only the files they uploaded themselves (Wagtail's
# ownership rule), not another province's documents.
MEDIA_PERMISSIONS = (
    ("wagtaildocs", "document", ("add", "choose")),
    ("wagtailimages", "image", ("add", "choose")),
)
WORKFLOW_NAME = "تأیید مدیرکل امور شهری استان"
TASK_NAME = "تأیید مدیرکل امور شهری"


def _permission(apps, app_label, model, codename):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    content_type, _ = content_type_model.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = permission_model.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {codename.replace('_', ' ')}"}
    )
    return permission


def _section_pages(apps, sections):
    for section in sections:
        for page in apps.get_model(*section).objects.all():
            yield section, page


def _actions(name, section, staff_sections):
    if name == STAFF:
        return STAFF_ACTIONS if section in staff_sections else ()
    return OFFICE_ACTIONS[name]


def _ensure_workflow(apps, director):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    task_model = apps.get_model("desk", "ProvincialApprovalTask")
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    workflow_task_model = apps.get_model("wagtailcore", "WorkflowTask")
    task_type, _ = content_type_model.objects.get_or_create(app_label="desk", model="provincialapprovaltask")
    task = task_model.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = task_model.objects.create(name=TASK_NAME, active=True, content_type=task_type)
        task.groups.add(director)
    workflow, _ = workflow_model.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    workflow_task_model.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def ensure_roles(apps, sections, staff_sections=()):
    """Groups, admin access, media permissions, section page permissions and the workflow.

    ``sections``: (app label, model name) of each section index page; ``staff_sections``: those where
    municipal staff may propose records."""
    group_model = apps.get_model("auth", "Group")
    page_permission_model = apps.get_model("wagtailcore", "GroupPagePermission")
    collection_permission_model = apps.get_model("wagtailcore", "GroupCollectionPermission")
    collection_model = apps.get_model("wagtailcore", "Collection")
    workflow_page_model = apps.get_model("wagtailcore", "WorkflowPage")

    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin")
    root_collection = collection_model.objects.filter(depth=1).first()
    groups = {}
    for name in (EDITOR, DIRECTOR, STAFF):
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        groups[name] = group
        if root_collection is not None:
            for app_label, model, actions in MEDIA_PERMISSIONS:
                for action in actions:
                    collection_permission_model.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=_permission(apps, app_label, model, f"{action}_{model}"),
                    )

    workflow = _ensure_workflow(apps, groups[DIRECTOR])
    for section, page in _section_pages(apps, sections):
        for name in (EDITOR, DIRECTOR, STAFF):
            for action in _actions(name, section, staff_sections):
                page_permission_model.objects.get_or_create(
                    group=groups[name],
                    page_id=page.pk,
                    permission=_permission(apps, "wagtailcore", "page", f"{action}_page"),
                )
        workflow_page_model.objects.get_or_create(page_id=page.pk, defaults={"workflow": workflow})
    return groups
