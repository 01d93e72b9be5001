"""api tokens: the account's session version at issue (tokens die with the session)

Revision ID: c13a1b2c3d40
Revises: c24a0b5e6c30
Create Date: 2026-12-03 10:50:00.000000

Tokens issued before this revision get version 0, which no account has (versions start
at 1): they are refused and their holders sign in again once (tokens last 12 hours).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c13a1b2c3d40'
down_revision = 'c24a0b5e6c30'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.alter_column('session_version', server_default=None)


def downgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_column('session_version')
