"""The review page (read view with history and the actions the viewer may take) and
HR's quality-flag list.

The review page's own statements (outcomes, quality flags, proposed skills) are built
once (``functools.cache``) with bind parameters, as the loader's
(``reviews.views.common``), the history's and the learning record's: executing the same
object again spares building it and its cache key on every view."""

import functools
import itertools

import sqlalchemy as sa
from flask import render_template, request
from flask_login import current_user, login_required
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate
from sqlalchemy.orm import joinedload

from core.charts import Chart, Frame, line_chart, series_class, shorten
from core.due import org_today
from core.extensions import db
from core.fields import Text
from core.pagination import paginate_html
from core.permissions import Role, role_required
from people.models import Skill
from reviews import permissions as perms
from reviews import services
from reviews.enums import (
    GoalStatus,
    ObstacleCategory,
    Priority,
    QualityRule,
    TrainingNeedStatus,
)
from reviews.history import review_history
from reviews.models import Goal, Review, ReviewQualityFlag, TrainingNeed
from reviews.views import bp
from reviews.views.common import load_visible_review

RATINGS = Frame(420, 220, 28, 12, 14, 34)


def short(label: str) -> str:
    """An axis label that fits under its point ("Ad hoc 2026-05-31" → "2026-05")."""
    if label.startswith("Ad hoc "):
        return label.removeprefix("Ad hoc ")[:7]
    return shorten(label, 10)


def rating_chart(series: dict, scale_max: int) -> Chart | None:
    """The manager's rating per competency over time. ``series``: name -> [(label,
    rating or None)], oldest first (``History.series``)."""
    labels = [label for label, _ in next(iter(series.values()), [])]
    if not labels or not any(r for points in series.values() for _, r in points):
        return None
    description = "; ".join(
        f"{name}: " + ", ".join(f"{label} {r if r else 'none'}" for label, r in points)
        for name, points in series.items()
    )
    lines = [
        (name, series_class(n), [r or None for _, r in points])
        for n, (name, points) in enumerate(series.items())
    ]
    scale = range(1, scale_max + 1)
    return line_chart(
        RATINGS, labels, lines, (1, scale_max), scale, description, label=short
    )


@functools.cache
def _outcomes() -> sa.Select:
    review_id = sa.bindparam("review_id", type_=sa.Integer)
    needs = (
        sa.select(
            sa.literal("need").label("kind"),
            TrainingNeed.id,
            Skill.name.label("title"),
            sa.type_coerce(TrainingNeed.status, sa.String).label("status"),
            TrainingNeed.due_on.label("due_on"),
            TrainingNeed.target_level.label("target_level"),
            sa.type_coerce(TrainingNeed.priority, sa.String).label("priority"),
            sa.null().label("progress"),
        )
        .join(Skill, Skill.id == TrainingNeed.skill_id)
        .where(TrainingNeed.source_review_id == review_id)
    )
    goals = sa.select(
        sa.literal("goal"),
        Goal.id,
        Goal.title,
        sa.type_coerce(Goal.status, sa.String),
        Goal.target_on,
        sa.null(),
        sa.null(),
        Goal.progress,
    ).where(Goal.source_review_id == review_id)
    union = sa.union_all(needs, goals).subquery()
    return sa.select(union).order_by(union.c.kind, union.c.id)


def review_outcomes(review: Review) -> list:
    """Training needs and goals this review named, as plain rows (one UNION query)."""
    rows = db.session.execute(_outcomes(), {"review_id": review.id})
    out = []
    for row in rows:
        item = row._asdict()
        status = (TrainingNeedStatus if row.kind == "need" else GoalStatus)(row.status)
        item["status_title"] = status.title
        item["priority_title"] = Priority(row.priority).title if row.priority else ""
        out.append(item)
    return out


@functools.cache
def _skills() -> sa.Select:
    return sa.select(Skill.id, Skill.name).where(
        Skill.id.in_(sa.bindparam("ids", expanding=True))
    )


def _skill_names(ids) -> dict[int, str]:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    return dict(db.session.execute(_skills(), {"ids": list(ids)}).all())


@functools.cache
def _flags() -> sa.Select:
    return (
        sa.select(ReviewQualityFlag)
        .where(
            ReviewQualityFlag.review_id == sa.bindparam("review_id", type_=sa.Integer)
        )
        .order_by(ReviewQualityFlag.id)
    )


