"""a mentorship's cadence, end, next session and mentor; hours per session

Revision ID: d1a2b3c4d508
Revises: d1a2b3c4d507
Create Date: 2026-12-03 16:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d1a2b3c4d508"
down_revision = "d1a2b3c4d507"
branch_labels = None
depends_on = None

CADENCE = sa.Enum(
    "weekly", "fortnightly", "monthly", name="cadence", native_enum=False, length=20
)


def upgrade():
    # The plan sits on the mentoring activity (NULL on every other kind).
    with op.batch_alter_table("development_activities") as batch:
        batch.add_column(sa.Column("cadence", CADENCE, nullable=True))
        batch.add_column(sa.Column("plan_ends_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("planned_sessions", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("next_session_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("mentor_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_development_activities_mentor_id_employees"),
            "employees",
            ["mentor_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(
            op.f("ix_development_activities_mentor_id"), ["mentor_id"], unique=False
        )
        batch.create_check_constraint(
            op.f("ck_development_activities_planned_sessions"), "planned_sessions > 0"
        )
    # Each session counts in its own month with its own hours (1 h before this).
    with op.batch_alter_table("mentoring_sessions") as batch:
        batch.add_column(
            sa.Column("hours", sa.Float(), nullable=False, server_default="1.0")
        )


def downgrade():
    with op.batch_alter_table("mentoring_sessions") as batch:
        batch.drop_column("hours")
    with op.batch_alter_table("development_activities") as batch:
        batch.drop_constraint(
            op.f("ck_development_activities_planned_sessions"), type_="check"
        )
        batch.drop_index(op.f("ix_development_activities_mentor_id"))
        batch.drop_constraint(
            op.f("fk_development_activities_mentor_id_employees"), type_="foreignkey"
        )
        for column in (
            "mentor_id",
            "next_session_on",
            "planned_sessions",
            "plan_ends_on",
            "cadence",
        ):
            batch.drop_column(column)
