"""The store as it was before migrations: documents, sections, passages, topics, salary facts.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the tables and the full-text index."""
    op.create_table(
        "document",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(200), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("publisher", sa.String(200)),
        sa.Column("title", sa.String(300)),
        sa.Column("author", sa.String(200)),
        sa.Column("published", sa.String(10)),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_document"),
        sa.UniqueConstraint("slug", name="uq_document_slug"),
    )
    op.create_table(
        "section",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("heading", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_section"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name="fk_section_document_id_document",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_section_document_id", "section", ["document_id"])
    op.create_table(
        "passage",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("section_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("lead", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_passage"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name="fk_passage_document_id_document",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["section.id"],
            name="fk_passage_section_id_section",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_passage_section_id", "passage", ["section_id"])
    op.create_index("ix_passage_document_id", "passage", ["document_id"])
    op.create_table(
        "passage_topic",
        sa.Column("passage_id", sa.Integer, nullable=False),
        sa.Column("topic", sa.String(50), nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("passage_id", "topic", name="pk_passage_topic"),
        sa.ForeignKeyConstraint(
            ["passage_id"],
            ["passage.id"],
            name="fk_passage_topic_passage_id_passage",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_passage_topic_topic", "passage_topic", ["topic"])
    op.create_table(
        "salary_fact",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("passage_id", sa.Integer),
        sa.Column("country", sa.String(2)),
        sa.Column("level", sa.String(10)),
        sa.Column("level_label", sa.String(100)),
        sa.Column("low", sa.Integer),
        sa.Column("high", sa.Integer),
        sa.Column("open_ended", sa.Boolean, nullable=False),
        sa.Column("median", sa.Integer),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("gross", sa.Boolean),
        sa.Column("basis", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_salary_fact"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name="fk_salary_fact_document_id_document",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["passage_id"],
            ["passage.id"],
            name="fk_salary_fact_passage_id_passage",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_salary_fact_document_id", "salary_fact", ["document_id"])
    op.create_index("ix_salary_fact_country", "salary_fact", ["country"])
    op.create_index("ix_salary_fact_level", "salary_fact", ["level"])
    # Full-text search: an FTS5 table on SQLite (filled by each build), a GIN index on PostgreSQL.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS passage_fts USING fts5("
            "text, heading, tokenize='porter unicode61')"
        )
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX IF NOT EXISTS ix_passage_tsv ON passage "
            "USING gin (to_tsvector('english', text))"
        )


def downgrade() -> None:
    """Drop everything."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS passage_fts")
    for table in ("salary_fact", "passage_topic", "passage", "section", "document"):
        op.drop_table(table)
