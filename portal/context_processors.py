from wagtail.models import Site


def site_navigation(request):
    """Links to the section index pages for the header, looked up once per request."""
    site = Site.find_for_request(request) if request else None
    sections = []
    if site is not None:
        # Plain pages: the header needs only titles and URLs, and .specific() costs a query per section type.
        sections = list(site.root_page.get_children().live().in_menu())
    return {"nav_sections": sections}
