"""the manager's desk (approval keeps the proposed schedule)

Revision ID: d1a2b3c4d508
Revises: d1a2b3c4d507
Create Date: 2026-12-03 13:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd1a2b3c4d508'
down_revision = 'd1a2b3c4d507'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
