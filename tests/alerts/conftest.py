import pytest

from tests.alerts.smtp import smtp_server  # noqa: F401 - a fixture


@pytest.fixture
def site_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    return "http://testserver"
