"""Org chart, accounts, skills, role profiles and skill-level history."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, aliased, column_property, mapped_column

from core.db import (
    TimestampMixin,
    Tracked,
    children,
    enum_column,
    foreign_key,
    relationship,
    utcnow,
)
from core.extensions import Model
from people.enums import SkillLevelSource


class Department(Tracked, Model):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    parent_id: Mapped[int | None] = foreign_key(
        "departments.id", "RESTRICT", index=True
    )

    parent: Mapped["Department | None"] = relationship(
        remote_side=[id], back_populates="children"
    )
    children: Mapped[list["Department"]] = relationship(back_populates="parent")

    def __repr__(self) -> str:
        return f"<Department {self.name}>"


class Employee(Tracked, Model):
    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(160))
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    job_title: Mapped[str] = mapped_column(sa.String(120), default="", index=True)
    department_id: Mapped[int | None] = foreign_key(
        "departments.id", "SET NULL", index=True
    )
    manager_id: Mapped[int | None] = foreign_key("employees.id", "SET NULL", index=True)
    hired_on: Mapped[date | None]
    is_active: Mapped[bool] = mapped_column(default=True)

    department: Mapped[Department | None] = relationship(foreign_keys=[department_id])
    manager: Mapped["Employee | None"] = relationship(remote_side=[id])

    __table_args__ = (sa.Index("ix_employees_name", "name"),)

    def __repr__(self) -> str:
        return f"<Employee {self.email}>"


class User(UserMixin, TimestampMixin, Model):
    """A login account. Linked to an employee except for a bootstrap admin."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    employee_id: Mapped[int | None] = foreign_key(
        "employees.id", "SET NULL", unique=True
    )
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    is_hr: Mapped[bool] = mapped_column(default=False)
    is_admin: Mapped[bool] = mapped_column(default=False)
    is_enabled: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    # Bumped at logout, deactivation and password change: every earlier session dies.
    session_version: Mapped[int] = mapped_column(default=1)
    last_login_at: Mapped[datetime | None]

    employee: Mapped[Employee | None] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.is_enabled

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def __repr__(self) -> str:
        return f"<User {self.email}>"


_report = aliased(Employee, name="any_report")
# Whether the account's employee manages anyone: a correlated EXISTS that rides on every
# User load, so the navigation ("Reports" for managers) costs no statement of its own.
# Permission checks still go through ``people.permissions.has_reports``.
User.manages_people = column_property(
    sa.exists()
    .where(_report.manager_id == User.employee_id)
    .correlate_except(_report)
    .label("manages_people")
)


class LoginAttempt(Model):
    """Failed logins, counted in the database so a lockout holds across workers."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (sa.Index("ix_login_attempts_email_at", "email", "attempted_at"),)


class ApiToken(Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = foreign_key("users.id", index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    # The account's session_version at issue: a later sign-out, password change or
    # disable bumps the account's, and the token no longer matches (auth.tokens).
    session_version: Mapped[int] = mapped_column(default=1)

    user: Mapped[User] = relationship()


class Skill(Tracked, Model):
    __tablename__ = "skills"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    group: Mapped[str] = mapped_column(sa.String(80), default="", index=True)
    description: Mapped[str] = mapped_column(sa.Text, default="")


class RoleProfile(Tracked, Model):
    """Expected skill levels for a job title."""

    __tablename__ = "role_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_title: Mapped[str] = mapped_column(sa.String(120), unique=True)
    description: Mapped[str] = mapped_column(sa.Text, default="")

    expectations: Mapped[list["RoleProfileSkill"]] = children(
        "role_profile", "RoleProfileSkill.id"
    )


class RoleProfileSkill(Model):
    __tablename__ = "role_profile_skills"

    id: Mapped[int] = mapped_column(primary_key=True)
    role_profile_id: Mapped[int] = foreign_key("role_profiles.id")
    skill_id: Mapped[int] = foreign_key("skills.id")
    expected_level: Mapped[int]

    role_profile: Mapped[RoleProfile] = relationship(back_populates="expectations")
    skill: Mapped[Skill] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("role_profile_id", "skill_id"),
        sa.CheckConstraint("expected_level BETWEEN 1 AND 5", name="expected_level"),
    )


class EmployeeSkillLevel(Model):
    """One assessment of one skill; the latest per (employee, skill) is current."""

    __tablename__ = "employee_skill_levels"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = foreign_key("employees.id")
    skill_id: Mapped[int] = foreign_key("skills.id")
    level: Mapped[int]
    assessed_at: Mapped[datetime] = mapped_column(default=utcnow)
    source: Mapped[SkillLevelSource] = enum_column(SkillLevelSource, 20)
    # The object that produced it (a review, a training need), by type and id.
    source_id: Mapped[int | None]
    assessed_by_id: Mapped[int | None] = foreign_key("users.id", "SET NULL")

    skill: Mapped[Skill] = relationship()
    employee: Mapped[Employee] = relationship()

    __table_args__ = (
        sa.Index(
            "ix_skill_levels_emp_skill_at", "employee_id", "skill_id", "assessed_at"
        ),
        sa.CheckConstraint("level BETWEEN 1 AND 5", name="level"),
    )
