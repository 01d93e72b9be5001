"""a time zone per person

Revision ID: d1a2b3c4d507
Revises: d1a2b3c4d506
Create Date: 2026-12-03 13:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd1a2b3c4d507'
down_revision = 'd1a2b3c4d506'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
