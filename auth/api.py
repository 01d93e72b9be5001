"""``POST /api/v1/tokens`` (email + password [+ code] → bearer token) and revocation."""

from flask import current_app, g
from flask.views import MethodView
from flask_login import current_user

from auth import services, two_factor
from auth.permissions import must_set_up_two_factor
from auth.schemas import TokenCreateSchema, TokenSchema
from auth.tokens import issue_token, revoke_token
from core.api import ApiBlueprint
from core.errors import PermissionDenied, json_error
from core.extensions import db

TWO_FACTOR_REQUIRED = (
    "HR and admin accounts must use two-factor sign-in: turn it on at "
    "/account/two-factor, then ask for a token with a code."
)

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
        """Exchange email and password (and, with two-factor sign-in on, a code) for
        a bearer token (same lockout as sign-in)."""
        config = current_app.config
        try:
            user = services.sign_in(data["email"], data["password"], config)
            if user.has_two_factor:
                two_factor.complete_with_code(user, data.get("code"))
        except PermissionDenied as err:
            if err.message == services.PASSWORD_SIGN_IN_OFF:  # the password was right
                return json_error(403, err.message)
            # One answer for a wrong password and a missing or wrong code: it says a
            # code may be needed, never whether the password was right.
            locked = err.message == services.LOCKED
            return json_error(401, err.message if locked else two_factor.CODE_NEEDED)
        if must_set_up_two_factor(user, config):
            db.session.rollback()
            return json_error(403, TWO_FACTOR_REQUIRED)
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
