"""invitation and password-reset links, reset requests

Revision ID: d1a2b3c4d502
Revises: d1a2b3c4d501
Create Date: 2026-12-03 12:40:00.000000
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd1a2b3c4d502'
down_revision = 'd1a2b3c4d501'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
