"""Informational interviews, contacts, the question bank, suggestions and the policy."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import (
    TimestampMixin,
    Tracked,
    VersionMixin,
    enum_column,
    foreign_key,
    relationship,
    utcnow,
)
from core.extensions import Model
from development.enums import (
    ContactSource,
    InterviewDirection,
    InterviewMode,
    InterviewStatus,
    SuggestionStatus,
)
from development.models.activities import DevelopmentActivity
from people.models import Employee


class Contact(TimestampMixin, Model):
    """Someone an employee talks to (owned by that employee)."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = foreign_key("employees.id", index=True)
    name: Mapped[str] = mapped_column(sa.String(160))
    title: Mapped[str] = mapped_column(sa.String(160), default="")
    organisation: Mapped[str] = mapped_column(sa.String(160), default="")
    industry: Mapped[str] = mapped_column(sa.String(120), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    phone: Mapped[str] = mapped_column(sa.String(60), default="")
    profile_url: Mapped[str] = mapped_column(sa.String(500), default="")
    source: Mapped[ContactSource] = enum_column(
        ContactSource, 30, default=ContactSource.other
    )
    connected_on: Mapped[date | None]


class InformationalInterview(Tracked, Model):
    __tablename__ = "informational_interviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = foreign_key("development_activities.id", unique=True)
    employee_id: Mapped[int] = foreign_key("employees.id", index=True)
    direction: Mapped[InterviewDirection] = enum_column(InterviewDirection, 10)
    status: Mapped[InterviewStatus] = enum_column(
        InterviewStatus, 20, default=InterviewStatus.idea
    )
    contact_id: Mapped[int | None] = foreign_key("contacts.id", "SET NULL", index=True)
    # The contact's name, written when the contact is deleted (``delete_contact``):
    # the interview's history stays readable. "" while the contact exists.
    contact_name: Mapped[str] = mapped_column(sa.String(160), default="")
    referred_by_id: Mapped[int | None] = foreign_key(
        "informational_interviews.id", "SET NULL", index=True
    )
    purpose: Mapped[str] = mapped_column(sa.Text, default="")
    target_role: Mapped[str] = mapped_column(sa.String(160), default="")
    target_industry: Mapped[str] = mapped_column(sa.String(160), default="")
    target_organisation: Mapped[str] = mapped_column(sa.String(160), default="")
    mode: Mapped[InterviewMode] = enum_column(
        InterviewMode, 10, default=InterviewMode.video
    )
    outreach_message: Mapped[str] = mapped_column(sa.Text, default="")
    requested_on: Mapped[date | None]
    scheduled_at: Mapped[datetime | None]
    duration_minutes: Mapped[int] = mapped_column(default=20)
    location: Mapped[str] = mapped_column(sa.String(300), default="")
    research_notes: Mapped[str] = mapped_column(sa.Text, default="")
    questions: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # PRIVATE: the owner's alone — never in other people's responses, exports, emails or
    # audit diffs (the private-data sweep plants a marker here).
    private_notes: Mapped[str] = mapped_column(sa.Text, default="")
    notes_permission_asked: Mapped[bool] = mapped_column(default=False)
    takeaways: Mapped[str] = mapped_column(sa.Text, default="")  # shared by choice
    thank_you_sent_on: Mapped[date | None]
    follow_up_on: Mapped[date | None]
    confidentiality_confirmed: Mapped[bool] = mapped_column(default=False)
    # Held away from the premises (in person, elsewhere): refused when the policy keeps
    # interviews on the premises (development.interview_policy).
    off_premises: Mapped[bool] = mapped_column(default=False)
    needs_approval: Mapped[bool] = mapped_column(default=False)
    # Why it needed the manager's approval (kept after the approval, for HR's learning
    # report): over the monthly count, over the paid-hours cap, or both.
    over_count_limit: Mapped[bool] = mapped_column(default=False)
    over_hours_cap: Mapped[bool] = mapped_column(default=False)
    approved_by_id: Mapped[int | None] = foreign_key("users.id", "SET NULL")
    approved_at: Mapped[datetime | None]
    mentorship_activity_id: Mapped[int | None] = foreign_key(
        "development_activities.id", "SET NULL"
    )

    activity: Mapped[DevelopmentActivity] = relationship(foreign_keys=[activity_id])
    contact: Mapped[Contact | None] = relationship()
    employee: Mapped[Employee] = relationship()

    @property
    def contact_label(self) -> str:
        """Who the interview is with: the contact's name, or the name kept when the
        contact was deleted ("" for none)."""
        return self.contact.name if self.contact is not None else self.contact_name


class QuestionTopic(Model):
    """The question bank: the standard topics (seeded) and HR's additions."""

    __tablename__ = "question_topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(sa.String(300), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    is_standard: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)


class InterviewSuggestion(Model):
    """A manager suggests an informational interview; the employee accepts or dismisses."""

    __tablename__ = "interview_suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[int] = foreign_key("employees.id")
    employee_id: Mapped[int] = foreign_key("employees.id", index=True)
    topic: Mapped[str] = mapped_column(sa.String(300))
    contact_name: Mapped[str] = mapped_column(sa.String(160), default="")
    review_id: Mapped[int | None] = foreign_key("reviews.id", "SET NULL")
    status: Mapped[SuggestionStatus] = enum_column(
        SuggestionStatus, 10, default=SuggestionStatus.open
    )
    interview_id: Mapped[int | None] = foreign_key(
        "informational_interviews.id", "SET NULL"
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DevelopmentPolicy(VersionMixin, Model):
    """The organisation's settings (one row): interviews and the keeps-learning rule."""

    __tablename__ = "development_policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    interviews_per_month: Mapped[int] = mapped_column(default=2)
    interviews_on_paid_time: Mapped[bool] = mapped_column(default=True)
    paid_hours_per_month: Mapped[float] = mapped_column(default=2.0)
    may_leave_premises: Mapped[bool] = mapped_column(default=True)
    # Keeps learning: "active" with evidence in at least active_months of the last
    # window_months; "lapsing" with some evidence in the window; else "inactive".
    window_months: Mapped[int] = mapped_column(default=3)
    active_months: Mapped[int] = mapped_column(default=2)
