"""Review cycles: HR and managers read them; HR creates, edits drafts, launches, closes."""

import sqlalchemy as sa
from flask.views import MethodView
from sqlalchemy.orm import joinedload

from core.permissions import signed_in
from core.queries import get_or_404
from people.permissions import is_hr
from reviews import permissions as perms
from reviews import services
from reviews.api.blueprint import blp
from reviews.models import ReviewCycle
from reviews.schemas.api import CloseResultSchema, CycleSchema, LaunchResultSchema
from reviews.schemas.forms import CycleCloseSchema, CycleCreateSchema, CycleUpdateSchema

CYCLE_OPTIONS = (joinedload(ReviewCycle.template),)
CYCLE_FIELDS = tuple(CycleUpdateSchema().fields)


def _load(cycle_id) -> ReviewCycle:
    return get_or_404(ReviewCycle, cycle_id, *CYCLE_OPTIONS)


cycle_action = blp.object_action("cycle", _load, None)


@blp.route("/cycles")
@blp.gate(perms.can_read_cycles, "GET")
@blp.gate(is_hr, "POST")
class CycleList(MethodView):
    @blp.listing(CycleSchema)
    def get(self):
        """Review cycles, newest period first (HR and managers)."""
        return (
            sa.select(ReviewCycle)
            .options(*CYCLE_OPTIONS)
            .order_by(ReviewCycle.period_end.desc(), ReviewCycle.id.desc())
        )

    @blp.create(CycleCreateSchema, CycleSchema, services.create_cycle)
    def post(self, cycle):
        """Create a draft cycle (HR)."""
        return _load(cycle.id)


blp.detail(
    "/cycles/<int:cycle_id>",
    "CycleDetail",
    cycle_action,
    CycleSchema,
    (CycleUpdateSchema(partial=CYCLE_FIELDS), services.update_cycle),
    doc="Change a draft cycle (HR); a launched one answers 409.",
    reload=lambda cycle: _load(cycle.id),
    gates={"GET": perms.can_read_cycles, "PATCH": is_hr},
)


blp.gate(is_hr, "POST")(
    blp.action(
        "/cycles/<int:cycle_id>/launch",
        "CycleLaunch",
        cycle_action(signed_in),
        services.launch_cycle,
        respond=lambda cycle, created: {"reviews_created": created},
        doc="Create one review per person in the population (HR); twice answers 409.",
        response=LaunchResultSchema,
    )
)
blp.gate(is_hr, "POST")(
    blp.action(
        "/cycles/<int:cycle_id>/close",
        "CycleClose",
        cycle_action(signed_in),
        services.close_cycle,
        respond=lambda cycle, closed: {"reviews_closed": closed},
        doc="""Close the cycle and its reviews (HR). Unfinished reviews need
        ``confirm_unfinished`` and a ``reason``, else 422 saying how many.""",
        schema=CycleCloseSchema,
        response=CloseResultSchema,
    )
)
