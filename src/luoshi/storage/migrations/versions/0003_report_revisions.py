"""Progress reports get a revision: a correction of an approved report is a new report beside it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 14:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "uq_progress_report_task_id_period_year_period_month"
NEW = "uq_progress_report_task_id_period_year_period_month_revision"


def upgrade() -> None:
    """Add the revision column (1 for every existing report) and make it part of the unique key."""
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), server_default="1", nullable=False))
        batch_op.drop_constraint(OLD, type_="unique")
        batch_op.create_unique_constraint(NEW, ["task_id", "period_year", "period_month", "revision"])


def downgrade() -> None:
    """Keep only the first revision of each period's report and drop the column."""
    op.execute("DELETE FROM progress_report WHERE revision > 1")
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.drop_constraint(NEW, type_="unique")
        batch_op.create_unique_constraint(OLD, ["task_id", "period_year", "period_month"])
        batch_op.drop_column("revision")
