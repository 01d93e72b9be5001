"""SCIM provisioning (tokens, request log, external ids)

Revision ID: d1a2b3c4d506
Revises: d1a2b3c4d505
Create Date: 2026-12-03 12:45:00.000000
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd1a2b3c4d506'
down_revision = 'd1a2b3c4d505'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
