"""``/api/v1/personal-tokens``: the caller's personal access tokens (list, create,
revoke). Someone else's token id answers 404.

Managing personal tokens needs a session credential (the web, or a token from ``POST
/api/v1/tokens``): a request made with a personal access token gets 403 here, so a
leaked one cannot mint more or revoke the others (``auth.personal_tokens``). The answer
to ``POST`` holds the secret once; it is therefore not kept for an Idempotency-Key
replay (``ApiBlueprint(secret_answers=…)``).
"""

from flask import g
from flask.views import MethodView
from flask_login import current_user

from auth import personal_tokens
from auth.permissions import visible_personal_tokens
from auth.schemas import (
    PersonalTokenCreatedSchema,
    PersonalTokenCreateSchema,
    PersonalTokenSchema,
)
from core.api import ApiBlueprint
from core.errors import json_error
from core.extensions import db
from people.enums import ApiTokenKind

NEEDS_SESSION_TOKEN = (
    "A personal access token cannot manage personal access tokens: use the web page "
    "/account/tokens or a session token (POST /api/v1/tokens)."
)

blp = ApiBlueprint(
    "personal_tokens_api",
    __name__,
    url_prefix="/api/v1/personal-tokens",
    description="Personal access tokens for integrations (the caller's own)",
    secret_answers={"personal_tokens_api.PersonalTokenList"},
)


@blp.before_request
def _refuse_personal_tokens():
    row = g.get("api_token")
    if row is not None and row.kind is ApiTokenKind.personal:
        return json_error(403, NEEDS_SESSION_TOKEN)
    return None


@blp.route("")
class PersonalTokenList(MethodView):
    @blp.listing(PersonalTokenSchema)
    def get(self):
        """My personal access tokens, newest first (revoked and expired included)."""
        return visible_personal_tokens(current_user)

    @blp.arguments(PersonalTokenCreateSchema)
    @blp.response(201, PersonalTokenCreatedSchema)
    def post(self, data):
        """Create a personal access token; the answer holds its secret, once."""
        secret, row = personal_tokens.issue_personal_token(current_user, data)
        db.session.commit()
        fields = PersonalTokenSchema().fields
        return {**{name: getattr(row, name) for name in fields}, "token": secret}


@blp.route("/<int:token_id>")
class PersonalTokenDetail(MethodView):
    @blp.response(204)
    def delete(self, token_id):
        """Revoke one of my personal access tokens (again is harmless)."""
        row = personal_tokens.get_personal_token(current_user, token_id)
        personal_tokens.revoke_personal_token(current_user, row)
        db.session.commit()
        return None
