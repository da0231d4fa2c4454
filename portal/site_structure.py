"""Creates the page tree the archive lives in: home → meetings, agreements, practices."""

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

SECTIONS = (
    ("meetings.MeetingIndexPage", "نشست‌ها و مصوبات", "meetings"),
    ("agreements.AgreementIndexPage", "تفاهم‌نامه‌ها", "agreements"),
    ("portal.PracticeIndexPage", "تجربه‌های موفق", "practices"),
)


@transaction.atomic
def ensure_site_structure():
    """Idempotent: returns {section slug: index page}, creating whatever is missing."""
    from django.apps import apps

    from portal.models import HomePage

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
    for label, title, slug in SECTIONS:
        model = apps.get_model(label)
        index = model.objects.child_of(home).first()
        if index is None:
            index = model(title=title, slug=slug, show_in_menus=True)
            home.add_child(instance=index)
            index.save_revision().publish()
            created = True
        sections[slug] = index
    if created:
        from desk.roles import ensure_roles

        ensure_roles(apps)  # the desk's groups get their permissions and workflow on the new sections
    return sections
