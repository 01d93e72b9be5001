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
    # The page sits in the app's layout: its in-page links (#main) are not assets.
    urls = [
        u
        for u in re.findall(r'(?:src|href|data-spec-url)="([^"]+)"', html)
        if not u.startswith("#")
    ]
    assert urls and all(u.startswith("/") for u in urls), urls
    for url in urls:
        # Assets answer 200; the header's page links (home) may ask to sign in.
        assert client.get(url).status_code in (200, 302), url
    assert all(client.get(u).status_code == 200 for u in urls if "/static/" in u)


def test_the_app_serves_a_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.mimetype == "image/vnd.microsoft.icon"
    assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO header


def test_api_docs_tags_are_human_words(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    names = [t["name"] for t in doc["tags"]]
    assert "Personal tokens" in names and "People" in names
    assert not [n for n in names if "_" in n]
    used = {
        tag
        for path in doc["paths"].values()
        for op in path.values()
        if isinstance(op, dict)
        for tag in op.get("tags", [])
    }
    assert used <= set(names)


def test_api_docs_page_has_a_way_back(client):
    html = client.get("/api/v1/docs").get_data(as_text=True)
    assert 'class="site-header"' in html
    assert "Back to Trellis" in html


def test_an_admin_without_a_person_sees_only_menus_they_can_use(login_as, org):
    """Goals, Needs, Development (and Reviews, for a non-HR account) lead an account
    linked to no person only to "not linked to a person" pages: not in its menu."""
    html = login_as(org.admin).get("/people").get_data(as_text=True)
    nav = html.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
    for hidden in ("/reviews/goals", "/reviews/needs", '"/development"', '"/reviews"'):
        assert hidden not in nav, hidden
    assert "/people" in nav


def test_a_person_keeps_her_own_menus(login_as, org):
    html = login_as(org.employee).get("/people").get_data(as_text=True)
    nav = html.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
    for shown in ("/reviews/goals", "/reviews/needs", '"/development"', '"/reviews"'):
        assert shown in nav, shown