def detail_context(review: Review) -> dict:
    """Everything the review page shows to ``current_user`` (a fixed number of queries)."""
    # The account itself, not the proxy: the predicates below read it some sixty times.
    user = current_user._get_current_object()
    show_manager = perms.can_view_manager_part(user, review)
    history = review_history(review)
    previous = history.previous[0] if history.previous else None
    # The one arrow from reviews to development: its read-side learning record.
    from development.learning_record import review_learning

    history.learning = review_learning(user, review, previous, today=org_today())
    history.development = history.learning.since if history.learning else []
    outcomes, skill_names = [], {}
    if show_manager and review.status.is_shared:
        outcomes = review_outcomes(review)
    elif show_manager and review.proposed_needs:
        skill_names = _skill_names(n.get("skill_id") for n in review.proposed_needs)
    flags = []
    if perms.can_view_quality_flags(user, review):
        flags = list(db.session.scalars(_flags(), {"review_id": review.id}))
    can = {
        "edit_self": perms.can_edit_self_part(user, review),
        "edit_manager": perms.can_edit_manager_part(user, review),
        "share": perms.can_share(user, review),
        "acknowledge": perms.can_acknowledge(user, review),
        "addendum": perms.can_add_addendum(user, review),
        "reopen": perms.can_reopen(user, review),
    }
    problems = services.share_problems(review, previous) if can["share"] else {}
    return {
        "review": review,
        "is_subject": perms.is_subject(user, review),
        "show_self": perms.can_view_self_part(user, review),
        "show_manager": show_manager,
        "ratings": {r.competency_id: r for r in review.ratings},
        "history": history,
        "chart": rating_chart(history.series, review.template.scale_max),
        # split here, not by ``selectattr`` in the template (a filter call per list)
        "outcome_needs": [o for o in outcomes if o["kind"] == "need"],
        "outcome_goals": [o for o in outcomes if o["kind"] == "goal"],
        "skill_names": skill_names,
        "categories": {c.value: c.title for c in ObstacleCategory},
        "flags": flags,
        "show_flags": perms.can_view_quality_flags(user, review),
        "can": can,
        "share_problems": problems,
    }


def render_detail(review: Review, status: int = 200, **extra):
    """The review page; action handlers re-render it with their ``errors`` and ``form``."""
    context = detail_context(review)
    context.setdefault("errors", {})
    context.setdefault("form", {})
    context.update(extra)
    return render_template("reviews/review_detail.html", **context), status


@bp.route("/<int:review_id>")
@login_required
def detail(review_id: int):
    """The review page: both parts, ratings, outcomes and history."""
    # Its ratings come with the earlier reviews' (``review_history``): one statement.
    return render_detail(load_visible_review(review_id, ratings=False))


VIEWS = ("flags", "disagreements")


class QualityArgs(Schema):
    rule = fields.Enum(QualityRule, load_default=None)
    view = Text(
        load_default="flags", validate=[validate.OneOf(VIEWS), validate.Length(max=20)]
    )


def _quality_select(args: dict) -> sa.Select:
    """Flagged reviews (of one rule), or the signed reviews an employee disagreed
    with — newest first; both from ``visible_reviews``."""
    stmt = perms.visible_reviews(current_user).options(
        joinedload(Review.employee),
        joinedload(Review.reviewer),
        joinedload(Review.cycle),
    )
    if args["view"] == "disagreements":
        # Signed: a review HR reopened is no longer signed, and its next sign-off
        # says again whether the employee disagrees.
        return stmt.where(
            Review.employee_disagrees.is_(True), Review.acknowledged_at.is_not(None)
        ).order_by(Review.acknowledged_at.desc(), Review.id.desc())
    flagged = sa.select(ReviewQualityFlag.review_id)
    if args["rule"] is not None:
        flagged = flagged.where(ReviewQualityFlag.rule == args["rule"])
    return stmt.where(Review.id.in_(flagged)).order_by(
        Review.shared_at.desc(), Review.id.desc()
    )


@bp.route("/quality")
@role_required(Role.hr)
def quality():
    """The review quality page: flagged reviews, or disagreements (HR)."""
    try:
        args = QualityArgs().load(request.args, unknown=EXCLUDE)
    except ValidationError:
        args = {"rule": None, "view": "flags"}
    page = paginate_html(_quality_select(args))
    ids = [r.id for r in page.items]
    rows = db.session.scalars(
        sa.select(ReviewQualityFlag)
        .where(ReviewQualityFlag.review_id.in_(ids or [0]))
        .order_by(ReviewQualityFlag.review_id, ReviewQualityFlag.id)
    )
    flags = {
        key: list(group)
        for key, group in itertools.groupby(rows, key=lambda f: f.review_id)
    }
    return render_template(
        "reviews/quality_list.html",
        page=page,
        flags=flags,
        args=args,
        rules=list(QualityRule),
    )
