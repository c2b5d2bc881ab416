"""Initial schema: every table of the domain in product.md.

Revision ID: 0001
Revises:
Create Date: 2026-11-29 14:22:52.308800
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision: create every table, referenced tables first."""
    _registry_and_trail()
    _plan_tree()
    _task_parts()
    _progress()


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_sha256"))
        batch_op.drop_index(batch_op.f("ix_attachment_progress_report_id"))

    op.drop_table("attachment")
    with op.batch_alter_table("task_department", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_department_task_id"))
        batch_op.drop_index(batch_op.f("ix_task_department_department_id"))

    op.drop_table("task_department")
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_task_id"))
        batch_op.drop_index(batch_op.f("ix_target_section_id"))
        batch_op.drop_index(batch_op.f("ix_target_plan_id"))

    op.drop_table("target")
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progress_report_task_id"))

    op.drop_table("progress_report")
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_milestone_task_id"))

    op.drop_table("milestone")
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_section_id"))
        batch_op.drop_index(batch_op.f("ix_task_plan_id"))

    op.drop_table("task")
    with op.batch_alter_table("section", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_section_plan_id"))

    op.drop_table("section")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_record")

    op.drop_table("audit_event")
    op.drop_table("user_account")
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_report_id"))

    op.drop_table("plan")
    op.drop_table("report")
    op.drop_table("department")


def _registry_and_trail() -> None:
    """Reports, departments, users and the audit trail."""
    op.create_table(
        "department",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department")),
        sa.UniqueConstraint("name", name=op.f("uq_department_name")),
    )

    op.create_table(
        "report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("source", sa.LargeBinary(), nullable=False),
        sa.Column("encoding", sa.String(length=32), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("region", sa.String(length=128), nullable=True),
        sa.Column("plan_year", sa.Integer(), nullable=True),
        sa.Column("extraction", sa.JSON(), nullable=False),
        sa.Column("extractor_version", sa.String(length=32), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report")),
        sa.UniqueConstraint("sha256", name=op.f("uq_report_sha256")),
    )

    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=128), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "admin",
                "supervisor",
                "department",
                "leader",
                name="user_role",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "role <> 'department' OR department_id IS NOT NULL", name=op.f("ck_user_account_department_user")
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["department.id"],
            name=op.f("fk_user_account_department_id_department"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("username", name=op.f("uq_user_account_username")),
    )

    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=128), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["user_account.id"], name=op.f("fk_audit_event_actor_id_user_account"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index("ix_audit_event_record", ["table_name", "record_id"], unique=False)


def _plan_tree() -> None:
    """Plans and their sections and tasks."""
    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft", "published", "closed", name="plan_status", native_enum=False, create_constraint=True, length=16
            ),
            nullable=False,
        ),
        sa.Column("plan_year", sa.Integer(), nullable=False),
        sa.Column("term_start", sa.Integer(), nullable=True),
        sa.Column("term_end", sa.Integer(), nullable=True),
        sa.Column(
            "cycle",
            sa.Enum(
                "monthly", "quarterly", name="reporting_cycle", native_enum=False, create_constraint=True, length=16
            ),
            nullable=False,
        ),
        sa.Column("yellow_points", sa.Float(), nullable=False),
        sa.Column("red_points", sa.Float(), nullable=False),
        sa.Column("growth_yellow_points", sa.Float(), nullable=False),
        sa.Column("not_started_periods", sa.Integer(), nullable=False),
        sa.Column("approx_tolerance_points", sa.Float(), nullable=False),
        sa.Column("report_grace_days", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("term_start IS NULL OR term_end >= term_start", name=op.f("ck_plan_term")),
        sa.CheckConstraint("yellow_points >= 0 AND yellow_points <= red_points", name=op.f("ck_plan_thresholds")),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_plan_report_id_report"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan")),
    )
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_report_id"), ["report_id"], unique=False)

    op.create_table(
        "section",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "review",
                "programme",
                "plan",
                "other",
                name="section_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["section.id"], name=op.f("fk_section_parent_id_section"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_section_plan_id_plan"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_section")),
        sa.UniqueConstraint("plan_id", "key", name=op.f("uq_section_plan_id_key")),
    )
    with op.batch_alter_table("section", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_section_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(length=32), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("lead_leader", sa.String(length=64), nullable=True),
        sa.Column("horizon_start", sa.Integer(), nullable=True),
        sa.Column("horizon_end", sa.Integer(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("quote_start", sa.Integer(), nullable=True),
        sa.Column("quote_end", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_task_plan_id_plan"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["section_id"], ["section.id"], name=op.f("fk_task_section_id_section"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
    )
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_section_id"), ["section_id"], unique=False)


def _task_parts() -> None:
    """What hangs under a task: milestones, targets and assigned departments."""
    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], name=op.f("fk_milestone_task_id_task"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestone")),
    )
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_milestone_task_id"), ["task_id"], unique=False)

    op.create_table(
        "target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=True),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("metric", sa.Text(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "growth",
                "level",
                "ratio",
                "qualitative",
                name="target_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column(
            "comparator",
            sa.Enum(">=", "<=", "~", "=", name="comparator", native_enum=False, create_constraint=True, length=16),
            nullable=True,
        ),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=32), nullable=True),
        sa.Column("base_value", sa.Float(), nullable=True),
        sa.Column("base_unit", sa.String(length=32), nullable=True),
        sa.Column("horizon_start", sa.Integer(), nullable=True),
        sa.Column("horizon_end", sa.Integer(), nullable=True),
        sa.Column("per_year", sa.Boolean(), nullable=False),
        sa.Column("commitment", sa.String(length=16), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("quote_start", sa.Integer(), nullable=True),
        sa.Column("quote_end", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("quote_end IS NULL OR quote_end >= quote_start", name=op.f("ck_target_quote_span")),
        sa.CheckConstraint("task_id IS NOT NULL OR section_id IS NOT NULL", name=op.f("ck_target_owner")),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_target_plan_id_plan"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["section_id"], ["section.id"], name=op.f("fk_target_section_id_section"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], name=op.f("fk_target_task_id_task"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target")),
    )
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_target_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_target_section_id"), ["section_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_target_task_id"), ["task_id"], unique=False)

    op.create_table(
        "task_department",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "lead", "cooperating", name="department_role", native_enum=False, create_constraint=True, length=16
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["department.id"],
            name=op.f("fk_task_department_department_id_department"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_task_department_task_id_task"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_department")),
        sa.UniqueConstraint("task_id", "department_id", name=op.f("uq_task_department_task_id_department_id")),
    )
    with op.batch_alter_table("task_department", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_department_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_department_task_id"), ["task_id"], unique=False)


def _progress() -> None:
    """Progress reports and their attachments."""
    op.create_table(
        "progress_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("period_year", sa.Integer(), nullable=False),
        sa.Column("period_month", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "draft",
                "submitted",
                "approved",
                "returned",
                name="report_state",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("percent", sa.Float(), nullable=True),
        sa.Column("progress_text", sa.Text(), nullable=False),
        sa.Column("problems", sa.Text(), nullable=False),
        sa.Column("next_steps", sa.Text(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "percent IS NULL OR (percent >= 0 AND percent <= 100)", name=op.f("ck_progress_report_percent")
        ),
        sa.CheckConstraint("period_month BETWEEN 1 AND 12", name=op.f("ck_progress_report_period_month")),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["user_account.id"],
            name=op.f("fk_progress_report_author_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["user_account.id"],
            name=op.f("fk_progress_report_reviewer_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_progress_report_task_id_task"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_report")),
        sa.UniqueConstraint(
            "task_id", "period_year", "period_month", name=op.f("uq_progress_report_task_id_period_year_period_month")
        ),
    )
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_progress_report_task_id"), ["task_id"], unique=False)

    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("progress_report_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=128), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("size >= 0", name=op.f("ck_attachment_size")),
        sa.ForeignKeyConstraint(
            ["progress_report_id"],
            ["progress_report.id"],
            name=op.f("fk_attachment_progress_report_id_progress_report"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by"],
            ["user_account.id"],
            name=op.f("fk_attachment_uploaded_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_progress_report_id"), ["progress_report_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_sha256"), ["sha256"], unique=False)
