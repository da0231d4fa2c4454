from wagtail.models import Site


def site_navigation(request):
    """Links to the section index pages for the header, looked up once per request."""
    site = Site.find_for_request(request) if request else None
    sections = []
    if site is not None:
        sections = list(site.root_page.get_children().live().in_menu().specific())
    return {"nav_sections": sections}
