"""The OpenAPI description at /api/v1/schema/: served as YAML and JSON, valid OpenAPI 3, every endpoint
in it with Persian descriptions; the Swagger UI at /api/v1/docs/ loads nothing from another host."""

import re

from drf_spectacular.validation import validate_schema
import pytest
import yaml

from records.registry import record_types

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_listing_every_endpoint(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate_schema(schema)  # raises on anything that is not OpenAPI 3
    as_json = client.get("/api/v1/schema/", {"format": "json"})
    assert as_json["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert as_json.json() == schema
    paths = set(schema["paths"])
    expected = {"/api/v1/records/", "/api/v1/records/{ref}/", "/api/v1/provinces/", "/api/v1/municipalities/"}
    expected |= {f"/api/v1/{rt.section}/" for rt in record_types()}
    expected |= {f"/api/v1/{rt.section}/{{ref}}/" for rt in record_types()}
    assert expected <= paths
    assert all(path.startswith("/api/v1/") for path in paths)  # not Wagtail's admin API
    assert "بایگانی" in schema["info"]["title"]
    listing = schema["paths"]["/api/v1/meetings/"]["get"]
    names = {parameter["name"] for parameter in listing["parameters"]}
    assert names >= {"province", "municipality", "topic", "year", "status", "page", "page_size"}
    assert all(re.search("[\u0600-\u06ff]", p["description"]) for p in listing["parameters"])
    assert "type" in {p["name"] for p in schema["paths"]["/api/v1/records/"]["get"]["parameters"]}
    meeting = schema["components"]["schemas"]["Meeting"]["properties"]
    assert {"resolutions", "follow_ups", "documents", "date_jalali"} <= set(meeting)


def test_the_docs_page_loads_only_from_this_site(client):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(not re.match(r"(https?:)?//", source) for source in sources), sources
    assert "<script>" not in html.replace(" ", "")  # no inline script: the site's CSP forbids it
    policy = page.get("Content-Security-Policy-Report-Only") or page["Content-Security-Policy"]
    assert "script-src 'self';" in policy  # inline styles only are let through, for Swagger UI
    script = client.get("/api/v1/docs/", {"script": ""})
    assert script.status_code == 200 and b"/api/v1/schema/" in script.content
    assert "swagger-ui-dist" in " ".join(sources)
