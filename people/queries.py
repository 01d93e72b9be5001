"""Read-side queries shared by views, API and reports (no state changes here)."""

from collections.abc import Callable, Iterable

import sqlalchemy as sa
from sqlalchemy.sql.selectable import NamedFromClause

from people.models import (
    Employee,
    EmployeeSkillLevel,
    RoleProfile,
    RoleProfileSkill,
    Skill,
    User,
)


def filter_people(stmt: sa.Select, args: dict) -> sa.Select:
    """Apply directory search and filters to a select of Employee."""
    q = (args.get("q") or "").strip()
    if q:
        like = f"%{q.lower()}%"
        stmt = stmt.where(
            sa.or_(
                sa.func.lower(Employee.name).like(like),
                sa.func.lower(Employee.email).like(like),
                sa.func.lower(Employee.job_title).like(like),
            )
        )
    if args.get("department_id"):
        stmt = stmt.where(Employee.department_id == args["department_id"])
    if args.get("job_title"):
        stmt = stmt.where(Employee.job_title == args["job_title"])
    if args.get("manager_id"):
        stmt = stmt.where(Employee.manager_id == args["manager_id"])
    return stmt


def latest_skill_levels(employee_id: int) -> sa.Select:
    """Select the latest EmployeeSkillLevel per skill of one employee."""
    ranked = (
        sa.select(
            EmployeeSkillLevel.id,
            sa.func.row_number()
            .over(
                partition_by=EmployeeSkillLevel.skill_id,
                order_by=(
                    EmployeeSkillLevel.assessed_at.desc(),
                    EmployeeSkillLevel.id.desc(),
                ),
            )
            .label("rn"),
        )
        .where(EmployeeSkillLevel.employee_id == employee_id)
        .subquery()
    )
    return (
        sa.select(EmployeeSkillLevel)
        .join(ranked, ranked.c.id == EmployeeSkillLevel.id)
        .where(ranked.c.rn == 1)
        .order_by(EmployeeSkillLevel.skill_id)
    )


def skill_history(employee_id: int) -> sa.Select:
    """Select every EmployeeSkillLevel of one employee: per skill, oldest first."""
    return (
        sa.select(EmployeeSkillLevel)
        .where(EmployeeSkillLevel.employee_id == employee_id)
        .order_by(
            EmployeeSkillLevel.skill_id,
            EmployeeSkillLevel.assessed_at,
            EmployeeSkillLevel.id,
        )
    )


def expected_skill_levels(
    employee_ids, columns: Callable[[NamedFromClause], Iterable]
) -> tuple[sa.Select, NamedFromClause]:
    """Each person in ``employee_ids`` (ids or a select) × each skill their job title's
    role profile expects, outer-joined to ``latest``: the latest assessed level per
    (person, skill), NULL when never assessed (one statement).
    ``columns(latest)`` picks what to select; returns (statement, latest).

    "Latest" is the level with no later one: a later ``assessed_at``, or the same
    ``assessed_at`` and a higher id — the order of ``latest_skill_levels``. Written as
    NOT EXISTS, each (person, skill) is two probes of ``ix_skill_levels_latest``, which
    also holds the level; the window function it replaces ranked every level of
    everyone in scope first (twice the time at 20,000 people, measured)."""
    table = EmployeeSkillLevel.__table__
    latest, later = table.alias("latest"), table.alias("later")
    no_later = ~sa.exists().where(
        later.c.employee_id == latest.c.employee_id,
        later.c.skill_id == latest.c.skill_id,
        sa.or_(
            later.c.assessed_at > latest.c.assessed_at,
            sa.and_(
                later.c.assessed_at == latest.c.assessed_at, later.c.id > latest.c.id
            ),
        ),
    )
    stmt = (
        sa.select(*columns(latest))
        .select_from(Employee)
        .join(RoleProfile, RoleProfile.job_title == Employee.job_title)
        .join(RoleProfileSkill, RoleProfileSkill.role_profile_id == RoleProfile.id)
        .join(Skill, Skill.id == RoleProfileSkill.skill_id)
        .outerjoin(
            latest,
            sa.and_(
                latest.c.employee_id == Employee.id,
                latest.c.skill_id == Skill.id,
                no_later,
            ),
        )
        .where(Employee.id.in_(employee_ids))
    )
    return stmt, latest


def register_time_zone_column() -> None:
    """Load the signed-in user's ``Employee.time_zone`` with the account as
    ``user.time_zone`` (``core.hooks``): pages show times in it, no extra query."""
    from core.hooks import register_user_column

    def expression(user_id):
        # Correlated to the loader's own User row (its employee_id).
        return (
            sa.select(Employee.time_zone)
            .where(Employee.id == User.employee_id)
            .scalar_subquery()
        )

    register_user_column("time_zone", expression)
