"""a time zone per person

Revision ID: d1a2b3c4d507
Revises: d1a2b3c4d506
Create Date: 2026-12-03 13:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d1a2b3c4d507"
down_revision = "d1a2b3c4d506"
branch_labels = None
depends_on = None


def upgrade():
    # NULL: the organisation's zone (SCHEDULER_TIMEZONE); see core/timezones.py.
    with op.batch_alter_table("employees") as batch:
        batch.add_column(sa.Column("time_zone", sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table("employees") as batch:
        batch.drop_column("time_zone")
