"""Quality flags, computed when a review is shared: reviews that carry no information.

Rules (``reviews.enums.QualityRule``): no comments at all; every rating identical (three
or more competencies); a rating jump of 2+ against the previous review without a comment;
manager text under 30 words; no strength named; no training need and no area to strengthen.
"""

import sqlalchemy as sa

from core.extensions import db
from reviews.enums import QualityRule
from reviews.models import Review, ReviewQualityFlag, TrainingNeed
from reviews.queries import manager_ratings_by_name

MIN_WORDS = 30
JUMP = 2


def _manager_texts(review: Review) -> list[str]:
    texts = [r.manager_comment for r in review.ratings]
    texts += [review.strengths, review.areas_to_strengthen]
    texts += [f"{o.description} {o.remedy}" for o in review.obstacles]
    return [t for t in texts if t and t.strip()]


def quality_problems(review: Review, previous: Review | None, needs: int) -> dict:
    """rule -> detail for every rule the review breaks."""
    found: dict[QualityRule, str] = {}
    texts = _manager_texts(review)
    if not texts:
        found[QualityRule.no_comments] = "The manager wrote nothing."
    ratings = [r.manager_rating for r in review.ratings if r.manager_rating is not None]
    if len(ratings) >= 3 and len(set(ratings)) == 1:
        found[QualityRule.identical_ratings] = (
            f"All {len(ratings)} ratings are {ratings[0]}."
        )
    before = manager_ratings_by_name(previous)
    jumps = [
        f"{r.competency.name}: {before[r.competency.name]} → {r.manager_rating}"
        for r in review.ratings
        if r.manager_rating is not None
        and r.competency.name in before
        and abs(r.manager_rating - before[r.competency.name]) >= JUMP
        and not r.manager_comment.strip()
    ]
    if jumps:
        found[QualityRule.unexplained_jump] = "; ".join(jumps)
    words = sum(len(t.split()) for t in texts)
    if words < MIN_WORDS:
        found[QualityRule.too_short] = f"{words} words from the manager."
    if not review.strengths.strip():
        found[QualityRule.no_strength] = "No strength is named."
    if needs == 0 and not review.areas_to_strengthen.strip():
        found[QualityRule.no_development] = (
            "No training need and no area to strengthen."
        )
    return found


def flag_quality_issues(review: Review, previous: Review | None, *, now) -> list:
    """Replace the review's flags with the rules it breaks now."""
    needs = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(TrainingNeed)
        .where(TrainingNeed.source_review_id == review.id)
    )
    db.session.execute(
        sa.delete(ReviewQualityFlag).where(ReviewQualityFlag.review_id == review.id)
    )
    flags = [
        ReviewQualityFlag(review_id=review.id, rule=rule, detail=detail, created_at=now)
        for rule, detail in quality_problems(review, previous, needs).items()
    ]
    db.session.add_all(flags)
    return flags
