"""The review flow: self-assessment, manager assessment, share, acknowledge, addenda,
reopen. Each function checks permission and state, mutates, audits and flushes."""

import sqlalchemy as sa
from sqlalchemy.orm.attributes import flag_modified

from core.audit import record_event
from core.clock import local_today
from core.dates import order_message
from core.db import utcnow
from core.errors import Conflict, InvalidTransition, ValidationFailed
from core.extensions import db
from core.permissions import require
from people.models import Skill
from reviews import permissions as perms
from reviews.enums import ReviewStatus
from reviews.models import Review, ReviewAddendum, ReviewObstacle, ReviewRating
from reviews.queries import manager_ratings_by_name, previous_reviews
from reviews.schemas.forms import DISAGREE_NEEDS_REASON
from reviews.services.common import transition
from reviews.services.outcomes import current_levels, materialise_outcomes
from reviews.services.quality import flag_quality_issues

S = ReviewStatus
JUMP = 2


def _invalid(field: str, message: str):
    raise ValidationFailed(
        "Nothing was saved; correct the fields marked.", {field: message}
    )


def _check_version(review: Review, data: dict) -> None:
    version = data.pop("version", None)
    if version is not None and version != review.version:
        raise Conflict("Someone else changed this review; reload and try again.")


def _touch(review: Review, now) -> None:
    """Always UPDATE the review row, so its version (the ETag) moves even when a save
    changed only rating or obstacle rows — else a stale If-Match would slip through."""
    review.updated_at = now
    flag_modified(review, "updated_at")


def _apply_ratings(review: Review, ratings: list[dict], prefix: str) -> None:
    """Upsert self_/manager_ ratings, checking competency and scale."""
    competencies = {c.id: c for c in review.template.competencies}
    scale = review.template.scale_max
    existing = {r.competency_id: r for r in review.ratings}
    seen = set()
    for item in ratings:
        cid = item["competency_id"]
        if cid not in competencies:
            _invalid("ratings", f"Competency {cid} is not part of this review.")
        if cid in seen:
            _invalid("ratings", f"Competency {cid} is rated twice.")
        seen.add(cid)
        if item.get("rating") is not None and item["rating"] > scale:
            _invalid("ratings", f"Ratings go from 1 to {scale}.")
        row = existing.get(cid)
        if row is None:
            row = ReviewRating(competency_id=cid, competency=competencies[cid])
            review.ratings.append(row)
            existing[cid] = row
        setattr(row, f"{prefix}_rating", item.get("rating"))
        setattr(row, f"{prefix}_comment", (item.get("comment") or "").strip())


def _parts(data: dict) -> dict:
    """The audit diff of a draft save: the parts saved, not their contents."""
    return {"fields": sorted(k for k in data if k not in ("version", "submit"))}


def save_self_assessment(actor, review: Review, data: dict, *, now=None) -> Review:
    """Save the employee's part as a draft, or submit it (``data["submit"]``)."""
    now = now or utcnow()
    require(perms.can_view_review(actor, review))
    perms.SELF_PART.check(actor, review)
    data = dict(data)
    _check_version(review, data)
    _apply_ratings(review, data.get("ratings", []), "self")
    questions = {q.id for q in review.template.questions}
    answers = dict(review.answers or {})
    for item in data.get("answers", []):
        if item["question_id"] not in questions:
            _invalid(
                "answers", f"Question {item['question_id']} is not in this review."
            )
        answers[str(item["question_id"])] = item["answer"].strip()
    review.answers = answers
    review.achievements = (data.get("achievements") or "").strip()
    if data.get("submit"):
        unrated = unrated_competencies(review, "self")
        if unrated:
            raise ValidationFailed(
                "Nothing was saved; correct the fields marked.",
                {
                    "ratings": unrated_errors(
                        unrated,
                        data.get("ratings", []),
                        "Rate every competency before submitting: ",
                        before="submit",
                    )
                },
            )
        review.self_submitted_at = now
        transition(actor, review, S.self_submitted, now=now)
    elif review.status is S.not_started:
        transition(actor, review, S.self_in_progress, now=now)
    else:  # a draft saved again: which parts, never what they say
        record_event(actor, review, "self_assessment_saved", _parts(data), now=now)
    _touch(review, now)
    db.session.flush()
    return review


def unrated_errors(unrated, sent: list[dict], lead: str, *, before: str) -> dict | str:
    """The group's message naming every unrated competency (``_schema``, on the rating
    set) and each one's own on its rating — ``{"_schema": "Rate every competency: A,
    B", "3": {"rating": "Rate A before you submit."}}``, by its place in the
    ``ratings`` sent, so a form marks and links each empty field — or the group's
    message alone when one of them was not sent at all (an API body that leaves a
    competency out). ``before``: the action refused ("submit", "share")."""
    group = lead + ", ".join(c.name for c in unrated)
    place = {item["competency_id"]: str(i) for i, item in enumerate(sent)}
    if any(c.id not in place for c in unrated):
        return group
    return {
        "_schema": group,
        **{
            place[c.id]: {"rating": f"Rate {c.name} before you {before}."}
            for c in unrated
        },
    }


