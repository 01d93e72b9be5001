"""interview policy: off the premises, and why an interview needed approval

Revision ID: d1a2b3c4d511
Revises: d1a2b3c4d510
Create Date: 2026-12-03 16:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d1a2b3c4d511"
down_revision = "d1a2b3c4d510"
branch_labels = None
depends_on = None

COLUMNS = ("off_premises", "over_count_limit", "over_hours_cap")


def upgrade():
    # See development/interview_policy.py: the premises rule and the exceptions HR sees.
    with op.batch_alter_table("informational_interviews") as batch:
        for name in COLUMNS:
            batch.add_column(
                sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())
            )


def downgrade():
    with op.batch_alter_table("informational_interviews") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
