"""Review cycles: HR and managers read them; HR creates, edits drafts, launches, closes."""

import sqlalchemy as sa
from flask.views import MethodView
from flask_login import current_user
from sqlalchemy.orm import joinedload

from core.db import get_or_404
from core.extensions import db
from people.permissions import has_reports, is_hr
from reviews import services
from reviews.api.blueprint import blp
from reviews.api_schemas import CloseResultSchema, CycleSchema, LaunchResultSchema
from reviews.models import ReviewCycle
from reviews.schemas import CycleCloseSchema, CycleCreateSchema, CycleUpdateSchema

CYCLE_OPTIONS = (joinedload(ReviewCycle.template),)
CYCLE_FIELDS = tuple(CycleUpdateSchema().fields)


def can_read_cycles(user) -> bool:
    """HR and managers (anyone with reports) read cycles."""
    return is_hr(user) or has_reports(user)


def _load(cycle_id) -> ReviewCycle:
    return get_or_404(ReviewCycle, cycle_id, *CYCLE_OPTIONS)


@blp.route("/cycles")
@blp.gate(can_read_cycles, "GET")
@blp.gate(is_hr, "POST")
class CycleList(MethodView):
    @blp.response(200, CycleSchema(many=True))
    @blp.paginate_select()
    def get(self):
        """Review cycles, newest period first (HR and managers)."""
        return (
            sa.select(ReviewCycle)
            .options(*CYCLE_OPTIONS)
            .order_by(ReviewCycle.period_end.desc(), ReviewCycle.id.desc())
        )

    @blp.arguments(CycleCreateSchema)
    @blp.response(201, CycleSchema)
    def post(self, data):
        """Create a draft cycle (HR)."""
        cycle = services.create_cycle(current_user, data)
        db.session.commit()
        return _load(cycle.id)


@blp.route("/cycles/<int:cycle_id>")
@blp.gate(can_read_cycles, "GET")
@blp.gate(is_hr, "PATCH")
class CycleDetail(MethodView):
    @blp.etag
    @blp.response(200, CycleSchema)
    def get(self, cycle_id):
        cycle = _load(cycle_id)
        blp.set_version_etag(cycle)
        return cycle

    @blp.etag
    @blp.arguments(CycleUpdateSchema(partial=CYCLE_FIELDS))
    @blp.response(200, CycleSchema)
    def patch(self, data, cycle_id):
        """Change a draft cycle (HR); a launched one answers 409."""
        cycle = _load(cycle_id)
        blp.check_version(cycle)
        services.update_cycle(current_user, cycle, data)
        db.session.commit()
        cycle = _load(cycle_id)
        blp.set_version_etag(cycle)
        return cycle


@blp.route("/cycles/<int:cycle_id>/launch")
@blp.gate(is_hr, "POST")
class CycleLaunch(MethodView):
    @blp.response(200, LaunchResultSchema)
    def post(self, cycle_id):
        """Create one review per person in the population (HR); twice answers 409."""
        created = services.launch_cycle(current_user, _load(cycle_id))
        db.session.commit()
        return {"reviews_created": created}


@blp.route("/cycles/<int:cycle_id>/close")
@blp.gate(is_hr, "POST")
class CycleClose(MethodView):
    @blp.arguments(CycleCloseSchema)
    @blp.response(200, CloseResultSchema)
    def post(self, data, cycle_id):
        """Close the cycle and its reviews (HR). Unfinished reviews need
        ``confirm_unfinished`` and a ``reason``, else 422 saying how many."""
        closed = services.close_cycle(current_user, _load(cycle_id), data)
        db.session.commit()
        return {"reviews_closed": closed}
