"""The API's errors in the search API's shape (search-api.md): ``{"error": "…"}`` with a Persian
message, whatever went wrong with the request. Anything else is a real fault and stays a 500."""

import math

from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response

from persian.params import BadParameter
from persian.text import format_number

NOT_FOUND = "چنین نشانی یا سندی در API نیست."
READ_ONLY = "این API فقط‌خواندنی است: تنها درخواست GET پذیرفته می‌شود."
NOT_ACCEPTABLE = "این API فقط JSON برمی‌گرداند."
REFUSED = "این درخواست پذیرفته نشد."


def message_for(exc):
    if isinstance(exc, BadParameter):
        return str(exc), 400
    if isinstance(exc, Http404):
        return NOT_FOUND, 404
    if isinstance(exc, exceptions.NotFound):
        return (exc.detail if exc.detail != exceptions.NotFound.default_detail else NOT_FOUND), 404
    if isinstance(exc, exceptions.Throttled):
        seconds = format_number(math.ceil(exc.wait or 1))
        return f"درخواست‌های این نشانی بیش از اندازه است؛ {seconds} ثانیهٔ دیگر دوباره بفرستید.", 429
    if isinstance(exc, exceptions.MethodNotAllowed):
        return READ_ONLY, 405
    if isinstance(exc, exceptions.NotAcceptable):
        return NOT_ACCEPTABLE, 406
    if isinstance(exc, exceptions.APIException):
        return REFUSED, exc.status_code
    return None, None


def handle(exc, context):
    message, status = message_for(exc)
    if message is None:
        return None
    response = Response({"error": str(message)}, status=status)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        response["Retry-After"] = str(math.ceil(exc.wait))
    if isinstance(exc, exceptions.MethodNotAllowed):
        response["Allow"] = "GET, HEAD, OPTIONS"
    return response
