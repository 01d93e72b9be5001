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

import sqlalchemy as sa
from flask.views import MethodView
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from core.db import get_or_404, utcnow
from core.extensions import db
from core.permissions import require, require_visible
from people import permissions as people_perms
from people.models import Employee, User
from people.permissions import has_reports, is_hr
from reviews import permissions as perms
from reviews import services
from reviews.api.blueprint import With, blp, object_action
from reviews.api_schemas_goals import (
    OPEN_NEEDS,
    NeedSchema,
    NeedSummarySchema,
    ProposeResultSchema,
    SkillGapSchema,
)
from reviews.models import TrainingNeed
from reviews.schemas_goals import (
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


need_action = object_action("need", _load, perms.can_view_need)


def may_name_needs(user) -> bool:
    return is_hr(user) or has_reports(user)


def _decides(user, need) -> bool:
    """Managers (direct or indirect) and HR verify and drop — never the owner."""
    return perms.can_create_need_for(user, need.employee_id)


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
@blp.gate(may_name_needs, "POST")
class NeedList(MethodView):
    @blp.arguments(NeedQueryArgsSchema, location="query")
    @blp.response(200, NeedSummarySchema(many=True))
    @blp.paginate_select()
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

    @blp.etag
    @blp.arguments(NeedCreateSchema)
    @blp.response(201, NeedSchema)
    def post(self, data):
        """Name a need for someone in your team (managers and HR)."""
        need = services.create_need(current_user, data)
        db.session.commit()
        return _respond(need.id)


@blp.route("/training-needs/<int:need_id>")
class NeedDetail(MethodView):
    @blp.etag
    @blp.response(200, NeedSchema)
    def get(self, need_id):
        """One need with its evidence."""
        need = _load_detail(need_id)
        require_visible(perms.can_view_need(current_user, need))
        return need_payload(need)


@blp.route("/training-needs/<int:need_id>/evidence")
class NeedEvidenceList(MethodView):
    @need_action(perms.can_view_need, "")
    @blp.etag
    @blp.arguments(EvidenceSchema)
    @blp.response(201, NeedSchema)
    def post(self, data, need):
        """Link evidence (a note and/or a link); an open need becomes in progress."""
        services.link_evidence(current_user, need, note=data["note"], url=data["url"])
        db.session.commit()
        return _respond(need.id)


@blp.route("/training-needs/<int:need_id>/verify")
class NeedVerify(MethodView):
    @need_action(
        _decides, "A manager or HR verifies a need — never its owner.", if_match=True
    )
    @blp.etag
    @blp.response(200, NeedSchema)
    def post(self, need):
        """Mark an evidenced need met; the person's skill level becomes the target."""
        services.verify_need(current_user, need)
        db.session.commit()
        return _respond(need.id)


@blp.route("/training-needs/<int:need_id>/drop")
class NeedDrop(MethodView):
    @need_action(_decides, "Managers or HR drop needs.", if_match=True)
    @blp.etag
    @blp.arguments(DropSchema)
    @blp.response(200, NeedSchema)
    def post(self, data, need):
        """Drop an open need, with the reason kept."""
        services.drop_need(current_user, need, data["reason"])
        db.session.commit()
        return _respond(need.id)


@blp.route("/training-needs/propose")
@blp.gate(may_name_needs, "POST")
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
