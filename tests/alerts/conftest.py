import pytest

from tests.alerts.smtp import serving


@pytest.fixture
def smtp_server(settings):
    with serving(settings) as server:
        yield server


@pytest.fixture
def site_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    return "http://testserver"
