"""The learning record of a review's period and the suggestions made in the review
(``development.learning_record.review_learning``; issue 16, item 8)."""

from datetime import date

import pytest

from development.enums import (
    ActivityKind,
    ActivityStatus,
    KeepsLearning,
    SuggestionStatus,
)
from development.learning_record import review_learning
from development.services import settings as svc
from tests.development.review_scene import TODAY, learning_story, two_reviews
from tests.reviews.conftest import cycle, template  # noqa: F401 (fixtures)


@pytest.fixture
def scene(db, org, template, cycle):  # noqa: F811
    scene = two_reviews(db, org, template, cycle)
    learning_story(db, org, scene)
    return scene


def test_the_period_counts_hours_and_activities_by_kind_and_interviews(db, org, scene):
    learning = review_learning(org.manager, scene.second, scene.first, today=TODAY)
    assert (learning.period_start, learning.period_end) == (date(2026, 7, 1), TODAY)
    assert {k: (t.activities, t.hours) for k, t in learning.by_kind} == {
        ActivityKind.course: (1, 6.0),
        ActivityKind.conference_workshop: (1, 7.0),
        ActivityKind.interview_conducted: (1, 0.5),
    }
    assert (learning.activities, learning.hours) == (3, 13.5)
    assert (learning.interviews_conducted, learning.interviews_given) == (1, 1)
    assert learning.given_hours == 0.5


def test_keeps_learning_is_the_status_at_the_period_end(db, org, scene):
    now = review_learning(org.employee, scene.second, scene.first, today=TODAY)
    assert now.status is KeepsLearning.active  # September and October of three
    later = review_learning(
        org.employee, scene.second, scene.first, today=date(2027, 3, 1)
    )
    # The period ended on 31 December: Oct, Nov, Dec hold one month with evidence.
    assert later.period_end == date(2026, 12, 31)
    assert later.status is KeepsLearning.lapsing


def test_evidence_linked_to_the_previous_reviews_needs_is_listed(db, org, scene):
    learning = review_learning(org.hr, scene.second, scene.first, today=TODAY)
    [line] = learning.evidence
    assert (line.skill_name, line.title, line.on_day) == (
        "Negotiation",
        "Negotiation course",
        date(2026, 9, 14),
    )
    assert review_learning(org.hr, scene.first, None, today=TODAY).evidence == []


def test_development_since_the_previous_review_comes_from_the_same_rows(db, org, scene):
    learning = review_learning(org.employee, scene.second, scene.first, today=TODAY)
    assert [line.split(" — ")[0] for line in learning.since] == [
        "Negotiation course",
        "Something learnt",
        "Interview 2026-10-20",
        "Interview 2026-11-05",
    ]


def test_peers_and_other_managers_read_nothing(db, org, scene):
    for user in (org.peer, org.other_manager, org.admin):
        assert review_learning(user, scene.second, scene.first, today=TODAY) is None


def test_suggestions_in_the_review_show_what_came_of_them(db, org, scene):
    emma = org.employee.employee_id
    made = [
        svc.suggest_interview(
            org.manager,
            {"employee_id": emma, "topic": topic, "review_id": scene.second.id},
        )
        for topic in ("Talk to a product lead", "Talk to sales", "Talk to legal")
    ]
    svc.suggest_interview(org.manager, {"employee_id": emma, "topic": "Not in it"})
    interview = svc.accept_suggestion(org.employee, made[0])
    svc.dismiss_suggestion(org.employee, made[1])
    db.session.commit()
    learning = review_learning(org.manager, scene.second, scene.first, today=TODAY)
    assert [(s.topic, s.outcome) for s in learning.suggestions] == [
        ("Talk to a product lead", "Accepted — interview idea"),
        ("Talk to sales", "Declined"),
        ("Talk to legal", "Pending — not answered yet"),
    ]
    assert learning.suggestions[0].interview_id == interview.id
    assert made[2].status is SuggestionStatus.open
    assert learning.offers_suggestion
    assert not review_learning(
        org.hr, scene.second, None, today=TODAY
    ).offers_suggestion


def test_the_statements_do_not_grow_with_activities(db, org, scene, count_queries):
    def count() -> int:
        for row in (scene.first, scene.second, org.hr):
            db.session.refresh(row)  # loaded, so only review_learning's are counted
        with count_queries() as counter:
            review_learning(org.hr, scene.second, scene.first, today=TODAY)
        return counter.count

    before = count()
    learning_story(db, org, scene)
    svc.suggest_interview(
        org.manager,
        {
            "employee_id": org.employee.employee_id,
            "topic": "More",
            "review_id": scene.second.id,
        },
    )
    db.session.commit()
    assert count() == before <= 5


def test_mentoring_sessions_count_in_their_own_months(db, org, template, cycle):  # noqa: F811
    from development.models import MentoringSession
    from tests.development.review_scene import activity

    scene = two_reviews(db, org, template, cycle)
    mentoring = activity(
        db,
        org.employee.employee_id,
        None,
        ActivityKind.mentoring,
        hours=0,
        started_on=date(2026, 6, 1),
        status=ActivityStatus.in_progress,
    )
    for held_on in (date(2026, 6, 20), date(2026, 8, 12), date(2026, 9, 9)):
        db.session.add(
            MentoringSession(activity_id=mentoring.id, held_on=held_on, hours=1.5)
        )
    db.session.commit()
    learning = review_learning(org.employee, scene.second, scene.first, today=TODAY)
    # June's session is before the period; August's and September's are in it.
    assert dict(learning.by_kind)[ActivityKind.mentoring].activities == 2
    assert learning.hours == 3.0
    at_october = review_learning(
        org.employee, scene.second, scene.first, today=date(2026, 10, 15)
    )
    assert at_october.status is KeepsLearning.active  # August and September


def _with_employee(db, review):
    """The review as the pages and the API load it: with its employee."""
    import sqlalchemy as sa
    from sqlalchemy.orm import joinedload

    from reviews.models import Review

    return db.session.scalar(
        sa.select(Review)
        .where(Review.id == review.id)
        .options(joinedload(Review.employee))
    )


def test_the_direct_manager_reads_without_the_manager_chain_statement(
    db, org, scene, count_queries
):
    def count(user) -> tuple[int, int, bool]:
        db.session.expire_all()
        review, previous = _with_employee(db, scene.second), scene.first
        for row in (previous, user):
            db.session.refresh(row)  # loaded, so only review_learning's are counted
        with count_queries() as reading:
            learning = review_learning(user, review, previous, today=TODAY)
        with count_queries() as asking:
            offers = learning.offers_suggestion
        return reading.count, asking.count, offers

    base, _, offers = count(org.hr)  # HR reads by role, and is not Emma's manager
    assert not offers
    assert count(org.manager) == (base, 0, True)  # Emma's record names him
    # Above him, the chain is walked (once per request in a request: cached there).
    assert count(org.ceo) == (base + 1, 1, True)


def test_a_review_without_its_employee_loaded_still_finds_the_manager(db, org, scene):
    db.session.expire_all()
    learning = review_learning(org.manager, scene.second, scene.first, today=TODAY)
    assert learning is not None and learning.offers_suggestion
    assert review_learning(org.peer, scene.second, scene.first, today=TODAY) is None