def unrated_competencies(review: Review, prefix: str) -> list:
    """The template's competencies without a ``prefix`` ("self"/"manager") rating."""
    rated = {
        r.competency_id
        for r in review.ratings
        if getattr(r, f"{prefix}_rating") is not None
    }
    return [c for c in review.template.competencies if c.id not in rated]


def save_manager_assessment(actor, review: Review, data: dict, *, now=None) -> Review:
    """Save the manager's part (a draft until shared)."""
    now = now or utcnow()
    require(perms.can_view_review(actor, review))
    perms.MANAGER_PART.check(actor, review)
    if not perms.can_start_manager_part(review, now.date()):
        raise InvalidTransition(
            "The self-assessment is not submitted yet; you can start after it is, "
            f"or after its due date ({review.self_due_on})."
        )
    data = dict(data)
    _check_version(review, data)
    if (
        "overall_rating" in data
        and (data["overall_rating"] or 0) > review.template.scale_max
    ):
        _invalid("overall_rating", f"Ratings go from 1 to {review.template.scale_max}.")
    _check_proposed_dates(data, local_today(now))
    _apply_ratings(review, data.get("ratings", []), "manager")
    for key in ("strengths", "areas_to_strengthen"):
        if key in data:
            setattr(review, key, (data[key] or "").strip())
    if "overall_rating" in data:
        review.overall_rating = data["overall_rating"]
    if "obstacles" in data:
        review.obstacles.clear()
        for item in data["obstacles"]:
            review.obstacles.append(ReviewObstacle(**item))
    if "training_needs" in data:
        review.proposed_needs = _needs_json(review, data["training_needs"])
    if "goals" in data:
        review.proposed_goals = [
            {
                **g,
                "target_on": g["target_on"].isoformat() if g.get("target_on") else None,
            }
            for g in data["goals"]
        ]
    if review.status is not S.manager_in_progress:
        skipped = review.self_submitted_at is None
        review.self_skipped = skipped
        transition(actor, review, S.manager_in_progress, now=now, self_skipped=skipped)
    else:
        record_event(actor, review, "manager_assessment_saved", _parts(data), now=now)
    _touch(review, now)
    db.session.flush()
    return review


def _check_proposed_dates(data: dict, today) -> None:
    """Proposed needs and goals are not due before the day they are proposed."""
    for group, key, what in (
        ("training_needs", "due_on", "the day it is proposed"),
        ("goals", "target_on", "the day it is proposed"),
    ):
        for item in data.get(group) or []:
            if item.get(key) is not None and item[key] < today:
                _invalid(group, order_message(key, today, what))


def _needs_json(review: Review, needs: list[dict]) -> list[dict]:
    ids = {n["skill_id"] for n in needs}
    skills = (
        dict(
            db.session.execute(
                sa.select(Skill.id, Skill.name).where(Skill.id.in_(ids))
            ).all()
        )
        if ids
        else {}
    )
    current = current_levels(review.employee_id)
    rows: dict[str, dict] = {}  # every row's problem at once, on its own field
    for i, n in enumerate(needs):
        level = current.get(n["skill_id"])
        if n["skill_id"] not in skills:
            rows[str(i)] = {"skill_id": f"No such skill: {n['skill_id']}."}
        elif level is not None and n["target_level"] <= level:
            rows[str(i)] = {
                "target_level": f"{skills[n['skill_id']]} is already at level "
                f"{level}: this need is met. Set a higher target or leave it out."
            }
    if rows:
        raise ValidationFailed(
            "Nothing was saved; correct the fields marked.", {"training_needs": rows}
        )
    return [
        {
            "skill_id": n["skill_id"],
            "target_level": n["target_level"],
            "priority": n["priority"].value,
            "due_on": n["due_on"].isoformat() if n.get("due_on") else None,
        }
        for n in needs
    ]


def share_problems(review: Review, previous: Review | None) -> dict[str, str]:
    """What stops the manager's part from being shared (empty when complete)."""
    problems = {}
    unrated = unrated_competencies(review, "manager")
    if unrated:
        problems["ratings"] = "Rate every competency: " + ", ".join(
            c.name for c in unrated
        )
    if review.overall_rating is None:
        problems["overall_rating"] = "Give an overall rating."
    silent = silent_changes(review, previous)
    if silent:
        problems["ratings"] = SILENT_LEAD + ", ".join(c.name for c in silent)
    return problems


SILENT_LEAD = "A rating that moved by 2 or more since the last review needs a comment: "


def silent_changes(review: Review, previous: Review | None) -> list:
    """The competencies whose manager's rating moved by ``JUMP`` or more since
    ``previous`` without a comment."""
    before = manager_ratings_by_name(previous)
    return [
        r.competency
        for r in review.ratings
        if r.manager_rating is not None
        and r.competency.name in before
        and abs(r.manager_rating - before[r.competency.name]) >= JUMP
        and not r.manager_comment
    ]


