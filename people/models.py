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
from people.enums import ApiTokenKind, LinkPurpose, SkillLevelSource, TokenScope


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
    # The IANA zone pages show this person's times in (core.timezones); None: the
    # organisation's (SCHEDULER_TIMEZONE).
    time_zone: Mapped[str | None] = mapped_column(sa.String(64))
    # Provisioning (scim): the identity provider's own id for the person (SCIM
    # externalId, unique when set) and the company's employee number.
    external_id: Mapped[str | None] = mapped_column(sa.String(255), unique=True)
    employee_number: Mapped[str | None] = mapped_column(sa.String(64))

    department: Mapped[Department | None] = relationship(foreign_keys=[department_id])
    manager: Mapped["Employee | None"] = relationship(remote_side=[id])

    __table_args__ = (sa.Index("ix_employees_name", "name"),)

    def __repr__(self) -> str:
        return f"<Employee {self.email}>"


class ReportingLine(Model):
    """One (manager, report) pair of the org chart at any depth — a closure table kept
    by ``people.org_tree`` whenever an employee is added, moves or is removed, so a
    manager's whole subtree is one indexed lookup instead of a recursive scan on every
    page (``report_ids_select``, the home page's indirect count)."""

    __tablename__ = "reporting_lines"

    manager_id: Mapped[int] = mapped_column(
        sa.ForeignKey("employees.id", ondelete="CASCADE"), primary_key=True
    )
    employee_id: Mapped[int] = mapped_column(
        sa.ForeignKey("employees.id", ondelete="CASCADE"), primary_key=True
    )
    depth: Mapped[int]  # 1: a direct report; 2: a report's report …

    __table_args__ = (sa.Index("ix_reporting_lines_employee", "employee_id"),)


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
    # Bumped when every credential must die (password change, sign out everywhere,
    # disabled, the person leaves) but not at a plain sign-out: personal access tokens
    # carry it, so they outlive a sign-out and never outlive these (auth.tokens).
    credential_version: Mapped[int] = mapped_column(default=1)
    last_login_at: Mapped[datetime | None]
    # Two-factor sign-in (auth.two_factor): the TOTP secret, encrypted with a key from
    # SECRET_KEY (core.secrets_box), set once the person confirmed a code; the last
    # 30-second step a code was accepted for (no step is accepted twice).
    totp_secret_encrypted: Mapped[str | None] = mapped_column(sa.String(255))
    totp_enabled_at: Mapped[datetime | None]
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)
    # Company sign-in (auth.oidc): the OpenID provider's issuer and subject this account
    # is linked to — set once, at the first sign-in by a verified email or at creation.
    oidc_issuer: Mapped[str | None] = mapped_column(sa.String(255))
    oidc_subject: Mapped[str | None] = mapped_column(sa.String(255))

    employee: Mapped[Employee | None] = relationship()

    __table_args__ = (sa.UniqueConstraint("oidc_issuer", "oidc_subject"),)

    @property
    def has_two_factor(self) -> bool:
        return self.totp_enabled_at is not None and bool(self.totp_secret_encrypted)

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


class RecoveryCode(Model):
    """A single-use code that stands in for a lost authenticator; only its SHA-256 is
    stored (the code has 80 random bits, so no slow hash is needed)."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = foreign_key("users.id", index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None]


class ApiToken(Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = foreign_key("users.id", index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # None: a personal access token made to never expire (session tokens always do).
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    # The account's session_version at issue: a later sign-out, password change or
    # disable bumps the account's, and the token no longer matches (auth.tokens).
    session_version: Mapped[int] = mapped_column(default=1)
    kind: Mapped[ApiTokenKind] = enum_column(
        ApiTokenKind, 20, default=ApiTokenKind.session
    )
    # Personal access tokens: the owner's label, scope, last use (at most every 5
    # minutes) and the account's credential_version at issue (auth.personal_tokens).
    name: Mapped[str] = mapped_column(sa.String(100), default="")
    scope: Mapped[TokenScope] = enum_column(TokenScope, 20, default=TokenScope.write)
    last_used_at: Mapped[datetime | None]
    credential_version: Mapped[int] = mapped_column(default=1)

    user: Mapped[User] = relationship()


class AccountLink(Model):
    """A single-use emailed link: an invitation to create an account, or a password
    reset. Only the SHA-256 of the random token is stored (``auth.links``)."""

    __tablename__ = "account_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[LinkPurpose] = enum_column(LinkPurpose, 20)
    employee_id: Mapped[int | None] = foreign_key("employees.id", index=True)
    user_id: Mapped[int | None] = foreign_key("users.id", index=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = foreign_key("users.id", "SET NULL")
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    employee: Mapped[Employee | None] = relationship(foreign_keys=[employee_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])


class ResetRequest(Model):
    """One "forgot your password" request, counted per address and per client for the
    rate limits (kept for unknown addresses too: the answer must not differ)."""

    __tablename__ = "password_reset_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    client: Mapped[str] = mapped_column(sa.String(64))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        sa.Index("ix_reset_requests_email_at", "email", "requested_at"),
        sa.Index("ix_reset_requests_client_at", "client", "requested_at"),
    )


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
        # The latest level per (employee, skill): "no later level" probes it and the
        # level is read from it (people.queries.expected_skill_levels).
        sa.Index(
            "ix_skill_levels_latest",
            "employee_id",
            "skill_id",
            "assessed_at",
            "id",
            "level",
        ),
        sa.CheckConstraint("level BETWEEN 1 AND 5", name="level"),
    )
