"""A full disk is the operator's problem, told to the person in Persian instead of a bare 500."""

from django.template.response import TemplateResponse

from .storage import is_disk_full


class DiskFullMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_disk_full(exception):
            return TemplateResponse(request, "errors/disk_full.html", status=507).render()
        return None
