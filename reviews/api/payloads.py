"""The review as one caller may see it: the single place that shapes review output.

``review_payload`` leaves ``self_part`` / ``manager_part`` as ``None`` when the caller
may not see them (``reviews.permissions.can_view_self_part`` / ``can_view_manager_part``)
and adds ``quality_flags`` only for HR, so the employee never receives the manager's
draft and the manager never receives an unsubmitted self-assessment. The parts are not
even built for a caller who may not see them.
"""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from core.extensions import db
from people.models import Skill
from reviews import permissions as perms
from reviews.history import History
from reviews.models import Goal, Review, ReviewQualityFlag, TrainingNeed


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _ratings(review: Review, prefix: str) -> list[dict]:
    rows = {r.competency_id: r for r in review.ratings}
    out = []
    for competency in review.template.competencies:
        row = rows.get(competency.id)
        rating = getattr(row, f"{prefix}_rating") if row else None
        out.append(
            {
                "competency_id": competency.id,
                "competency": competency.name,
                "rating": rating,
                "label": review.template.label(rating),
                "comment": getattr(row, f"{prefix}_comment") if row else "",
            }
        )
    return out


def _self_part(review: Review) -> dict:
    answers = review.answers or {}
    return {
        "ratings": _ratings(review, "self"),
        "answers": [
            {
                "question_id": q.id,
                "question": q.text,
                "answer": answers.get(str(q.id), ""),
            }
            for q in review.template.questions
        ],
        "achievements": review.achievements,
        "submitted_at": review.self_submitted_at,
        "skipped": review.self_skipped,
    }


def _needs(review: Review) -> list[dict]:
    """Needs already created from this review, then those still only proposed."""
    out = []
    if review.shared_at is not None:
        rows = db.session.scalars(
            sa.select(TrainingNeed)
            .where(TrainingNeed.source_review_id == review.id)
            .options(joinedload(TrainingNeed.skill))
            .order_by(TrainingNeed.id)
        )
        out += [
            {
                "id": n.id,
                "skill_id": n.skill_id,
                "skill_name": n.skill.name,
                "target_level": n.target_level,
                "priority": n.priority.value,
                "due_on": n.due_on,
                "status": n.status.value,
            }
            for n in rows
        ]
    proposed = review.proposed_needs or []
    if proposed:
        ids = {item["skill_id"] for item in proposed}
        names: dict[int, str] = dict(
            db.session.execute(
                sa.select(Skill.id, Skill.name).where(Skill.id.in_(ids))
            ).all()
        )
        out += [
            {
                "id": None,
                "skill_id": item["skill_id"],
                "skill_name": names.get(item["skill_id"], ""),
                "target_level": item["target_level"],
                "priority": item["priority"],
                "due_on": _date(item.get("due_on")),
                "status": None,
            }
            for item in proposed
        ]
    return out


def goal_dict(goal: Goal) -> dict:
    return {
        "id": goal.id,
        "title": goal.title,
        "description": goal.description,
        "target_on": goal.target_on,
        "status": goal.status.value,
        "progress": goal.progress,
    }


def _goals(review: Review) -> list[dict]:
    out = []
    if review.shared_at is not None:
        rows = db.session.scalars(
            sa.select(Goal).where(Goal.source_review_id == review.id).order_by(Goal.id)
        )
        out += [goal_dict(g) for g in rows]
    out += [
        {
            **item,
            "target_on": _date(item.get("target_on")),
            "id": None,
            "status": None,
            "progress": None,
        }
        for item in review.proposed_goals or []
    ]
    return out


def _manager_part(review: Review) -> dict:
    return {
        "ratings": _ratings(review, "manager"),
        "strengths": review.strengths,
        "areas_to_strengthen": review.areas_to_strengthen,
        "obstacles": [
            {
                "category": o.category.value,
                "category_label": o.category.title,
                "description": o.description,
                "remedy": o.remedy,
            }
            for o in review.obstacles
        ],
        "training_needs": _needs(review),
        "goals": _goals(review),
        "overall_rating": review.overall_rating,
        "overall_label": review.template.label(review.overall_rating),
        "shared_at": review.shared_at,
    }


def _quality_flags(review: Review) -> list[dict]:
    flags = db.session.scalars(
        sa.select(ReviewQualityFlag)
        .where(ReviewQualityFlag.review_id == review.id)
        .order_by(ReviewQualityFlag.id)
    )
    return [
        {"rule": f.rule.value, "title": f.rule.title, "detail": f.detail} for f in flags
    ]


