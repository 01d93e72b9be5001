"""goals: a check-in cadence (default monthly)

Revision ID: d1a2b3c4d509
Revises: d1a2b3c4d508
Create Date: 2026-12-03 16:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d1a2b3c4d509"
down_revision = "d1a2b3c4d508"
branch_labels = None
depends_on = None

CADENCE = sa.Enum(
    "weekly",
    "fortnightly",
    "monthly",
    "quarterly",
    name="checkincadence",
    native_enum=False,
    length=12,
)


def upgrade():
    # Existing goals check in monthly: the 30 days the to-do list used before.
    with op.batch_alter_table("goals") as batch:
        batch.add_column(
            sa.Column(
                "check_in_cadence", CADENCE, nullable=False, server_default="monthly"
            )
        )


def downgrade():
    with op.batch_alter_table("goals") as batch:
        batch.drop_column("check_in_cadence")
