"""Publishing a new record page in one save, with what Wagtail's ``add_child``, ``save_revision`` and
``publish`` would have left: the same rows, revision and log entries, without writing the page three times.

Wagtail saves a new page when it is added to the tree, again when its revision is saved, and again when
that revision (read back as a page) is published, rewriting its child rows (resolutions, follow-ups,
documents) and validating it each time. A new record in a bulk import is live from its first write, so
the page is saved once, as published, and the revision holds the page as ``save_revision`` serialises it.
"""

from contextlib import nullcontext

from django.contrib.contenttypes.models import ContentType
from django.db import router
from django.db.models import F
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published, published


def next_child_path(parent, last_path):
    """The tree path of a new last child of ``parent``, after ``last_path`` (its last child's), as treebeard
    gives it."""
    if last_path is None:
        return Page._get_path(parent.path, parent.depth + 1, 1)
    return Page(path=last_path)._inc_path()


def last_child_path(parent):
    return (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )


def _log_entry(page, action, timestamp, revision=None):
    """The entry ``log()`` writes for ``action`` (its save validates the entry: a handful of queries, for
    values that are valid here by construction)."""
    context = get_active_log_context()
    return PageLogEntry(
        content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
        label=page.get_admin_display_title(),
        action=action,
        timestamp=timestamp,
        data={},
        user=context.user,
        uuid=context.uuid,
        page=page,
        revision=revision,
        content_changed=True,
    )


def _child_rows(page):
    """The page's child rows and many-to-many links as they are about to be written: {accessor: rows}
    (none for a relation never set, such as the admin's comments: a new page has none)."""
    held = getattr(page, "_cluster_related_objects", {})
    names = [relation.get_accessor_name() for relation in get_all_child_relations(page)]
    names += [field.name for field in get_all_child_m2m_relations(page)]
    return {name: list(held.get(name, ())) for name in names}


def _insert_children(page, rows):
    """Write the child rows and many-to-many links of ``page``, just inserted, an INSERT per relation: what
    modelcluster's commit does a row at a time, after reading back what a new page cannot have yet. Each
    row gets the signals its own save or ``add`` would have sent."""
    using = router.db_for_write(type(page), instance=page)
    for relation in get_all_child_relations(page):
        children = rows.get(relation.get_accessor_name())
        if not children:
            continue
        model = relation.related_model
        for child in children:
            setattr(child, relation.field.name, page)
            getattr(child, "prepare_insert", lambda: None)()
            pre_save.send(sender=model, instance=child, raw=False, using=using, update_fields=None)
        model.objects.using(using).bulk_create(children)
        for child in children:
            post_save.send(sender=model, instance=child, created=True, raw=False, using=using, update_fields=None)
    for field in get_all_child_m2m_relations(page):
        targets = rows.get(field.name)
        if not targets:
            continue
        through = field.remote_field.through
        ids = {target.pk for target in targets}
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        signal = {"sender": through, "instance": page, "reverse": False, "model": field.related_model}
        m2m_changed.send(action="pre_add", pk_set=ids, using=using, **signal)
        links = [through(**{f"{source}_id": page.pk, f"{target}_id": pk}) for pk in ids]
        through.objects.using(using).bulk_create(links)
        m2m_changed.send(action="post_add", pk_set=ids, using=using, **signal)


def _hold(page, rows):
    """Serve the rows just written from memory (saving purges them to read the database again): the
    revision is serialised from them instead of a query per relation."""
    page.__dict__.setdefault("_cluster_related_objects", {}).update(rows)


def publish_new(page, parent, path):
    """Save ``page`` (a specific record page, not yet saved) as the live child of ``parent`` at ``path``."""
    page.depth, page.path, page.numchild = parent.depth + 1, path, 0
    page._cached_parent_obj = parent
    page.locale_id = parent.locale_id
    page.live, page.has_unpublished_changes = True, False
    # Validated as Wagtail's save would, less the checks that can only pass here: that rows held in hand
    # exist, and uniqueness (a fresh translation key, the path just computed; the ref is checked by clean(),
    # the slug by slug_for_ref).
    in_hand = ["locale"] + [f.name for f in page._meta.concrete_fields if f.many_to_one and f.is_cached(page)]
    page._check_slug_is_unique = lambda: None  # slug_for_ref picked a slug free under the parent
    try:
        page.full_clean(exclude=in_hand, validate_unique=False)
    finally:
        del page._check_slug_is_unique
    page._is_site_root = False  # no site can have a page this new as its root
    rows = _child_rows(page)
    held = page.__dict__.get("_cluster_related_objects", {})
    for name in rows:  # written below, in bulk, instead of by the page's save
        held.pop(name, None)
    # What a page keeps around its save (a meeting: its resolutions' stored status) spans its rows too.
    keep = getattr(page, "keep_status", None)
    with keep(page, None) if keep is not None else nullcontext():
        page.save(clean=False, log_action=None)  # logged below, with the publish
        _insert_children(page, rows)
    _hold(page, rows)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    parent.numchild += 1
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        user=None,
        approved_go_live_at=None,
        content=page.serializable_data(),
        object_str=str(page),
    )
    now = timezone.now()
    page.latest_revision = page.live_revision = revision
    page.latest_revision_created_at = revision.created_at
    page.first_published_at = page.last_published_at = now
    Page.objects.filter(pk=page.pk).update(
        latest_revision=revision,
        live_revision=revision,
        latest_revision_created_at=revision.created_at,
        first_published_at=now,
        last_published_at=now,
    )
    PageLogEntry.objects.bulk_create(
        [
            _log_entry(page, "wagtail.create", revision.created_at),
            _log_entry(page, "wagtail.publish", now, revision=revision),
        ]
    )
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    published.send(sender=type(page), instance=page, revision=revision)
    return revision
