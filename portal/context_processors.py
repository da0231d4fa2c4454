from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from records.freshness import per_version


@per_version
def _sections(hostname, port):
    try:
        site = get_site_for_hostname(hostname, port)  # what Site.find_for_request asks
    except Site.DoesNotExist:
        return []
    # Plain pages: the header needs only titles and URLs, and .specific() costs a query per section type.
    return [{"title": page.title, "url": page.url} for page in site.root_page.get_children().live().in_menu()]


def site_navigation(request):
    """Links to the section index pages for the header, looked up once per site and archive version."""
    if request is None:
        return {"nav_sections": []}
    # The raw host, as Site.find_for_request reads it: the 400 page for a host not allowed has a header too.
    hostname = split_domain_port(request._get_raw_host())[0]
    return {"nav_sections": _sections(hostname, request.get_port())}
