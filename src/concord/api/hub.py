"""Wakes server-sent-event streams when the writer commits (other processes: by polling)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence

from concord.store.chain import Event


class Hub:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event = asyncio.Event()

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def notify(self, _events: Sequence[Event]) -> None:
        """Called from the writer thread after a commit."""
        if self._loop is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self._bump)

    def _bump(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    def snapshot(self) -> asyncio.Event:
        """Take before reading the store; ``wait`` then cannot miss a commit in between."""
        return self._event

    async def wait(self, event: asyncio.Event, timeout: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)
