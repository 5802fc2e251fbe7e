"""Per-token rate limit: a token bucket per bearer token, refused with 429 and Retry-After.

Off unless configured (``concord serve --rate-limit 50/s`` or ``$CONCORD_RATE_LIMIT``):
a deployment sets it in front of untrusted delegations, the tests set it where they
test it. The bucket is keyed by the SHA-256 of the presented token, so a secret is
never kept in memory; requests without a token are not limited here (they are
refused with 401 at once and cost no database work beyond one cached lookup).
Limits are per server process. Pure ASGI, so it runs before the body is read.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import time
from collections import OrderedDict
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from concord.api.errors import send_error
from concord.model.errors import ConcordError

RATE_ENV = "CONCORD_RATE_LIMIT"
_SPEC = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(s|min)\s*(?:,\s*burst\s*=?\s*(\d+))?\s*$")
_MAX_KEYS = 100_000  # buckets kept (least recently used dropped first)


@dataclass(frozen=True, slots=True)
class RateLimit:
    """``rate`` requests per second on average, ``burst`` at once."""

    rate: float
    burst: int

    @classmethod
    def parse(cls, spec: str) -> RateLimit:
        """``50/s``, ``600/min``, ``50/s,burst=100``; burst defaults to one second's worth."""
        m = _SPEC.match(spec)
        if m is None or float(m.group(1)) <= 0:
            raise ConcordError(
                f"not a rate limit: {spec!r}: expected e.g. 50/s, 600/min or 50/s,burst=100",
                where="--rate-limit",
            )
        per_second = float(m.group(1)) / (60.0 if m.group(2) == "min" else 1.0)
        burst = int(m.group(3)) if m.group(3) else max(1, math.ceil(per_second))
        return cls(per_second, max(1, burst))

    @classmethod
    def from_env(cls) -> RateLimit | None:
        spec = os.environ.get(RATE_ENV, "").strip()
        return cls.parse(spec) if spec and spec.lower() != "off" else None


class TokenRateLimit:
    """Pure ASGI middleware; with ``limit=None`` it passes everything through."""

    def __init__(self, app: ASGIApp, limit: RateLimit | None = None) -> None:
        self.app = app
        self.limit = limit
        self._buckets: OrderedDict[bytes, tuple[float, float]] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.limit is None or scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = _bearer(scope)
        if token is None:
            await self.app(scope, receive, send)
            return
        wait = self.take(hashlib.sha256(token).digest(), time.monotonic())
        if wait > 0:
            await _refuse(send, wait)
            return
        await self.app(scope, receive, send)

    def take(self, key: bytes, now: float) -> float:
        """Take one request from ``key``'s bucket; 0 if allowed, else seconds to wait."""
        assert self.limit is not None
        rate, burst = self.limit.rate, float(self.limit.burst)
        tokens, last = self._buckets.pop(key, (burst, now))
        tokens = min(burst, tokens + (now - last) * rate)
        if tokens >= 1.0:
            self._buckets[key] = (tokens - 1.0, now)
            wait = 0.0
        else:
            self._buckets[key] = (tokens, now)
            wait = (1.0 - tokens) / rate
        while len(self._buckets) > _MAX_KEYS:
            self._buckets.popitem(last=False)
        return wait


def _bearer(scope: Scope) -> bytes | None:
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, token = value.partition(b" ")
            token = token.strip()
            return token if scheme.lower() == b"bearer" and token else None
    return None


async def _refuse(send: Send, wait: float) -> None:
    retry = max(1, math.ceil(wait))
    message = f"too many requests for this token; retry in {retry} s"
    await send_error(
        send, 429, "rate_limited", message, headers=[(b"retry-after", str(retry).encode())]
    )
