"""Content-Security-Policy, which Django 5.2 does not set itself (the other headers come from SecurityMiddleware).

The public templates have no inline script or style, so the site's policy allows neither; Wagtail's
admin writes inline scripts and styles, so paths under the admin get a policy that allows them.
"""

from django.conf import settings

SITE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
ADMIN_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = (
            "Content-Security-Policy-Report-Only"
            if getattr(settings, "CSP_REPORT_ONLY", False)
            else ("Content-Security-Policy")
        )
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response and self.header not in response:
            admin = request.path.startswith(self.admin_prefix)
            response[self.header] = getattr(settings, "CSP_ADMIN_POLICY" if admin else "CSP_POLICY", None) or (
                ADMIN_POLICY if admin else SITE_POLICY
            )
        return response
