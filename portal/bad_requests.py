"""The 400 answer for what the portal will not process: a path holding control characters (NUL cannot
even be compared by PostgreSQL) or over-long, checked before any view runs, and any
``persian.params.BadParameter`` a view raises. Under /api/ the body is search-api.md's ``{"error": …}``."""

from django.http import JsonResponse
from django.shortcuts import render

from persian.params import BadParameter, has_control_characters

API_PREFIX = "/api/"
MAX_PATH_CHARS = 2000
BAD_PATH = "نشانی نویسهٔ نامعتبر دارد یا بیش از اندازه بلند است."


def bad_request(request, message):
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})
    return render(request, "400.html", {"message": message}, status=400)


class BadRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.path) > MAX_PATH_CHARS or has_control_characters(request.path):
            return bad_request(request, BAD_PATH)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, BadParameter):
            return bad_request(request, str(exception))
        return None
