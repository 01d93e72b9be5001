"""Bench fixtures for reviews: three years of half-yearly reviews, in bulk.

Six closed half-year cycles (every review shared and acknowledged, then closed, with
self and manager ratings and comments, obstacles, training needs and goals whose fates
vary) and a seventh, active cycle over the last completed half-year whose reviews are in
every status. So a review of the active cycle has six previous reviews beside it — the
case ``bench.run`` times the review page on. Rows go in with bulk INSERTs (no services,
no audit events): for L (5,000 people) about 35,000 reviews, 135,000 ratings.
"""

from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

COMPETENCIES = ["Delivery", "Collaboration", "Ownership", "Communication"]
QUESTIONS = ["What are you most proud of this half?", "What got in your way?"]
CLOSED = 6
STRENGTHS = [
    "Took the billing migration from a vague idea to a shipped result and kept every "
    "stakeholder informed with a short weekly note.",
    "Raised the search latency problem early, proposed two options with their costs "
    "and followed through on the one we chose.",
    "Peers named them first when asked who helped them most this half.",
    "Wrote the clearest runbook of the half; new joiners now learn the area from it.",
]
AREAS = [
    "Say no earlier: unplanned work absorbed a third of the half.",
    "Share work in progress sooner; reviews arrived late and all at once.",
    "Delegate more — still does most of the release work personally.",
    "Write decisions down; several were discussed again later.",
]
COMMENTS = [
    "Delivered what was planned, with one slip that was flagged early.",
    "Consistently clear and timely; stakeholders did not have to chase.",
    "Owns problems end to end, including the unglamorous follow-ups.",
    "Helpful in the team; less visible to other departments.",
    "Two commitments slipped late this half; we agreed on earlier warnings.",
]
SELF_COMMENTS = [
    "I shipped most of what I planned; two smaller items moved.",
    "I paired a lot this half and I think it showed.",
    "I took over a stalled project and saw it through.",
    "I find it hard to give bad news early; I am working on it.",
]
OBSTACLES = [
    ("tools_resources", "The reporting tool times out on large exports.", "Upgrade."),
    ("workload", "Covered a vacant role for four months.", "Backfill approved."),
    ("process", "Hand-offs between teams lose context.", "Shared checklist."),
    ("skills_training", "No formal training in the new stack.", "Book the course."),
]
DROP_REASONS = ["Moved to a different role.", "The new tool removed the need."]


