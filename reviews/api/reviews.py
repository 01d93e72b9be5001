"""Reviews: the list, one review shaped by role, its history, ad hoc reviews, and the
action endpoints that move a review along (``reviews.services.flow``)."""

from flask.views import MethodView
from flask_login import current_user
from sqlalchemy.orm import joinedload

from core.extensions import db
from core.permissions import require_visible
from people.permissions import has_reports
from reviews import permissions as perms
from reviews import services
from reviews.api.blueprint import blp, review_action
from reviews.api.payloads import history_payload, review_payload
from reviews.api_schemas import (
    AddendumOutSchema,
    HistorySchema,
    ReviewSchema,
    ReviewSummarySchema,
)
from reviews.history import review_history
from reviews.models import Review
from reviews.queries import load_review
from reviews.schemas import (
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


def _may_add_addendum(user, review) -> bool:
    """Who may write addenda once signed (the state rule is the service's: 409)."""
    return (
        perms.is_subject(user, review)
        or perms.is_reviewer(user, review)
        or perms.is_hr(user)
    )


def _respond(review_id: int) -> dict:
    """Reload after commit and answer with the review as the caller sees it."""
    review = load_review(review_id)
    blp.set_version_etag(review)
    return review_payload(current_user, review)


@blp.route("/reviews")
@blp.gate(has_reports, "POST")
class ReviewList(MethodView):
    @blp.arguments(ReviewQueryArgsSchema, location="query")
    @blp.response(200, ReviewSummarySchema(many=True))
    @blp.paginate_select()
    def get(self, args):
        """Reviews the caller may see (own, as reviewer, of their reports; HR all)."""
        stmt = perms.visible_reviews(current_user)
        for name in FILTERS:
            if args.get(name) is not None:
                stmt = stmt.where(getattr(Review, name) == args[name])
        return stmt.options(*SUMMARY_OPTIONS).order_by(
            Review.period_end.desc(), Review.id.desc()
        )

    @blp.etag
    @blp.arguments(AdhocReviewCreateSchema)
    @blp.response(201, ReviewSchema)
    def post(self, data):
        """Start an ad hoc review of a direct report (managers)."""
        review = services.start_adhoc_review(current_user, data)
        db.session.commit()
        return _respond(review.id)


@blp.route("/reviews/<int:review_id>")
class ReviewDetail(MethodView):
    @blp.etag
    @blp.response(200, ReviewSchema)
    def get(self, review_id):
        """One review. ``self_part`` / ``manager_part`` are null for a caller who may
        not see them yet; ``quality_flags`` is present for HR only."""
        review = load_review(review_id)
        require_visible(perms.can_view_review(current_user, review))
        blp.set_version_etag(review)
        return review_payload(current_user, review)


@blp.route("/reviews/<int:review_id>/history")
class ReviewHistory(MethodView):
    @blp.response(200, HistorySchema)
    def get(self, review_id):
        """Earlier reviews of the same person, ratings over time, the goals of the
        period and what happened to the previous review's training needs."""
        review = load_review(review_id)
        require_visible(perms.can_view_review(current_user, review))
        return history_payload(review_history(review))


@blp.route("/reviews/<int:review_id>/self-assessment")
class ReviewSelfAssessment(MethodView):
    @blp.etag
    @review_action(
        perms.is_subject, "Only the employee writes the self-assessment.", if_match=True
    )
    @blp.arguments(SelfAssessmentSchema)
    @blp.response(200, ReviewSchema)
    def post(self, data, review):
        """Save the self-assessment as a draft, or submit it (``submit``)."""
        services.save_self_assessment(current_user, review, data)
        db.session.commit()
        return _respond(review.id)


@blp.route("/reviews/<int:review_id>/manager-assessment")
class ReviewManagerAssessment(MethodView):
    @blp.etag
    @review_action(
        perms.is_reviewer, "Only the reviewer writes the manager's part.", if_match=True
    )
    @blp.arguments(ManagerAssessmentSchema)
    @blp.response(200, ReviewSchema)
    def post(self, data, review):
        """Save the manager's part (a draft until shared); lists replace the draft's."""
        services.save_manager_assessment(current_user, review, data)
        db.session.commit()
        return _respond(review.id)


@blp.route("/reviews/<int:review_id>/share")
class ReviewShare(MethodView):
    @blp.etag
    @review_action(
        perms.is_reviewer, "Only the reviewer shares the review.", if_match=True
    )
    @blp.response(200, ReviewSchema)
    def post(self, review):
        """Share the manager's part with the employee (every competency rated)."""
        services.share_review(current_user, review)
        db.session.commit()
        return _respond(review.id)


@blp.route("/reviews/<int:review_id>/acknowledge")
class ReviewAcknowledge(MethodView):
    @blp.etag
    @review_action(
        perms.is_subject, "Only the employee acknowledges a review.", if_match=True
    )
    @blp.arguments(AcknowledgeSchema)
    @blp.response(200, ReviewSchema)
    def post(self, data, review):
        """Sign off a shared review, optionally with a comment and "I disagree"."""
        services.acknowledge_review(current_user, review, data)
        db.session.commit()
        return _respond(review.id)


@blp.route("/reviews/<int:review_id>/addenda")
class ReviewAddenda(MethodView):
    @review_action(
        _may_add_addendum, "Only the employee, the reviewer and HR add addenda."
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


@blp.route("/reviews/<int:review_id>/reopen")
class ReviewReopen(MethodView):
    @blp.etag
    @review_action(
        lambda user, review: perms.is_hr(user) and not perms.is_subject(user, review),
        "Only HR reopens a signed review.",
        if_match=True,
    )
    @blp.arguments(ReopenSchema)
    @blp.response(200, ReviewSchema)
    def post(self, data, review):
        """Reopen a signed review for the manager, with a reason (HR; audited)."""
        services.reopen_review(current_user, review, data)
        db.session.commit()
        return _respond(review.id)
