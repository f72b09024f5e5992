"""Word frequencies for PostgreSQL search; an index for deleting a document's salary facts.

Search weighs each word of a question by its BM25 inverse document frequency; on PostgreSQL it
counted the passages holding each word over the whole store on every query (the worst figure of
the store at 10,000 pages). ``word_frequency`` holds those counts; this migration fills it for a
store built before, and every build that changes the store refreshes it.

Deleting a document cascades to its passages and from each passage to its salary facts, found
by ``salary_fact.passage_id``: without an index on it, re-ingesting every page of a store of
10,000 (as a change to the ingestion rules does) scanned every fact for each of 178,000 passages.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create word_frequency (filled on PostgreSQL) and index salary_fact.passage_id."""
    op.create_index("ix_salary_fact_passage_id", "salary_fact", ["passage_id"])
    op.create_table(
        "word_frequency",
        sa.Column("word", sa.String(200), nullable=False),
        sa.Column("passages", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("word", name="pk_word_frequency"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "INSERT INTO word_frequency (word, passages) "
            "SELECT word, ndoc FROM ts_stat('SELECT tsv FROM passage') "
            "UNION ALL SELECT '', count(*) FROM passage"
        )


def downgrade() -> None:
    """Drop word_frequency and the index."""
    op.drop_index("ix_salary_fact_passage_id", table_name="salary_fact")
    op.drop_table("word_frequency")
