"""job runs: progress, heartbeat, made up by, process; outbox: the sender's claim and lease

Revision ID: c24a0b5e6c30
Revises: c11f1d3e4b20
Create Date: 2026-12-03 09:50:00.000000

"""
from alembic import op
import sqlalchemy as sa

import core.db


# revision identifiers, used by Alembic.
revision = 'c24a0b5e6c30'
down_revision = 'c11f1d3e4b20'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('job_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('progress', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('heartbeat_at', core.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('made_up_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('made_up', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('process', sa.String(length=120), nullable=False, server_default=''))
        batch_op.create_foreign_key(batch_op.f('fk_job_runs_made_up_by_id_job_runs'), 'job_runs', ['made_up_by_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('job_runs', schema=None) as batch_op:
        batch_op.alter_column('progress', server_default=None)
        batch_op.alter_column('process', server_default=None)

    with op.batch_alter_table('email_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('lease_until', core.db.UTCDateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('email_messages', schema=None) as batch_op:
        batch_op.drop_column('lease_until')
        batch_op.drop_column('claimed_by')

    with op.batch_alter_table('job_runs', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_job_runs_made_up_by_id_job_runs'), type_='foreignkey')
        batch_op.drop_column('process')
        batch_op.drop_column('made_up')
        batch_op.drop_column('made_up_by_id')
        batch_op.drop_column('heartbeat_at')
        batch_op.drop_column('progress')
