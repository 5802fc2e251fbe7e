"""Tables of the service store (SQLAlchemy Core).

Times are text in one fixed-width UTC format (``store.timefmt``) so that they sort as
text, hash identically on every database and read plainly in SQL. ``events`` is the
audit log of DESIGN.md; ``chain_head`` holds its last ``seq`` and ``hash`` so that a
removed tail is detected and so that PostgreSQL writers have one row to lock.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

TIME = String(27)

tokens = Table(
    "tokens",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("secret_hash", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("body", String(64), nullable=False),
    Column("actor", String(16)),
    Column("created_at", TIME, nullable=False),
    Column("revoked_at", TIME),
)

bodies = Table(
    "bodies",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("default_rule", String(40), nullable=False),
    Column("origin", String(16), nullable=False),
    Column("loaded_at", TIME, nullable=False),
)

proposals = Table(
    "proposals",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("body", String(64), nullable=False),
    Column("title", Text, nullable=False),
    Column("text", Text),
    Column("rule", String(40)),
    Column("location", Text),  # JSON text
    Column("as_of", String(10)),
    Column("origin", String(16), nullable=False),  # "api" or "import"
    Column("digest", String(64)),
    Column("created_at", TIME, nullable=False),
    Column("created_by", String(64), nullable=False),
)

statements = Table(
    "statements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("proposal_id", String(120), ForeignKey("proposals.id"), nullable=False),
    Column("actor", String(16), nullable=False),
    Column("stance", String(16), nullable=False),
    Column("date", String(10), nullable=False),
    Column("speaker", Text),
    Column("outlet", Text),
    Column("url", Text),
    Column("title", Text),
    Column("quote", Text),
    Column("reservation", Text),
    Column("at", TIME),
    Column("seq", BigInteger),
    Index("ix_statements_proposal", "proposal_id"),
)

procedures = Table(
    "procedures",
    metadata,
    Column("proposal_id", String(120), ForeignKey("proposals.id"), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("deadline", TIME, nullable=False),
    Column("state", String(16), nullable=False),  # open, closed, record (imported)
    Column("started_at", TIME, nullable=False),
    Column("closed_at", TIME),
    Column("outcome", String(16)),
    Column("closed_seq", BigInteger),
    Index("ix_procedures_state_deadline", "state", "deadline"),
)

events = Table(
    "events",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", TIME, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("payload", Text, nullable=False),
    Column("prev", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# Which events concern which proposal (beside ``events``, whose columns are fixed).
proposal_events = Table(
    "proposal_events",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("proposal_id", String(120), nullable=False),
    Index("ix_proposal_events_proposal", "proposal_id", "seq"),
)

chain_head = Table(
    "chain_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)
