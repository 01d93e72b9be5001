"""Training needs: the list, one need with its evidence, naming needs, linking
evidence, verifying and dropping (behind ``If-Match``), turning role-profile gaps into
needs; and a person's skill gaps.

Decisions the brief left open:
- Naming needs and proposing them from gaps is for managers and HR (coarse gate; the
  service checks each person). Anyone who sees a need may link evidence to it — the
  employee above all; linking adds a row and moves an open need to in progress, so it
  needs no ``If-Match`` (like review addenda). ``/verify`` and ``/drop`` decide the
  need's fate and need ``If-Match`` (428 without, 412 when stale).
- The caller's relationship is checked before the body is read: the owner verifying or
  dropping their own need gets 403, never a 422.
- ``/people/<id>/skill-gaps`` follows skill levels: the person, their managers and HR
  (403 for other signed-in people, 404 when the person is not visible).
"""

from functools import partial

import sqlalchemy as sa
from flask.views import MethodView
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from core.api import With
from core.db import utcnow
from core.extensions import db
from core.permissions import require, require_visible
from core.queries import get_or_404
from people import permissions as people_perms
from people.models import Employee, User
from reviews import permissions as perms
from reviews import services
from reviews.api.blueprint import blp
from reviews.models import TrainingNeed
from reviews.schemas.api_goals import (
    OPEN_NEEDS,
    NeedSchema,
    NeedSummarySchema,
    ProposeResultSchema,
    SkillGapSchema,
)
from reviews.schemas.goals import (
    DropSchema,
    EvidenceSchema,
    NeedCreateSchema,
    NeedQueryArgsSchema,
    ProposeNeedsSchema,
)

NEED_OPTIONS = (joinedload(TrainingNeed.employee), joinedload(TrainingNeed.skill))
DETAIL_OPTIONS = (*NEED_OPTIONS, selectinload(TrainingNeed.evidence))


def _load(need_id) -> TrainingNeed:
    return get_or_404(TrainingNeed, need_id, *NEED_OPTIONS)


def _load_detail(need_id) -> TrainingNeed:
    return get_or_404(TrainingNeed, need_id, *DETAIL_OPTIONS)


need_action = blp.object_action("need", _load, perms.can_view_need)
need_detail = blp.object_action("need", _load_detail, perms.can_view_need)


def need_payload(need: TrainingNeed) -> With:
    """The need (loaded by ``_load_detail``) with its evidence and verifier; sets its
    ETag. One query names every account involved."""
    ids = {e.added_by_id for e in need.evidence} | {need.verified_by_id}
    ids.discard(None)
    emails = {}
    if ids:
        rows = db.session.execute(
            sa.select(User.id, User.email).where(User.id.in_(ids))
        )
        emails = dict(rows.all())
    blp.set_version_etag(need)
    return With(
        need,
        verified_by=emails.get(need.verified_by_id),
        evidence=[With(e, added_by=emails.get(e.added_by_id)) for e in need.evidence],
    )


def _respond(need_id: int) -> With:
    return need_payload(_load_detail(need_id))


@blp.route("/training-needs")
@blp.gate(perms.can_name_needs, "POST")
class NeedList(MethodView):
    @blp.listing(NeedSummarySchema, NeedQueryArgsSchema)
    def get(self, args):
        """Needs the caller may see (own, their reports'; HR all), soonest due first."""
        stmt = perms.visible_needs(current_user)
        for name in ("employee_id", "status"):
            if args.get(name) is not None:
                stmt = stmt.where(getattr(TrainingNeed, name) == args[name])
        if args.get("overdue") is not None:
            overdue = sa.and_(
                TrainingNeed.due_on < utcnow().date(),
                TrainingNeed.status.in_(OPEN_NEEDS),
            )
            stmt = stmt.where(overdue if args["overdue"] else sa.not_(overdue))
        return stmt.options(*NEED_OPTIONS).order_by(
            TrainingNeed.due_on.is_(None), TrainingNeed.due_on, TrainingNeed.id
        )

    @blp.create(NeedCreateSchema, NeedSchema, services.create_need, etag=blp.etag)
    def post(self, need):
        """Name a need for someone in your team (managers and HR)."""
        return _respond(need.id)


@blp.route("/training-needs/<int:need_id>")
class NeedDetail(MethodView):
    @blp.show(NeedSchema, need_detail)
    def get(self, need):
        """One need with its evidence."""
        return need_payload(need)


N = "/training-needs/<int:need_id>"
_step = partial(
    blp.action,
    respond=lambda need, _: _respond(need.id),
    response=NeedSchema,
    etag=blp.etag,
)
"""A need action, answered with the need, its evidence and its new ETag."""


def _link(actor, need, data):
    services.link_evidence(actor, need, note=data["note"], url=data["url"])


def _drop(actor, need, data):
    services.drop_need(actor, need, data["reason"])


_step(
    N + "/evidence",
    "NeedEvidenceList",
    need_action(perms.can_view_need, ""),
    _link,
    doc="Link evidence (a note and/or a link); an open need becomes in progress.",
    schema=EvidenceSchema,
    status=201,
)
_step(
    N + "/verify",
    "NeedVerify",
    need_action(
        perms.may_decide_need,
        "A manager or HR verifies a need — never its owner.",
        if_match=True,
    ),
    services.verify_need,
    doc="Mark an evidenced need met; the person's skill level becomes the target.",
)
_step(
    N + "/drop",
    "NeedDrop",
    need_action(perms.may_decide_need, "Managers or HR drop needs.", if_match=True),
    _drop,
    doc="Drop an open need, with the reason kept.",
    schema=DropSchema,
)


@blp.route("/training-needs/propose")
@blp.gate(perms.can_name_needs, "POST")
class NeedPropose(MethodView):
    @blp.arguments(ProposeNeedsSchema)
    @blp.response(200, ProposeResultSchema)
    def post(self, data):
        """Turn the listed people's role-profile gaps into needs; a skill that already
        has an open need gets no second one."""
        created = services.propose_training_needs(
            current_user, data["employee_ids"], due_on=data["due_on"]
        )
        ids = [n.id for n in created]
        db.session.commit()
        needs = db.session.scalars(
            sa.select(TrainingNeed)
            .where(TrainingNeed.id.in_(ids))
            .options(*NEED_OPTIONS)
            .order_by(TrainingNeed.id)
        ).all()
        return {"needs_created": len(needs), "needs": needs}


@blp.route("/people/<int:person_id>/skill-gaps")
class PersonSkillGaps(MethodView):
    @blp.response(200, SkillGapSchema(many=True))
    def get(self, person_id):
        """Expected level (the job title's role profile) against the latest assessed
        level, per skill; the person, their managers and HR."""
        employee = get_or_404(Employee, person_id)
        require_visible(people_perms.can_view_person(current_user, employee))
        require(people_perms.can_view_skill_levels(current_user, employee))
        return services.skill_gaps([employee.id])
