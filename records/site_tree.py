"""Creates the page tree the archive lives in: the site's home page, and under it one section page
per registered record type (meetings, agreements, practices).

The home page model is the site's (``settings.ARCHIVE_HOME_PAGE_MODEL``, named like
``AUTH_USER_MODEL``): the archive hangs under it without importing the site.
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from desk.roles import ensure_roles

from .registry import record_types


def home_page_model():
    return apps.get_model(settings.ARCHIVE_HOME_PAGE_MODEL)


def grant_roles():
    """The desk's groups get their permissions and workflow on every section page."""
    sections = {rt: (rt.index_model._meta.app_label, rt.index_model.__name__) for rt in record_types()}
    ensure_roles(apps, list(sections.values()), [section for rt, section in sections.items() if rt.staff_may_propose])


@transaction.atomic
def ensure_site_structure():
    """Idempotent: returns {section slug: index page}, creating whatever is missing."""
    HomePage = home_page_model()  # noqa: N806 - a model class
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="ریشه")
    home = HomePage.objects.first()
    if home is None:
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="ریشه", slug="root"))
        for welcome in root.get_children().exclude(content_type__model="homepage"):
            if welcome.slug == "home":
                welcome.slug = "wagtail-welcome"
                welcome.save(update_fields=["slug"])
        home = HomePage(
            title="هم‌اندیشی",
            slug="home",
            intro="بایگانی مصوبات، تفاهم‌نامه‌ها و تجربه‌های موفق شهرداری‌ها؛ تا هر شهردار بداند دیگران چه کرده‌اند.",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="هم‌اندیشی")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "هم‌اندیشی"
        site.save()
    Page.objects.filter(slug="wagtail-welcome", depth=2).delete()

    sections, created = {}, False
    for rt in record_types():
        index = rt.index_model.objects.child_of(home).first()
        if index is None:
            index = rt.index_model(title=rt.section_title, slug=rt.section, show_in_menus=True)
            home.add_child(instance=index)
            index.save_revision().publish()
            created = True
        sections[rt.section] = index
    if created:
        grant_roles()
    return sections