def silent_errors(review: Review, sent: list[dict]) -> dict | str:
    """``share_problems``' message on the rating set and each silent change's own on
    its comment (``{"_schema": …, "2": {"comment": …}}``, by place in the ``ratings``
    sent), like ``unrated_errors``; the message alone when one was not sent."""
    earlier = previous_reviews(review, limit=1)
    silent = silent_changes(review, earlier[0] if earlier else None)
    group = SILENT_LEAD + ", ".join(c.name for c in silent)
    place = {item["competency_id"]: str(i) for i, item in enumerate(sent)}
    if any(c.id not in place for c in silent):
        return group
    return {
        "_schema": group,
        **{
            place[c.id]: {"comment": f"Say why the {c.name} rating moved by 2 or more."}
            for c in silent
        },
    }


def share_review(actor, review: Review, *, now=None) -> Review:
    """Share the manager's part with the employee; needs and goals become real rows."""
    now = now or utcnow()
    require(perms.can_view_review(actor, review))
    require(perms.is_reviewer(actor, review), "Only the reviewer shares the review.")
    if not perms.can_share(actor, review):
        raise InvalidTransition(
            "Only a review whose manager's part is in progress can be shared."
        )
    earlier = previous_reviews(review, limit=1)
    previous = earlier[0] if earlier else None
    problems = share_problems(review, previous)
    if problems:
        raise ValidationFailed("The review cannot be shared yet.", problems)
    materialise_outcomes(actor, review, now=now)
    review.shared_at = now
    transition(actor, review, S.shared, now=now)
    flag_quality_issues(review, previous, now=now)
    db.session.flush()
    return review


def acknowledge_review(actor, review: Review, data: dict, *, now=None) -> Review:
    """The employee signs off, optionally with a comment; "I disagree" needs one (the
    reason, kept with the review and shown to HR).

    :raises ValidationFailed: disagreeing without a reason (on ``comment``).
    """
    now = now or utcnow()
    require(perms.can_view_review(actor, review))
    require(perms.is_subject(actor, review), "Only the employee acknowledges a review.")
    if not perms.can_acknowledge(actor, review):
        raise InvalidTransition("Only a shared review can be acknowledged.")
    comment = (data.get("comment") or "").strip()
    if data.get("disagree") and not comment:  # the schema says so too; jobs, tests
        _invalid("comment", DISAGREE_NEEDS_REASON)
    review.employee_comment = comment
    review.employee_disagrees = bool(data.get("disagree"))
    review.acknowledged_at = now
    transition(
        actor, review, S.acknowledged, now=now, disagree=review.employee_disagrees
    )
    db.session.flush()
    return review


def add_addendum(actor, review: Review, data: dict, *, now=None) -> ReviewAddendum:
    """Add text to a signed review (the review itself does not change)."""
    now = now or utcnow()
    require(perms.can_view_review(actor, review))
    if not review.status.is_signed:
        raise InvalidTransition(
            "Addenda are for signed reviews; edit the review instead."
        )
    require(perms.can_add_addendum(actor, review))
    addendum = ReviewAddendum(author_id=actor.id, created_at=now, text=data["text"])
    review.addenda.append(addendum)
    db.session.flush()
    record_event(actor, review, "addendum_added", {"addendum_id": addendum.id}, now=now)
    return addendum


def reopen_review(actor, review: Review, data: dict, *, now=None) -> Review:
    """HR reopens a signed review for the manager, with a reason; the signed content is
    kept in the audit event."""
    now = now or utcnow()
    require(perms.can_view_review(actor, review))
    require(perms.can_reopen(actor, review), "Only HR reopens a signed review.")
    snapshot = signed_snapshot(review)
    review.acknowledged_at = None
    review.closed_at = None
    transition(
        actor,
        review,
        S.manager_in_progress,
        now=now,
        reason=data["reason"],
        signed=snapshot,
    )
    db.session.flush()
    return review


def signed_snapshot(review: Review) -> dict:
    """Everything a signature covers, as plain data (audit, and the invariant tests)."""
    return {
        "ratings": sorted(
            (
                r.competency_id,
                r.self_rating,
                r.self_comment,
                r.manager_rating,
                r.manager_comment,
            )
            for r in review.ratings
        ),
        "strengths": review.strengths,
        "areas_to_strengthen": review.areas_to_strengthen,
        "overall_rating": review.overall_rating,
        "obstacles": sorted(
            (o.category.value, o.description, o.remedy) for o in review.obstacles
        ),
        "achievements": review.achievements,
        "answers": review.answers,
        "employee_comment": review.employee_comment,
        "employee_disagrees": review.employee_disagrees,
        "shared_at": review.shared_at.isoformat() if review.shared_at else None,
    }
