"""Per-document topic strength, so choosing an answer's sources reads one index range.

Choosing the three sources a topic answer quotes grouped every tagged passage of the topic
(tens of thousands in a store of 10,000 pages) on every question. ``document_topic`` holds
each document's strongest tag and tag count per topic; ingestion writes it beside the tags, and
this migration fills it for a store built before.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create document_topic and its ranking index, and fill it from the passages' tags."""
    op.create_table(
        "document_topic",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(50), nullable=False),
        sa.Column("best_weight", sa.Float(), nullable=False),
        sa.Column("tagged", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name="fk_document_topic_document_id_document",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "topic", name="pk_document_topic"),
    )
    op.create_index(
        "ix_document_topic_rank",
        "document_topic",
        ["topic", "best_weight", "tagged", "slug"],
    )
    op.execute(
        "INSERT INTO document_topic (document_id, topic, best_weight, tagged, slug) "
        "SELECT p.document_id, t.topic, max(t.weight), count(*), d.slug "
        "FROM passage_topic t JOIN passage p ON p.id = t.passage_id "
        "JOIN document d ON d.id = p.document_id "
        "GROUP BY p.document_id, t.topic, d.slug"
    )


def downgrade() -> None:
    """Drop document_topic."""
    op.drop_index("ix_document_topic_rank", table_name="document_topic")
    op.drop_table("document_topic")
