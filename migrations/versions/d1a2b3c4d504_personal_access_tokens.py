"""personal access tokens (name, scope, last use, credential version)

Revision ID: d1a2b3c4d504
Revises: d1a2b3c4d503
Create Date: 2026-12-03 12:40:00.000000

Existing rows are session tokens (kind 'session', scope 'write': a session token has
the account's full rights); every account starts at credential version 1. A personal
access token may never expire, so ``expires_at`` becomes nullable.
"""
from alembic import op
import sqlalchemy as sa

import core.db


# revision identifiers, used by Alembic.
revision = 'd1a2b3c4d504'
down_revision = 'd1a2b3c4d503'
branch_labels = None
depends_on = None

KIND = sa.Enum('session', 'personal', name='apitokenkind', native_enum=False, length=20)
SCOPE = sa.Enum('read', 'write', name='tokenscope', native_enum=False, length=20)
DEFAULTS = ('kind', 'name', 'scope', 'credential_version')


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('credential_version', sa.Integer(), nullable=False, server_default='1'))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('credential_version', server_default=None)

    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', KIND, nullable=False, server_default='session'))
        batch_op.add_column(sa.Column('name', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('scope', SCOPE, nullable=False, server_default='write'))
        batch_op.add_column(sa.Column('last_used_at', core.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('credential_version', sa.Integer(), nullable=False, server_default='1'))
        batch_op.alter_column('expires_at', existing_type=core.db.UTCDateTime(timezone=True), nullable=True)
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        for column in DEFAULTS:
            batch_op.alter_column(column, server_default=None)


def downgrade():
    # Personal access tokens have no place in the old table: they go.
    op.execute("DELETE FROM api_tokens WHERE kind = 'personal'")
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.alter_column('expires_at', existing_type=core.db.UTCDateTime(timezone=True), nullable=False)
        for column in ('credential_version', 'last_used_at', 'scope', 'name', 'kind'):
            batch_op.drop_column(column)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('credential_version')
