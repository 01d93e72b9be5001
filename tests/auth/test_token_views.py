"""``/account/tokens``: list, create (the secret shown once), revoke."""

import sqlalchemy as sa

from auth import personal_tokens
from people.enums import TokenScope
from people.models import ApiToken
from tests.conftest import sign_in
from tests.factories import make_person


def _made(user, name="CI"):
    secret, row = personal_tokens.issue_personal_token(
        user, {"name": name, "scope": TokenScope.read}
    )
    return secret, row


def test_the_page_lists_only_my_tokens_and_never_a_secret(client, db):
    me, other = make_person(), make_person()
    my_secret, mine = _made(me, "Mine nightly")
    _made(other, "Someone else's")
    sign_in(client, me)
    page = client.get("/account/tokens").get_data(as_text=True)
    assert "Mine nightly" in page and "Someone else" not in page
    assert my_secret not in page and mine.token_hash not in page
    assert "Read only" in page and "never" in page


def test_creating_shows_the_secret_once(client, db):
    user = make_person()
    sign_in(client, user)
    data = {"name": "Exporter", "scope": "write", "expires_in_days": "30"}
    response = client.post("/account/tokens", data=data)
    assert response.status_code == 200
    row = db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "Exporter"))
    assert row.scope is TokenScope.write and row.expires_at is not None
    page = response.get_data(as_text=True)
    secret = page.split('id="new-token" type="text" value="', 1)[1].split('"', 1)[0]
    assert secret.startswith("tpat_")
    with client.session_transaction() as session:
        assert secret not in repr(dict(session))  # not in a flash, not in the cookie
    assert secret not in client.get("/account/tokens").get_data(as_text=True)
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200


def test_never_and_a_date_are_choices(client, db):
    user = make_person()
    sign_in(client, user)
    data = {"name": "Forever", "scope": "read", "expires_in_days": ""}
    assert client.post("/account/tokens", data=data).status_code == 200
    data = {"name": "Dated", "expires_in_days": "", "expires_on": "2099-01-01"}
    response = client.post("/account/tokens", data=data)
    assert response.status_code == 422  # more than a year away
    assert "within a year" in response.get_data(as_text=True)
    rows = db.session.scalars(sa.select(ApiToken.name)).all()
    assert rows == ["Forever"]


def test_a_form_error_is_shown_on_its_field(client, db):
    sign_in(client, make_person())
    response = client.post("/account/tokens", data={"name": "", "scope": "read"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="name-error"' in page and 'aria-invalid="true"' in page
    long = client.post("/account/tokens", data={"name": "x" * 101})
    assert long.status_code == 422


def test_revoking_a_token(client, db):
    user = make_person()
    secret, row = _made(user)
    db.session.commit()
    sign_in(client, user)
    response = client.post(f"/account/tokens/{row.id}/revoke")
    assert response.status_code == 302
    assert db.session.get(ApiToken, row.id).revoked_at is not None
    page = client.get("/account/tokens").get_data(as_text=True)
    assert "Revoked" in page and "is revoked" in page
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_the_page_waits_for_a_pending_password_change(client, db):
    user = make_person()
    user.must_change_password = True
    db.session.commit()
    sign_in(client, user)
    response = client.post("/account/tokens", data={"name": "x"})
    assert response.status_code == 302
    assert "/account/password" in response.headers["Location"]
    assert db.session.scalar(sa.select(sa.func.count(ApiToken.id))) == 0


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get("/account/tokens")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
