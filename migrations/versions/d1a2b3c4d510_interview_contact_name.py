"""an interview keeps its contact's name when the contact is deleted

Revision ID: d1a2b3c4d510
Revises: d1a2b3c4d509
Create Date: 2026-12-03 16:20:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d1a2b3c4d510"
down_revision = "d1a2b3c4d509"
branch_labels = None
depends_on = None


def upgrade():
    # "" while the contact exists (the name is read from it); the snapshot written
    # by ``development.services.contacts.delete_contact``.
    with op.batch_alter_table("informational_interviews") as batch:
        batch.add_column(
            sa.Column(
                "contact_name", sa.String(length=160), nullable=False, server_default=""
            )
        )


def downgrade():
    with op.batch_alter_table("informational_interviews") as batch:
        batch.drop_column("contact_name")
