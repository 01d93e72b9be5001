"""``POST /api/v1/tokens`` (email + password → bearer token) and revocation."""

from flask import current_app, g
from flask.views import MethodView
from flask_login import current_user

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
        try:
            token, row = issue_token(user, current_app.config["API_TOKEN_LIFETIME"])
        except PermissionDenied as err:  # a one-time password: change it on the web
            db.session.rollback()
            return json_error(403, err.message)
        db.session.commit()
        return {"token": token, "expires_at": row.expires_at}

    @blp.response(204)
    def delete(self):
        """Sign out everywhere: end every token and web session of this account."""
        # The resource is public (POST signs in), so load the bearer token here.
        row = g.get("api_token") if current_user.is_authenticated else None
        if row is None:
            return json_error(401, "Authentication required: send a bearer token.")
        services.sign_out_everywhere(row.user)
        db.session.commit()
        return None


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
