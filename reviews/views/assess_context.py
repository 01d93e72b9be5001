"""What the manager's form shows besides its own fields: the employee's part beside
each competency, the need picker's levels, and which collapsible sections start open.

Decisions: the need picker names every skill with the person's latest assessed level
and the level their role profile expects ("Python · now 2 · role expects 4"), so a
need that is already met is visible before it is refused; the service still refuses a
target at or below the current level, on that row's level field. Sections other than
the ratings start closed (a short form on a phone) unless they hold an error.
"""

import sqlalchemy as sa

from core.extensions import db
from people.models import Employee, RoleProfile, RoleProfileSkill, Skill
from reviews.models import Review
from reviews.services.outcomes import current_levels

TOP_LEVEL = 5

# Section id -> the error keys (exact, or a prefix followed by a row number or an id)
# that open it.
SECTIONS = {
    "ratings": ("ratings", "rating_", "comment_"),
    "strengths": ("strengths", "areas_to_strengthen"),
    "obstacles": ("obstacles", "obstacle_"),
    "needs": ("training_needs", "need_"),
    "goals": ("goals", "goal_"),
    "overall": ("overall_rating",),
}
ALWAYS_OPEN = {"ratings", "overall"}


def open_sections(errors: dict | None) -> set[str]:
    """The sections shown open: the ratings and overall rating, and any with an error."""
    opened = set(ALWAYS_OPEN)
    for section, keys in SECTIONS.items():
        if any(e == k or e.startswith(k) for e in errors or {} for k in keys):
            opened.add(section)
    return opened


def expected_levels(employee: Employee) -> dict[int, int]:
    """skill id -> the level the person's role profile expects (one query)."""
    rows = db.session.execute(
        sa.select(RoleProfileSkill.skill_id, RoleProfileSkill.expected_level)
        .join(RoleProfile, RoleProfile.id == RoleProfileSkill.role_profile_id)
        .where(RoleProfile.job_title == employee.job_title)
    ).tuples()
    return dict(rows.all())


def level_note(current: int | None, expected: int | None) -> str:
    """What the picker says beside a skill: "now 2 · role expects 4 · met"."""
    parts = [f"now {current}" if current is not None else "not assessed"]
    if expected is not None:
        parts.append(f"role expects {expected}")
    if current is not None and current >= TOP_LEVEL:
        parts.append("at the top level")
    elif current is not None and expected is not None and current >= expected:
        parts.append("met")
    return " · ".join(parts)


def need_skill_choices(review: Review) -> list[tuple[int, str]]:
    """The need picker: every skill with the person's current and expected level; the
    skills their role expects come first (three queries)."""
    current = current_levels(review.employee_id)
    expected = expected_levels(review.employee)
    rows = sorted(
        db.session.execute(
            sa.select(Skill.id, Skill.name).order_by(Skill.group, Skill.name)
        ),
        key=lambda row: row.id not in expected,  # stable: keeps the name order
    )
    return [
        (
            row.id,
            f"{row.name} · {level_note(current.get(row.id), expected.get(row.id))}",
        )
        for row in rows
    ]


def section_summaries(review: Review, form) -> dict[str, str]:
    """A word on each closed section's summary line: what it holds now."""

    def count(prefix: str) -> int:
        return sum(1 for k, v in form.items() if k.startswith(prefix) and v)

    def filled(n: int, one: str) -> str:
        return "none yet" if not n else f"{n} {one}{'' if n == 1 else 's'}"

    rated = sum(1 for c in review.template.competencies if form.get(f"rating_{c.id}"))
    written = [k for k in ("strengths", "areas_to_strengthen") if form.get(k)]
    return {
        "ratings": f"{rated} of {len(review.template.competencies)} rated",
        "strengths": f"{len(written)} of 2 written",
        "obstacles": filled(count("obstacle_description_"), "obstacle"),
        "needs": filled(count("need_skill_"), "need"),
        "goals": filled(count("goal_title_"), "goal"),
        "overall": "rated" if form.get("overall_rating") else "not rated yet",
    }
