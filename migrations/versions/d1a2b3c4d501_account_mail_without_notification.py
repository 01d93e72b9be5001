"""account mail: outbox messages without a notification (invitations, password reset)

Revision ID: d1a2b3c4d501
Revises: c13a1b2c3d40
Create Date: 2026-12-03 12:40:00.000000
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd1a2b3c4d501'
down_revision = 'c13a1b2c3d40'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('email_messages', schema=None) as batch_op:
        batch_op.alter_column('notification_id', existing_type=sa.Integer(), nullable=True)


def downgrade():
    op.execute("DELETE FROM email_messages WHERE notification_id IS NULL")
    with op.batch_alter_table('email_messages', schema=None) as batch_op:
        batch_op.alter_column('notification_id', existing_type=sa.Integer(), nullable=False)
