"""Review templates (HR). A template used by a cycle is locked: duplicate to change it."""

import sqlalchemy as sa

from core.audit import record_event
from core.errors import Conflict, ValidationFailed
from core.extensions import db
from core.permissions import require
from core.queries import is_free
from people.models import Skill
from reviews import permissions as perms
from reviews.models import (
    ReviewCycle,
    ReviewTemplate,
    TemplateCompetency,
    TemplateQuestion,
)
from reviews.models.templates import DEFAULT_LABELS


def is_locked(template: ReviewTemplate) -> bool:
    """True once any cycle uses the template."""
    return bool(
        db.session.scalar(
            sa.select(sa.exists().where(ReviewCycle.template_id == template.id))
        )
    )


def _check(template: ReviewTemplate | None, data: dict) -> None:
    if not is_free(ReviewTemplate, "name", data.get("name"), template):
        raise ValidationFailed(
            "Nothing was saved.", {"name": "A template with this name exists."}
        )
    skill_ids = {
        c["skill_id"] for c in data.get("competencies", []) if c.get("skill_id")
    }
    if skill_ids:
        found = set(
            db.session.scalars(sa.select(Skill.id).where(Skill.id.in_(skill_ids)))
        )
        if skill_ids - found:
            raise ValidationFailed(
                "Nothing was saved.",
                {"competencies": "A competency names an unknown skill."},
            )
    names = [c["name"].lower() for c in data.get("competencies", [])]
    if len(names) != len(set(names)):
        raise ValidationFailed(
            "Nothing was saved.",
            {"competencies": "Each competency name may appear once."},
        )


def _fill(template: ReviewTemplate, data: dict) -> None:
    template.name = data.get("name", template.name)
    template.description = data.get("description", template.description)
    if data.get("rating_labels") is not None or not template.rating_labels:
        template.rating_labels = data.get("rating_labels") or list(DEFAULT_LABELS)
    if "competencies" in data:
        template.competencies.clear()
        db.session.flush()
        for position, item in enumerate(data["competencies"]):
            template.competencies.append(TemplateCompetency(position=position, **item))
    if "questions" in data:
        template.questions.clear()
        for position, item in enumerate(data["questions"]):
            template.questions.append(TemplateQuestion(position=position, **item))


def create_template(actor, data: dict, *, now=None) -> ReviewTemplate:
    """Create a template with its competencies and questions."""
    require(perms.can_manage_templates(actor))
    _check(None, data)
    template = ReviewTemplate(competencies=[], questions=[], rating_labels=[])
    _fill(template, data)
    db.session.add(template)
    db.session.flush()
    record_event(actor, template, "created", {"name": template.name}, now=now)
    return template


def update_template(actor, template: ReviewTemplate, data: dict) -> ReviewTemplate:
    """Change a template that no cycle uses yet.

    :raises Conflict: the template is locked.
    """
    require(perms.can_manage_templates(actor))
    data = dict(data)
    version = data.pop("version", None)
    if version is not None and version != template.version:
        raise Conflict("Someone else changed this template; reload and try again.")
    if is_locked(template):
        raise Conflict(
            "This template is used by a cycle and is locked; duplicate it to change it."
        )
    _check(template, data)
    _fill(template, data)
    template.updated_at = sa.func.now()
    db.session.flush()
    record_event(actor, template, "updated", {"fields": sorted(data)})
    return template


def duplicate_template(actor, template: ReviewTemplate) -> ReviewTemplate:
    """Copy a template (e.g. a locked one) under a new name."""
    require(perms.can_manage_templates(actor))
    n = 2
    name = f"{template.name} (copy)"
    while db.session.scalar(
        sa.select(ReviewTemplate.id).where(ReviewTemplate.name == name)
    ):
        name = f"{template.name} (copy {n})"
        n += 1
    data = {
        "name": name,
        "description": template.description,
        "rating_labels": list(template.rating_labels or DEFAULT_LABELS),
        "competencies": [
            {"name": c.name, "description": c.description, "skill_id": c.skill_id}
            for c in template.competencies
        ],
        "questions": [{"text": q.text} for q in template.questions],
    }
    copy = create_template(actor, data)
    record_event(actor, copy, "duplicated", {"from": template.id})
    return copy
