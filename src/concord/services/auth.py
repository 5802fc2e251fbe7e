"""Tokens and roles: who may do what, checked on the date of the action.

A token is shown once when created and stored only as its SHA-256. Roles: the
secretariat of a body, the delegation of an actor to a body, and a read-only observer.
A delegation may act only for its own actor, and only while that actor is a member of
the body on the day of the action (the catalog's dated membership decides).
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import secrets
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import func, insert, select, update

from concord.data.catalog import Catalog
from concord.model.body import Body
from concord.model.errors import InvalidField
from concord.services.errors import Forbidden, NotFound, Unauthorized
from concord.store.chain import Event
from concord.store.database import Database
from concord.store.log import Tx, Writer
from concord.store.schema import tokens
from concord.store.timefmt import to_text

TOKEN_PREFIX = "concord_"


class Role(StrEnum):
    SECRETARIAT = "secretariat"
    DELEGATION = "delegation"
    OBSERVER = "observer"


@dataclass(frozen=True, slots=True)
class Principal:
    token_id: str
    role: Role
    body: str
    actor: str | None

    @property
    def label(self) -> str:
        """How the audit log names who acted."""
        if self.role is Role.DELEGATION:
            return str(self.actor)
        return f"{self.body} {self.role.value}"

    def describe(self) -> str:
        if self.role is Role.DELEGATION:
            return f"the delegation of {self.actor} to {self.body}"
        who = "the secretariat" if self.role is Role.SECRETARIAT else "an observer"
        return f"{who} of {self.body}"


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: str
    role: Role
    body: str
    actor: str | None
    created_at: str
    revoked_at: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "role": self.role.value,
            "body": self.body,
            "actor": self.actor,
            "created_at": self.created_at,
            "revoked_at": self.revoked_at,
        }


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(
    writer: Writer, catalog: Catalog, *, body: str, role: Role, actor: str | None = None
) -> tuple[str, TokenInfo]:
    """A new token; returns the secret (shown once) and what is stored about it."""
    found = catalog.body(body)
    if role is Role.DELEGATION:
        if not actor:
            raise InvalidField(("actor",), "an actor code for a delegation token")
        actor = catalog.actors.get(actor).code
    else:
        actor = None
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token_id = secrets.token_hex(6)

    def op(tx: Tx) -> TokenInfo:
        info = TokenInfo(token_id, role, found.id, actor, to_text(tx.now()), None)
        tx.write(
            insert(tokens).values(
                id=info.id,
                secret_hash=secret_hash(secret),
                role=role.value,
                body=info.body,
                actor=actor,
                created_at=info.created_at,
            )
        )
        tx.append("admin", "token.created", {k: v for k, v in info.as_dict().items() if v})
        return info

    return secret, writer.run(op)


def revoke_token(
    writer: Writer, token_id: str, authenticator: Authenticator | None = None
) -> TokenInfo:
    """Revoke a token; ``authenticator`` (this process's) then refuses it at once.

    Other processes' authenticators notice within their ``ttl``.
    """

    def op(tx: Tx) -> TokenInfo:
        row = tx.conn.execute(select(tokens).where(tokens.c.id == token_id)).first()
        if row is None:
            raise NotFound(f"no token with id {token_id!r} (see `concord token list`)")
        if row.revoked_at:
            return _info(row)
        at = to_text(tx.now())
        tx.write(update(tokens).where(tokens.c.id == token_id).values(revoked_at=at))
        tx.append("admin", "token.revoked", {"id": token_id})
        return TokenInfo(row.id, Role(row.role), row.body, row.actor, row.created_at, at)

    info = writer.run(op)
    if authenticator is not None:
        authenticator.forget()
    return info


def list_tokens(db: Database) -> list[TokenInfo]:
    with db.reading() as conn:
        rows = conn.execute(select(tokens).order_by(tokens.c.created_at, tokens.c.id)).all()
    return [_info(r) for r in rows]


def _info(row: Any) -> TokenInfo:
    return TokenInfo(row.id, Role(row.role), row.body, row.actor, row.created_at, row.revoked_at)


class Authenticator:
    """Bearer token → principal.

    With ``ttl=0`` (the server's default) every request reads its token's row, so a
    revocation takes effect at the very next request whichever process made it (this
    server, another server, `concord token revoke`). The read is one look-up in the
    ``secret_hash`` unique index on a connection kept for it, outside the pool and
    without SQLAlchemy (SQLite: a few microseconds; PostgreSQL: one round trip).

    With ``ttl > 0`` answers are remembered for the life of the process instead: the
    cache is dropped at once when this process's writer commits a token event
    (:meth:`on_events`, a writer listener), and when a cheap fingerprint of the
    ``tokens`` table — read at most every ``ttl`` seconds — shows that another process
    changed it; a token revoked by another process then stops within ``ttl``.
    """

    _FINGERPRINT = select(
        func.count(), func.count(tokens.c.revoked_at), func.max(tokens.c.revoked_at)
    ).select_from(tokens)

    _LOOKUP = "SELECT id, role, body, actor, revoked_at FROM tokens WHERE secret_hash = :h"

    def __init__(self, db: Database, ttl: float = 0.0) -> None:
        self.db = db
        self.ttl = ttl
        self._raw: Any = None  # the look-up connection (ttl=0), opened on first use
        self._cursor: Any = None
        self._principals: dict[tuple[Any, ...], Principal] = {}
        self._known: dict[str, Principal] = {}  # authenticate_for_write: valid when seen
        self._raw_lock = threading.Lock()
        pyformat = db.engine.dialect.paramstyle in ("pyformat", "format")
        self._lookup = self._LOOKUP.replace(":h", "%(h)s") if pyformat else self._LOOKUP
        self._cache: dict[str, Principal | None] = {}
        self._lock = threading.Lock()
        self._generation = 0  # bumped by every drop: a lookup racing one is not kept
        self._checked = -math.inf
        self._fingerprint: tuple[Any, ...] | None = None

    def authenticate(self, secret: str | None) -> Principal:
        if not secret:
            raise Unauthorized("missing bearer token: send `Authorization: Bearer <token>`")
        digest = secret_hash(secret)
        if self.ttl <= 0:
            row = self._row(digest)
            if row is None or row[4]:
                raise Unauthorized("unknown or revoked token")
            found = self._principals.get(row)
            if found is None:
                if len(self._principals) > 10_000:
                    self._principals.clear()
                found = self._principals[row] = Principal(row[0], Role(row[1]), row[2], row[3])
            return found
        if time.monotonic() - self._checked >= self.ttl:
            self._check()
        try:
            principal = self._cache[digest]
        except KeyError:
            generation = self._generation
            principal = self._load(digest)
            with self._lock:
                if generation == self._generation:
                    if len(self._cache) > 10_000:
                        self._cache.clear()
                    self._cache[digest] = principal
        if principal is None:
            raise Unauthorized("unknown or revoked token")
        return principal

    def authenticate_for_write(self, secret: str | None) -> Principal:
        """A principal whose revocation the caller checks in its write transaction.

        The statement hot path: instead of a look-up per request here, the writer's
        operation calls :func:`require_not_revoked` (one read per token per batch, in the
        transaction that writes). Known valid tokens are remembered; an unknown one is
        looked up (so a token made by another process works at once); none is refused
        from memory.
        """
        if not secret:
            raise Unauthorized("missing bearer token: send `Authorization: Bearer <token>`")
        digest = secret_hash(secret)
        found = self._known.get(digest)
        if found is None:
            found = self._fresh(digest)
            with self._lock:
                if len(self._known) > 10_000:
                    self._known.clear()
                self._known[digest] = found
        return found

    def _fresh(self, digest: str) -> Principal:
        row = self._row(digest)
        if row is None or row[4]:
            raise Unauthorized("unknown or revoked token")
        return Principal(row[0], Role(row[1]), row[2], row[3])

    def forget(self) -> None:
        with self._lock:
            self._known.clear()
            self._generation += 1
            self._cache.clear()

    def on_events(self, events: Sequence[Event]) -> None:
        """Writer listener (called after the commit, before anyone is acknowledged)."""
        if any(e.kind in _TOKEN_KINDS for e in events):
            self.forget()

    def _check(self) -> None:
        with self.db.reading() as conn:
            fingerprint = tuple(conn.execute(self._FINGERPRINT).one())
        self._checked = time.monotonic()
        if fingerprint != self._fingerprint:
            self.forget()
            self._fingerprint = fingerprint

    def _row(self, digest: str) -> tuple[Any, ...] | None:
        """The token's row, read now (a connection that broke is replaced once)."""
        with self._raw_lock:
            for attempt in (1, 2):
                try:
                    if self._cursor is None:
                        self._raw = self.db.engine.raw_connection()
                        driver = self._raw.driver_connection
                        if self.db.is_postgres:  # each look-up sees the latest commit
                            driver.autocommit = True
                        self._cursor = driver.cursor()
                    self._cursor.execute(self._lookup, {"h": digest})
                    found: tuple[Any, ...] | None = self._cursor.fetchone()
                    return found
                except Exception:
                    self._close_raw()
                    if attempt == 2:
                        raise
        return None  # pragma: no cover - the loop returns or raises

    def _close_raw(self) -> None:
        raw, self._raw, self._cursor = self._raw, None, None
        if raw is not None:
            with contextlib.suppress(Exception):  # closing a broken connection
                raw.invalidate()  # not back to the pool: its settings are ours

    def close(self) -> None:
        with self._raw_lock:
            self._close_raw()

    def _load(self, digest: str) -> Principal | None:
        with self.db.reading() as conn:
            row = conn.execute(select(tokens).where(tokens.c.secret_hash == digest)).first()
        if row is None or row.revoked_at:
            return None
        return Principal(row.id, Role(row.role), row.body, row.actor)


_REVOKED = "SELECT id FROM tokens WHERE revoked_at IS NOT NULL"


def require_not_revoked(tx: Tx, p: Principal) -> None:
    """In a write operation: refuse a token revoked before this transaction read it.

    Pairs with :meth:`Authenticator.authenticate_for_write`. One query per batch
    (``Tx.read`` remembers it) lists the revoked tokens — on PostgreSQL a round trip
    per token would slow the writer. Every operation of a batch was queued before the
    batch ran, so a revocation committed before a request arrived is always seen.
    """
    if any(row[0] == p.token_id for row in tx.read(_REVOKED, {})):
        raise Unauthorized("unknown or revoked token")


def default_body(catalog: Catalog) -> str:
    """The body a run-scoped observer token is made for (any token reads every proposal)."""
    return "NATO-NAC" if catalog.has_body("NATO-NAC") else sorted(catalog.bodies)[0]


_TOKEN_KINDS = frozenset({"token.created", "token.revoked"})


def require_secretariat(p: Principal, body: str, action: str) -> None:
    if p.role is not Role.SECRETARIAT:
        raise Forbidden(f"only a secretariat may {action}; this token is {p.describe()}")
    if p.body != body:
        raise Forbidden(f"{p.describe()} may not {action} for {body}")


_MEMBERS: dict[tuple[int, date], tuple[Body, frozenset[str]]] = {}


def _members(body: Body, day: date) -> frozenset[str]:
    """``body``'s members on ``day``, remembered: checked on every statement."""
    hit = _MEMBERS.get((id(body), day))
    if hit is not None and hit[0] is body:
        return hit[1]
    if len(_MEMBERS) > 1024:
        _MEMBERS.clear()
    codes = frozenset(body.member_codes_on(day))
    _MEMBERS[(id(body), day)] = (body, codes)
    return codes


def require_member_delegation(
    p: Principal, body: Body, claimed_actor: str | None, day: date
) -> str:
    """The actor a delegation speaks for, if it may speak in ``body`` on ``day``."""
    if p.role is not Role.DELEGATION or p.actor is None:
        raise Forbidden(f"only a delegation may make statements; this token is {p.describe()}")
    if claimed_actor is not None and claimed_actor.upper() != p.actor:
        raise Forbidden(
            f"{p.describe()} may not act for {claimed_actor.upper()}: a delegation speaks "
            "only for its own actor"
        )
    if p.body != body.id:
        raise Forbidden(f"{p.describe()} may not make statements in {body.id}")
    if p.actor not in _members(body, day):
        raise Forbidden(f"{p.actor} is not a member of {body.id} on {day.isoformat()}")
    return p.actor
