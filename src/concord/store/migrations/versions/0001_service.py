"""Service tables: tokens, bodies, proposals, statements, procedures, events, chain head."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TIME = sa.String(27)


def upgrade() -> None:
    op.create_table(
        "tokens",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("secret_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("body", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(16)),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("revoked_at", TIME),
    )
    op.create_table(
        "bodies",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("default_rule", sa.String(40), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("loaded_at", TIME, nullable=False),
    )
    op.create_table(
        "proposals",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("body", sa.String(64), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text),
        sa.Column("rule", sa.String(40)),
        sa.Column("location", sa.Text),
        sa.Column("as_of", sa.String(10)),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("digest", sa.String(64)),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("proposal_id", sa.String(120), sa.ForeignKey("proposals.id"), nullable=False),
        sa.Column("actor", sa.String(16), nullable=False),
        sa.Column("stance", sa.String(16), nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("quote", sa.Text),
        sa.Column("reservation", sa.Text),
        sa.Column("at", TIME),
        sa.Column("seq", sa.BigInteger),
    )
    op.create_index("ix_statements_proposal", "statements", ["proposal_id"])
    op.create_table(
        "procedures",
        sa.Column("proposal_id", sa.String(120), sa.ForeignKey("proposals.id"), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("deadline", TIME, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("started_at", TIME, nullable=False),
        sa.Column("closed_at", TIME),
        sa.Column("outcome", sa.String(16)),
        sa.Column("closed_seq", sa.BigInteger),
    )
    op.create_index("ix_procedures_state_deadline", "procedures", ["state", "deadline"])
    op.create_table(
        "events",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("at", TIME, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "proposal_events",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("proposal_id", sa.String(120), nullable=False),
    )
    op.create_index("ix_proposal_events_proposal", "proposal_events", ["proposal_id", "seq"])
    head = op.create_table(
        "chain_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": "0" * 64}])


def downgrade() -> None:
    for name in (
        "chain_head",
        "proposal_events",
        "events",
        "procedures",
        "statements",
        "proposals",
        "bodies",
    ):
        op.drop_table(name)
    op.drop_table("tokens")
