"""report indexes: each person's latest skill level, and reviews by person and status

Revision ID: d1a2b3c4d512
Revises: d1a2b3c4d511
Create Date: 2026-12-03 18:55:00.000000
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "d1a2b3c4d512"
down_revision = "d1a2b3c4d511"
branch_labels = None
depends_on = None

# (table, old index, its columns, new index, its columns): each new index starts with
# the old one's columns, so it serves every query the old one did, and replaces it.
CHANGES = (
    (
        # people.queries.expected_skill_levels: "no later level" probes it and reads
        # the level from it (covering).
        "employee_skill_levels",
        "ix_skill_levels_emp_skill_at",
        ["employee_id", "skill_id", "assessed_at"],
        "ix_skill_levels_latest",
        ["employee_id", "skill_id", "assessed_at", "id", "level"],
    ),
    (
        # reports.base.shared_reviews: the reports' counts of shared reviews of the
        # people in scope, from the index alone.
        "reviews",
        "ix_reviews_employee_id",
        ["employee_id"],
        "ix_reviews_employee_status",
        ["employee_id", "status"],
    ),
)


def upgrade():
    for table, old, _, new, columns in CHANGES:
        with op.batch_alter_table(table) as batch:
            batch.create_index(new, columns, unique=False)
            batch.drop_index(old)


def downgrade():
    for table, old, old_columns, new, _ in reversed(CHANGES):
        with op.batch_alter_table(table) as batch:
            batch.create_index(old, old_columns, unique=False)
            batch.drop_index(new)
