"""Attachments keep their bytes once per content hash, in attachment_blob.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 14:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FK = "fk_attachment_sha256_attachment_blob"


def upgrade() -> None:
    """Create the blob table, move each distinct content into it, and point attachments at it."""
    op.create_table(
        "attachment_blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("size >= 0", name=op.f("ck_attachment_blob_size")),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachment_blob")),
    )
    op.execute(
        "INSERT INTO attachment_blob (sha256, size, content, stored_at) "
        "SELECT sha256, size, content, uploaded_at FROM attachment "
        "WHERE id IN (SELECT MIN(id) FROM attachment GROUP BY sha256)"
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_column("content")
        batch_op.create_foreign_key(FK, "attachment_blob", ["sha256"], ["sha256"], ondelete="RESTRICT")


def downgrade() -> None:
    """Copy the bytes back into each attachment and drop the blob table."""
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_constraint(FK, type_="foreignkey")
        batch_op.add_column(sa.Column("content", sa.LargeBinary(), nullable=True))
    op.execute(
        "UPDATE attachment SET content = "
        "(SELECT content FROM attachment_blob WHERE attachment_blob.sha256 = attachment.sha256)"
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.alter_column("content", existing_type=sa.LargeBinary(), nullable=False)
    op.drop_table("attachment_blob")
