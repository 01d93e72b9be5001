from app import create_app
from core.config import TestConfig


def test_create_app_uses_given_config():
    app = create_app(TestConfig)
    assert app.testing


def test_openapi_document_is_3_1(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    assert "/api/v1/people" in doc["paths"]


def test_security_headers_on_every_response(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]


def test_api_docs_page_uses_only_local_assets(client):
    import re

    html = client.get("/api/v1/docs").get_data(as_text=True)
    urls = re.findall(r'(?:src|href|data-spec-url)="([^"]+)"', html)
    assert urls and all(u.startswith("/") for u in urls), urls
    for url in urls:
        assert client.get(url).status_code == 200, url