def _halves(today: date, count: int) -> list[tuple[str, date, date]]:
    """``count`` half-years ending with the last completed one, oldest first."""
    year, half = (today.year, 1) if today.month >= 7 else (today.year - 1, 2)
    found = []
    for _ in range(count):
        start = date(year, 1 if half == 1 else 7, 1)
        end = date(year, 6, 30) if half == 1 else date(year, 12, 31)
        found.append((f"{year} H{half}", start, end))
        year, half = (year, 1) if half == 2 else (year - 1, 2)
    return list(reversed(found))


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def build_reviews(fx) -> None:
    from bench.common import insert_rows
    from core.extensions import db
    from people.models import Employee
    from reviews.enums import (
        CycleStatus,
        GoalStatus,
        ObstacleCategory,
        PopulationKind,
        Priority,
        QualityRule,
        ReviewStatus,
        TrainingNeedSource,
        TrainingNeedStatus,
    )
    from reviews.models import (
        Goal,
        Review,
        ReviewCycle,
        ReviewObstacle,
        ReviewQualityFlag,
        ReviewRating,
        ReviewTemplate,
        TemplateCompetency,
        TemplateQuestion,
        TrainingNeed,
    )
    from reviews.models.templates import DEFAULT_LABELS

    rng, now = fx.rng, fx.now
    today = now.date()
    people = db.session.execute(
        sa.select(Employee.id, Employee.manager_id, Employee.hired_on).where(
            Employee.manager_id.is_not(None), Employee.is_active.is_(True)
        )
    ).all()
    created = _at(date(today.year - 4, 1, 1))
    insert_rows(
        ReviewTemplate,
        [
            {
                "id": 1,
                "name": "Company review",
                "description": "The half-yearly review.",
                "rating_labels": list(DEFAULT_LABELS),
                "version": 1,
                "created_at": created,
                "updated_at": created,
            }
        ],
        "templates",
    )
    insert_rows(
        TemplateCompetency,
        [
            {"id": i + 1, "template_id": 1, "position": i, "name": name}
            for i, name in enumerate(COMPETENCIES)
        ],
        "competencies",
    )
    insert_rows(
        TemplateQuestion,
        [
            {"id": i + 1, "template_id": 1, "position": i, "text": text}
            for i, text in enumerate(QUESTIONS)
        ],
        "questions",
    )

    halves = _halves(today, CLOSED + 1)
    cycles, reviews, ratings, obstacles, needs, goals, flags = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    active_mix = [
        ReviewStatus.not_started,
        ReviewStatus.self_in_progress,
        ReviewStatus.self_submitted,
        ReviewStatus.manager_in_progress,
        ReviewStatus.shared,
        ReviewStatus.acknowledged,
    ]
    review_id = need_id = goal_id = 0
    for number, (name, start, end) in enumerate(halves, start=1):
        active = number == len(halves)
        launched = (
            _at(today - timedelta(days=18)) if active else _at(end + timedelta(2))
        )
        self_due = launched.date() + timedelta(days=14)
        closed_at = None if active else _at(self_due + timedelta(days=35))
        cycles.append(
            {
                "id": number,
                "name": name,
                "period_start": start,
                "period_end": end,
                "template_id": 1,
                "population": PopulationKind.hired_before,
                "department_ids": [],
                "hired_before": start + timedelta(days=60),
                "self_due_on": self_due,
                "manager_due_on": self_due + timedelta(days=14),
                "signoff_due_on": self_due + timedelta(days=28),
                "status": CycleStatus.active if active else CycleStatus.closed,
                "launched_at": launched,
                "closed_at": closed_at,
                "close_reason": "",
                "version": 1,
                "created_at": launched - timedelta(days=5),
                "updated_at": closed_at or launched,
            }
        )
        for emp, manager, hired_on in people:
            if hired_on >= start + timedelta(days=60):
                continue
            review_id += 1
            status = rng.choice(active_mix) if active else ReviewStatus.closed
            order = status.order
            self_at = launched + timedelta(days=rng.randint(2, 12))
            shared_at = self_at + timedelta(days=rng.randint(2, 10))
            signed_at = shared_at + timedelta(days=rng.randint(1, 6))
            has_self = order >= ReviewStatus.self_submitted.order
            has_manager = order >= ReviewStatus.manager_in_progress.order
            shared = order >= ReviewStatus.shared.order
            signed = order >= ReviewStatus.acknowledged.order
            overall = max(1, min(5, round(rng.gauss(3.5, 0.8))))
            reviews.append(
                {
                    "id": review_id,
                    "cycle_id": number,
                    "template_id": 1,
                    "employee_id": emp,
                    "reviewer_id": manager,
                    "status": status,
                    "period_start": start,
                    "period_end": end,
                    "self_due_on": self_due,
                    "achievements": "- Shipped the migration\n- Mentored a new hire"
                    if has_self
                    else "",
                    "answers": {"1": "The migration.", "2": "Unplanned work."}
                    if has_self
                    else {},
                    "self_submitted_at": self_at if has_self else None,
                    "self_skipped": False,
                    "strengths": rng.choice(STRENGTHS) if has_manager else "",
                    "areas_to_strengthen": rng.choice(AREAS) if has_manager else "",
                    "overall_rating": overall if has_manager else None,
                    "proposed_needs": [],
                    "proposed_goals": [],
                    "shared_at": shared_at if shared else None,
                    "acknowledged_at": signed_at if signed else None,
                    "employee_comment": "Thanks — a fair summary." if signed else "",
                    "employee_disagrees": signed and rng.random() < 0.03,
                    "closed_at": closed_at,
                    "version": 4,
                    "created_at": launched,
                    "updated_at": closed_at or (signed_at if signed else launched),
                }
            )
            for cid in range(1, len(COMPETENCIES) + 1):
                if not (has_self or has_manager):
                    break
                rating = max(1, min(5, overall + rng.choice([-1, 0, 0, 1])))
                ratings.append(
                    {
                        "review_id": review_id,
                        "competency_id": cid,
                        "self_rating": min(5, rating + rng.choice([0, 0, 1])),
                        "self_comment": rng.choice(SELF_COMMENTS),
                        "manager_rating": rating if has_manager else None,
                        "manager_comment": rng.choice(COMMENTS) if has_manager else "",
                    }
                )
            if not shared:
                continue
            if rng.random() < 0.3:
                category, description, remedy = rng.choice(OBSTACLES)
                obstacles.append(
                    {
                        "review_id": review_id,
                        "category": ObstacleCategory(category),
                        "description": description,
                        "remedy": remedy,
                    }
                )
            if rng.random() < 0.05:
                flags.append(
                    {
                        "review_id": review_id,
                        "rule": QualityRule.too_short,
                        "detail": "24 words from the manager.",
                        "created_at": shared_at,
                    }
                )
            for _ in range(rng.choice([0, 1, 1, 2])):
                need_id += 1
                due = end + timedelta(days=rng.choice([90, 120, 180]))
                fate = TrainingNeedStatus.open
                if not active:
                    fate = rng.choice(list(TrainingNeedStatus))
                met = fate is TrainingNeedStatus.met
                evidence = shared_at + timedelta(days=rng.randint(20, 80))
                needs.append(
                    {
                        "id": need_id,
                        "employee_id": emp,
                        "skill_id": rng.randint(1, 40),
                        "current_level": rng.randint(1, 3),
                        "target_level": rng.randint(3, 5),
                        "priority": rng.choice(list(Priority)),
                        "due_on": due,
                        "source": TrainingNeedSource.review,
                        "source_review_id": review_id,
                        "status": fate,
                        "drop_reason": rng.choice(DROP_REASONS)
                        if fate is TrainingNeedStatus.dropped
                        else "",
                        "verified_by_id": manager if met else None,
                        "verified_at": evidence + timedelta(days=5) if met else None,
                        "evidence_at": evidence
                        if fate
                        in (TrainingNeedStatus.met, TrainingNeedStatus.in_progress)
                        else None,
                        "version": 1,
                        "created_at": shared_at,
                        "updated_at": shared_at,
                    }
                )
            for _ in range(rng.choice([1, 1, 2])):
                goal_id += 1
                target = end + timedelta(days=rng.randint(60, 175))
                status = (
                    GoalStatus.active
                    if number >= len(halves) - 1
                    else rng.choice([GoalStatus.achieved, GoalStatus.missed])
                )
                goals.append(
                    {
                        "id": goal_id,
                        "owner_id": emp,
                        "title": "Lead the next release end to end",
                        "description": "Own the plan, the risks and the weekly update.",
                        "target_on": target,
                        "status": status,
                        "progress": 100
                        if status is GoalStatus.achieved
                        else rng.choice([20, 50, 70]),
                        "weight": 1,
                        "cycle_id": None,
                        "source_review_id": review_id,
                        "parent_id": None,
                        "version": 1,
                        "created_at": shared_at,
                        "updated_at": shared_at,
                    }
                )
    insert_rows(ReviewCycle, cycles, "review cycles")
    insert_rows(Review, reviews, "reviews")
    insert_rows(ReviewRating, ratings, "review ratings")
    insert_rows(ReviewObstacle, obstacles, "obstacles")
    insert_rows(ReviewQualityFlag, flags, "quality flags")
    insert_rows(TrainingNeed, needs, "training needs")
    insert_rows(Goal, goals, "goals")
    fx.ids.update(review_cycles=[c["id"] for c in cycles], reviews=[review_id])