def review_payload(user, review: Review) -> dict:
    """``review`` (loaded with ``reviews.queries.load_review``) as ``user`` may see it."""
    payload = {
        "id": review.id,
        "cycle": review.cycle,
        "employee": review.employee,
        "reviewer": review.reviewer,
        "status": review.status,
        "period_start": review.period_start,
        "period_end": review.period_end,
        "self_due_on": review.self_due_on,
        "shared_at": review.shared_at,
        "acknowledged_at": review.acknowledged_at,
        "closed_at": review.closed_at,
        "version": review.version,
        "template": {
            "id": review.template.id,
            "name": review.template.name,
            "rating_labels": review.template.rating_labels,
        },
        "self_part": None,
        "manager_part": None,
        "sign_off": None,
        "addenda": [
            {
                "id": a.id,
                "author": a.author.email if a.author else None,
                "created_at": a.created_at,
                "text": a.text,
            }
            for a in review.addenda
        ],
    }
    if perms.can_view_self_part(user, review):
        payload["self_part"] = _self_part(review)
    if perms.can_view_manager_part(user, review):
        payload["manager_part"] = _manager_part(review)
    if review.acknowledged_at is not None:
        payload["sign_off"] = {
            "acknowledged_at": review.acknowledged_at,
            "comment": review.employee_comment,
            "disagrees": review.employee_disagrees,
        }
    if perms.can_view_quality_flags(user, review):
        payload["quality_flags"] = _quality_flags(review)
    return payload


def history_payload(history: History) -> dict:
    """``reviews.history.History`` as plain data for ``HistorySchema``."""
    return {
        "previous": [
            {
                "id": r.id,
                "label": r.cycle.name if r.cycle else f"Ad hoc {r.period_end}",
                "period_start": r.period_start,
                "period_end": r.period_end,
                "overall_rating": r.overall_rating,
                "ratings": {
                    x.competency.name: x.manager_rating
                    for x in r.ratings
                    if x.manager_rating is not None
                },
            }
            for r in history.previous
        ],
        "competencies": history.competencies,
        "series": {
            name: [{"label": label, "rating": rating} for label, rating in points]
            for name, points in history.series.items()
        },
        "goals": [goal_dict(g) for g in history.goals],
        "previous_needs": [
            {
                "id": f.need.id,
                "skill_id": f.need.skill_id,
                "skill_name": f.need.skill.name,
                "target_level": f.need.target_level,
                "priority": f.need.priority.value,
                "due_on": f.need.due_on,
                "status": f.need.status.value,
                "drop_reason": f.need.drop_reason,
                "fate": f.fate,
                "fate_label": f.label,
            }
            for f in history.previous_needs
        ],
        "development": [{"line": line} for line in history.development],
        "learning": _learning_payload(history.learning),
    }


def _learning_payload(learning) -> dict | None:
    """``development.learning_record.ReviewLearning`` as plain data (duck-typed: reviews
    never imports development's types)."""
    if learning is None:
        return None
    return {
        "period_start": learning.period_start,
        "period_end": learning.period_end,
        "keeps_learning": learning.status.value,
        "window_months": learning.window_months,
        "activities": learning.activities,
        "hours": learning.hours,
        "given_hours": learning.given_hours,
        "interviews_conducted": learning.interviews_conducted,
        "interviews_given": learning.interviews_given,
        "by_kind": [
            {"kind": kind.value, "activities": t.activities, "hours": t.hours}
            for kind, t in learning.by_kind
        ],
        "evidence": [
            {
                "need_id": e.need_id,
                "skill_name": e.skill_name,
                "need_status": e.need_status,
                "activity_id": e.activity_id,
                "title": e.title,
                "kind": e.kind.value if e.kind else None,
                "on": e.on_day,
                "is_verified": e.is_verified,
            }
            for e in learning.evidence
        ],
        "suggestions": [
            {
                "id": x.id,
                "topic": x.topic,
                "contact_name": x.contact_name,
                "manager_name": x.manager_name,
                "created_at": x.created_at,
                "status": x.status,
                "interview_id": x.interview_id,
                "interview_status": (
                    x.interview_status.value if x.interview_status else None
                ),
                "outcome": x.outcome,
            }
            for x in learning.suggestions
        ],
    }
