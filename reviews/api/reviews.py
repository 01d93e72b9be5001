"""Reviews: the list, one review shaped by role, its history, ad hoc reviews, and the
action endpoints that move a review along (``reviews.services.flow``)."""

from functools import partial

from flask.views import MethodView
from flask_login import current_user
from sqlalchemy.orm import joinedload

from core.due import org_today
from core.extensions import db
from core.permissions import require_visible
from people.permissions import has_reports
from reviews import permissions as perms
from reviews import services
from reviews.api.blueprint import blp, review_action
from reviews.api.payloads import history_payload, review_payload
from reviews.history import review_history
from reviews.models import Review
from reviews.queries import load_review
from reviews.schemas.api import (
    AddendumOutSchema,
    HistorySchema,
    ReviewSchema,
    ReviewSummarySchema,
)
from reviews.schemas.forms import (
    AcknowledgeSchema,
    AddendumSchema,
    AdhocReviewCreateSchema,
    ManagerAssessmentSchema,
    ReopenSchema,
    ReviewQueryArgsSchema,
    SelfAssessmentSchema,
)

SUMMARY_OPTIONS = (
    joinedload(Review.cycle),
    joinedload(Review.employee),
    joinedload(Review.reviewer),
)
FILTERS = ("cycle_id", "employee_id", "reviewer_id", "status")


def _respond(review_id: int) -> dict:
    """Reload after commit and answer with the review as the caller sees it."""
    review = load_review(review_id)
    blp.set_version_etag(review)
    return review_payload(current_user, review)


@blp.route("/reviews")
@blp.gate(has_reports, "POST")
class ReviewList(MethodView):
    @blp.listing(ReviewSummarySchema, ReviewQueryArgsSchema)
    def get(self, args):
        """Reviews the caller may see (own, as reviewer, of their reports; HR all)."""
        stmt = perms.visible_reviews(current_user)
        for name in FILTERS:
            if args.get(name) is not None:
                stmt = stmt.where(getattr(Review, name) == args[name])
        return stmt.options(*SUMMARY_OPTIONS).order_by(
            Review.period_end.desc(), Review.id.desc()
        )

    @blp.create(
        AdhocReviewCreateSchema,
        ReviewSchema,
        services.start_adhoc_review,
        etag=blp.etag,
    )
    def post(self, review):
        """Start an ad hoc review of a direct report (managers)."""
        return _respond(review.id)


@blp.route("/reviews/<int:review_id>")
class ReviewDetail(MethodView):
    @blp.show(ReviewSchema, review_action)
    def get(self, review):
        """One review. ``self_part`` / ``manager_part`` are null for a caller who may
        not see them yet; ``quality_flags`` is present for HR only."""
        blp.set_version_etag(review)
        return review_payload(current_user, review)


@blp.route("/reviews/<int:review_id>/history")
class ReviewHistory(MethodView):
    @blp.response(200, HistorySchema)
    def get(self, review_id):
        """Earlier reviews of the same person, ratings over time, the goals of the
        period, what happened to the previous review's training needs and — for the
        person, their managers and HR — the period's learning record (keeps-learning
        status, hours and activities by kind, interviews, evidence on the previous
        review's needs) with the interviews suggested in this review."""
        review = load_review(review_id)
        require_visible(perms.can_view_review(current_user, review))
        history = review_history(review)
        previous = history.previous[0] if history.previous else None
        # As the page: the read-side learning record is reviews' one development arrow.
        from development.learning_record import review_learning

        history.learning = review_learning(
            current_user, review, previous, today=org_today()
        )
        history.development = history.learning.since if history.learning else []
        return history_payload(history)


R = "/reviews/<int:review_id>"
_step = partial(
    blp.action,
    respond=lambda review, _: _respond(review.id),
    response=ReviewSchema,
    etag=blp.etag,
)
"""A review action behind ``If-Match``, answered with the review as the caller sees
it and its new ETag."""


def _writer(allowed, message: str):
    return review_action(allowed, message, if_match=True)


WRITES_SELF = _writer(perms.is_subject, "Only the employee writes the self-assessment.")
WRITES_MANAGER = _writer(
    perms.is_reviewer, "Only the reviewer writes the manager's part."
)
SHARES = _writer(perms.is_reviewer, "Only the reviewer shares the review.")
ACKNOWLEDGES = _writer(perms.is_subject, "Only the employee acknowledges a review.")
REOPENS = _writer(perms.may_reopen, "Only HR reopens a signed review.")

_step(
    R + "/self-assessment",
    "ReviewSelfAssessment",
    WRITES_SELF,
    services.save_self_assessment,
    doc="Save the self-assessment as a draft, or submit it (``submit``).",
    schema=SelfAssessmentSchema,
)
_step(
    R + "/manager-assessment",
    "ReviewManagerAssessment",
    WRITES_MANAGER,
    services.save_manager_assessment,
    doc="Save the manager's part (a draft until shared); lists replace the draft's.",
    schema=ManagerAssessmentSchema,
)
_step(
    R + "/share",
    "ReviewShare",
    SHARES,
    services.share_review,
    doc="Share the manager's part with the employee (every competency rated).",
)
_step(
    R + "/acknowledge",
    "ReviewAcknowledge",
    ACKNOWLEDGES,
    services.acknowledge_review,
    doc="""Sign off a shared review, optionally with a comment and "I disagree".""",
    schema=AcknowledgeSchema,
)
_step(
    R + "/reopen",
    "ReviewReopen",
    REOPENS,
    services.reopen_review,
    doc="Reopen a signed review for the manager, with a reason (HR; audited).",
    schema=ReopenSchema,
)


@blp.route("/reviews/<int:review_id>/addenda")
class ReviewAddenda(MethodView):
    @review_action(
        perms.may_add_addendum, "Only the employee, the reviewer and HR add addenda."
    )
    @blp.arguments(AddendumSchema)
    @blp.response(201, AddendumOutSchema)
    def post(self, data, review):
        """Add text to a signed review; the review itself never changes."""
        addendum = services.add_addendum(current_user, review, data)
        db.session.commit()
        return {
            "id": addendum.id,
            "author": current_user.email,
            "created_at": addendum.created_at,
            "text": addendum.text,
        }
