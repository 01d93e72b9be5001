"""One test per quality rule, on the pure rule function and through sharing."""

import sqlalchemy as sa

from reviews.enums import ObstacleCategory, QualityRule
from reviews.models import (
    Review,
    ReviewObstacle,
    ReviewQualityFlag,
    ReviewRating,
    ReviewTemplate,
    TemplateCompetency,
)
from reviews.services import quality_problems
from tests.reviews.conftest import walk_to_shared

LONG = " ".join(["specific"] * 40)


def _review(ratings=(3, 4, 5), comments=("ok",) * 3, strengths=LONG, areas="Delegate."):
    template = ReviewTemplate(name="t", rating_labels=[])
    comps = [TemplateCompetency(id=i, name=f"C{i}") for i in range(len(ratings))]
    template.competencies = comps
    review = Review(template=template, strengths=strengths, areas_to_strengthen=areas)
    review.ratings = [
        ReviewRating(
            competency=c, competency_id=c.id, manager_rating=r, manager_comment=t
        )
        for c, r, t in zip(comps, ratings, comments, strict=True)
    ]
    review.obstacles = []
    return review


def _rules(review, previous=None, needs=1):
    return set(quality_problems(review, previous, needs))


def test_a_good_review_has_no_flags():
    assert _rules(_review()) == set()


def test_no_comments_at_all():
    review = _review(comments=("", "", ""), strengths="", areas="")
    assert QualityRule.no_comments in _rules(review)


def test_every_rating_identical():
    assert QualityRule.identical_ratings in _rules(_review(ratings=(4, 4, 4)))


def test_two_identical_ratings_are_not_enough_to_flag():
    review = _review(ratings=(4, 4), comments=("ok", "ok"))
    assert QualityRule.identical_ratings not in _rules(review)


def test_a_jump_of_two_without_a_comment():
    previous = _review(ratings=(2, 4, 5))
    review = _review(ratings=(4, 4, 5), comments=("", "ok", "ok"))
    assert QualityRule.unexplained_jump in _rules(review, previous)


def test_a_jump_with_a_comment_is_fine():
    previous = _review(ratings=(2, 4, 5))
    review = _review(ratings=(4, 4, 5), comments=("Grew a lot", "ok", "ok"))
    assert QualityRule.unexplained_jump not in _rules(review, previous)


def test_manager_text_under_30_words():
    review = _review(strengths="Good work.", areas="More tests.")
    assert QualityRule.too_short in _rules(review)


def test_obstacles_count_towards_the_words():
    review = _review(strengths="Good work.", areas="More tests.")
    review.obstacles = [
        ReviewObstacle(category=ObstacleCategory.process, description=LONG, remedy="")
    ]
    assert QualityRule.too_short not in _rules(review)


def test_no_strength_named():
    assert QualityRule.no_strength in _rules(_review(strengths="  "))


def test_no_training_need_and_no_area_to_strengthen():
    assert QualityRule.no_development in _rules(_review(areas=""), needs=0)
    assert QualityRule.no_development not in _rules(_review(areas=""), needs=1)


def test_sharing_stores_flags(db, org, cycle):
    review = walk_to_shared(db, org, cycle)  # every manager rating is 4
    rules = set(
        db.session.scalars(
            sa.select(ReviewQualityFlag.rule).where(
                ReviewQualityFlag.review_id == review.id
            )
        )
    )
    assert rules == {QualityRule.identical_ratings}
