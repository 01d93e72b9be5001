"""Read-side queries shared by views, API and reports (no state changes here)."""

import sqlalchemy as sa

from people.models import Employee, EmployeeSkillLevel


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
