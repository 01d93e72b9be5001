"""``POST /api/v1/tokens`` (email + password → bearer token) and revocation."""

from flask import current_app, g
from flask.views import MethodView

from auth import services
from auth.schemas import TokenCreateSchema, TokenSchema
from auth.tokens import issue_token, revoke_token
from core.api import ApiBlueprint
from core.errors import PermissionDenied, json_error
from core.extensions import db

blp = ApiBlueprint(
    "tokens_api",
    __name__,
    url_prefix="/api/v1/tokens",
    description="Bearer tokens for API clients",
    public={"tokens_api.TokenList"},
)


@blp.route("")
class TokenList(MethodView):
    @blp.arguments(TokenCreateSchema)
    @blp.response(201, TokenSchema)
    @blp.doc(security=[])
    def post(self, data):
        """Exchange email and password for a bearer token (same lockout as sign-in)."""
        try:
            user = services.sign_in(data["email"], data["password"], current_app.config)
        except PermissionDenied as err:
            return json_error(401, err.message)
        token, row = issue_token(user, current_app.config["API_TOKEN_LIFETIME"])
        db.session.commit()
        return {"token": token, "expires_at": row.expires_at}


@blp.route("/current")
class TokenCurrent(MethodView):
    @blp.response(204)
    def delete(self):
        """Revoke the token this request was made with."""
        row = g.get("api_token")
        if row is None:
            return json_error(401, "Authentication required: send a bearer token.")
        revoke_token(row)
        db.session.commit()
        return None
