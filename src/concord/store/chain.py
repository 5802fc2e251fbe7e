"""The hash chain of the audit log (DESIGN.md, table ``events``).

``hash = SHA-256(prev + canonical JSON of {seq, at, actor, kind, payload})`` where the
canonical JSON has sorted keys, no whitespace, UTF-8 text, and ``payload`` is the value
parsed from the stored JSON text. The first event's ``prev`` is 64 zeros. Anyone can
recompute this from the table with plain SQL and a SHA-256 tool.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
_text = json.encoder.encode_basestring  # a JSON string literal, non-ASCII kept
text_literal = _text


def canonical(value: Any) -> str:
    """Sorted keys, no whitespace, UTF-8 text (``json.dumps`` with those options)."""
    return _CANONICAL.encode(value)


def event_hash(prev: str, seq: int, at: str, actor: str, kind: str, payload: Any) -> str:
    body = canonical({"seq": seq, "at": at, "actor": actor, "kind": kind, "payload": payload})
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Event:
    seq: int
    at: str
    actor: str
    kind: str
    payload: str  # canonical JSON text
    prev: str
    hash: str

    def row(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "kind": self.kind,
            "payload": self.payload,
            "prev": self.prev,
            "hash": self.hash,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "kind": self.kind,
            "payload": json.loads(self.payload),
            "hash": self.hash,
            "prev": self.prev,
        }


def make_event(prev: str, seq: int, at: str, actor: str, kind: str, payload: Any) -> Event:
    """The next event; its hash equals :func:`event_hash` (a test checks that).

    The payload is encoded once: the canonical JSON of ``{seq, at, actor, kind,
    payload}`` is assembled around it in sorted key order, which is what encoding the
    whole object would produce. Half the JSON work on every write.
    """
    return event_of_text(prev, seq, at, actor, kind, canonical(payload))


def event_of_text(prev: str, seq: int, at: str, actor: str, kind: str, text: str) -> Event:
    """The next event, its payload given as canonical JSON text (``canonical(payload)``)."""
    body = (
        f'{{"actor":{_text(actor)},"at":{_text(at)},"kind":{_text(kind)},'
        f'"payload":{text},"seq":{int(seq)}}}'
    )
    digest = hashlib.sha256((prev + body).encode("utf-8")).hexdigest()
    return Event(seq, at, actor, kind, text, prev, digest)


@dataclass(frozen=True, slots=True)
class Verification:
    ok: bool
    events: int
    first_bad: int | None
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "events": self.events,
            "first_bad": self.first_bad,
            "reason": self.reason,
        }


def verify(rows: Iterable[Event], head: tuple[int, str] | None) -> Verification:
    """Walk the log in ``seq`` order; report the first ``seq`` that does not verify.

    ``head`` is the recorded ``(seq, hash)`` of the last event, which exposes a
    removed tail.
    """
    prev, expected, count = GENESIS, 1, 0
    for e in rows:
        count += 1
        if e.seq != expected:
            return Verification(False, count, min(e.seq, expected), f"expected seq {expected}")
        if e.prev != prev:
            return Verification(False, count, e.seq, "prev does not match the previous hash")
        try:
            payload = json.loads(e.payload)
        except ValueError:
            return Verification(False, count, e.seq, "payload is not JSON")
        if event_hash(prev, e.seq, e.at, e.actor, e.kind, payload) != e.hash:
            return Verification(False, count, e.seq, "hash does not match the row")
        prev, expected = e.hash, expected + 1
    if head is not None and head != (expected - 1, prev):
        head_seq, last = head[0], expected - 1
        bad = expected if head_seq > last else head_seq + 1 if head_seq < last else last
        return Verification(False, count, bad, f"chain head records seq {head_seq}")
    return Verification(True, count, None)
