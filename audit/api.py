"""JSON API of the audit trail (blueprint ``audit_api``): ``GET /api/v1/audit-events``
with the page's filters as query arguments, newest first, paged (``X-Pagination``).

HR and admins only (403 before the query is read); each sees the events of their scope
(``core.permissions.visible_audit_events``). Read-only: there is no write endpoint.
"""

from flask.views import MethodView
from flask_login import current_user

from audit.queries import filtered_events
from audit.schemas import AuditEventSchema, AuditQueryArgsSchema
from core.api import ApiBlueprint
from core.permissions import can_read_audit

blp = ApiBlueprint(
    "audit_api",
    __name__,
    url_prefix="/api/v1",
    description="The audit trail: who changed what, when (HR: people data; "
    "admin: accounts, tokens, jobs and email)",
)


@blp.route("/audit-events")
@blp.gate(can_read_audit, "GET")
class AuditEventList(MethodView):
    @blp.listing(AuditEventSchema, AuditQueryArgsSchema)
    def get(self, args):
        """Audit events in the caller's scope, newest first, filtered."""
        return filtered_events(current_user, args)
