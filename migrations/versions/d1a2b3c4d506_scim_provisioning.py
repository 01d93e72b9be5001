"""SCIM provisioning (tokens, request log, external ids)

Revision ID: d1a2b3c4d506
Revises: d1a2b3c4d505
Create Date: 2026-12-03 12:45:00.000000

``employees`` gains the identity provider's externalId (unique when set) and the
employee number; SCIM's own tables: its bearer tokens (SHA-256 only), the request log
(no bodies), the people it deleted and the managers it named before they arrived.
"""
from alembic import op
import sqlalchemy as sa

import core.db


# revision identifiers, used by Alembic.
revision = 'd1a2b3c4d506'
down_revision = 'd1a2b3c4d505'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('employees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('external_id', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('employee_number', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_employees_external_id'), ['external_id'])

    op.create_table('scim_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_used_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_scim_tokens_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scim_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_scim_tokens_token_hash'))
    )
    op.create_table('scim_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('path', sa.String(length=255), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('token_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['token_id'], ['scim_tokens.id'], name=op.f('fk_scim_requests_token_id_scim_tokens'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scim_requests'))
    )
    with op.batch_alter_table('scim_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scim_requests_at'), ['at'], unique=False)

    op.create_table('scim_deletions',
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], name=op.f('fk_scim_deletions_employee_id_employees'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('employee_id', name=op.f('pk_scim_deletions'))
    )
    op.create_table('scim_pending_managers',
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('manager_value', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], name=op.f('fk_scim_pending_managers_employee_id_employees'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('employee_id', name=op.f('pk_scim_pending_managers'))
    )
    with op.batch_alter_table('scim_pending_managers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scim_pending_managers_manager_value'), ['manager_value'], unique=False)


def downgrade():
    with op.batch_alter_table('scim_pending_managers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scim_pending_managers_manager_value'))
    op.drop_table('scim_pending_managers')
    op.drop_table('scim_deletions')
    with op.batch_alter_table('scim_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scim_requests_at'))
    op.drop_table('scim_requests')
    op.drop_table('scim_tokens')
    with op.batch_alter_table('employees', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_employees_external_id'), type_='unique')
        batch_op.drop_column('employee_number')
        batch_op.drop_column('external_id')
