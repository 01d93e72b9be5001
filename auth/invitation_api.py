"""``POST /api/v1/people/{id}/invitation`` (send or re-send) and ``DELETE`` (withdraw).

HR and admins only (the gate answers 403 before anything is read). It takes no body:
nothing about the account is chosen by the caller (a body sent anyway is not read). The
answer shows the invitation's dates, never its token: the link goes only to the person's
mailbox.
"""

from flask.views import MethodView
from flask_login import current_user

from auth import invitations
from auth.permissions import can_invite
from auth.schemas import InvitationSchema
from core.api import ApiBlueprint
from core.extensions import db
from core.queries import get_or_404
from people.models import Employee

blp = ApiBlueprint(
    "invitations_api",
    __name__,
    url_prefix="/api/v1/people",
    description="Invitations to create an account",
)


@blp.route("/<int:person_id>/invitation")
@blp.gate(can_invite, "POST", "DELETE")
class PersonInvitation(MethodView):
    @blp.response(201, InvitationSchema)
    def post(self, person_id: int):
        """Email the person a link to create their account (a re-send replaces the
        earlier link). 409 if they have an account already or have left."""
        employee = get_or_404(Employee, person_id)
        _, link = invitations.invite_person(current_user, employee)
        db.session.commit()
        return link

    @blp.response(204)
    def delete(self, person_id: int):
        """Withdraw the person's pending invitation (409 if there is none)."""
        employee = get_or_404(Employee, person_id)
        invitations.revoke_invitation(current_user, employee)
        db.session.commit()
        return None
