"""reporting lines: the org chart as a closure table (people.org_tree); one person's
open needs by due date (the home page's to-do list)

Revision ID: d1a2b3c4d513
Revises: d1a2b3c4d512
Create Date: 2026-12-03 19:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d1a2b3c4d513"
down_revision = "d1a2b3c4d512"
branch_labels = None
depends_on = None

# Every (manager, report, depth) from employees.manager_id, as people.org_tree.rebuild.
BACKFILL = """
INSERT INTO reporting_lines (manager_id, employee_id, depth)
WITH RECURSIVE computed_lines(manager_id, employee_id, depth) AS (
    SELECT manager_id, id, 1 FROM employees WHERE manager_id IS NOT NULL
    UNION ALL
    SELECT computed_lines.manager_id, below.id, computed_lines.depth + 1
    FROM computed_lines JOIN employees AS below
        ON below.manager_id = computed_lines.employee_id
    WHERE computed_lines.depth < 50
)
SELECT manager_id, employee_id, depth FROM computed_lines
"""


def upgrade():
    op.create_table(
        "reporting_lines",
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employees.id"],
            name=op.f("fk_reporting_lines_employee_id_employees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["employees.id"],
            name=op.f("fk_reporting_lines_manager_id_employees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "manager_id", "employee_id", name=op.f("pk_reporting_lines")
        ),
    )
    op.create_index(
        "ix_reporting_lines_employee", "reporting_lines", ["employee_id"], unique=False
    )
    op.execute(BACKFILL)
    op.create_index(
        "ix_training_needs_employee_status_due",
        "training_needs",
        ["employee_id", "status", "due_on"],
        unique=False,
    )


def downgrade():
    op.drop_index("ix_training_needs_employee_status_due", table_name="training_needs")
    op.drop_index("ix_reporting_lines_employee", table_name="reporting_lines")
    op.drop_table("reporting_lines")
