"""The OpenAPI description covers this API alone (Wagtail's admin API is also built on DRF)."""

PREFIX = "/api/v1/"


def only_this_api(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: keep the endpoints under /api/v1/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PREFIX)]
