"""The serving transport sends what one loop turn wrote in one write, in order."""

from __future__ import annotations

import asyncio
from typing import Any

from concord.api.transport import GatheringTransport


class FakeTransport:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        assert not self.closed, "write after close"
        self.writes.append(data)

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_write_buffer_size(self) -> int:
        return 0

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return ("127.0.0.1", 1) if name == "peername" else default


def test_one_turn_of_writes_is_one_write_in_order() -> None:
    async def scenario() -> tuple[list[bytes], list[bytes], int]:
        fake = FakeTransport()
        t = GatheringTransport(fake, asyncio.get_running_loop())  # type: ignore[arg-type]
        t.write(b"HTTP/1.1 201 Created\r\n\r\n")
        t.write(b"")
        t.write(b'{"seq":1}')
        pending = t.get_write_buffer_size()
        before = list(fake.writes)
        await asyncio.sleep(0)
        t.write(b"second")
        await asyncio.sleep(0)
        return before, fake.writes, pending

    before, writes, pending = asyncio.run(scenario())
    assert before == []  # nothing sent until the turn ends
    assert pending == len(b"HTTP/1.1 201 Created\r\n\r\n") + len(b'{"seq":1}')
    assert writes == [b'HTTP/1.1 201 Created\r\n\r\n{"seq":1}', b"second"]


def test_close_sends_what_is_pending_first_and_nothing_after() -> None:
    async def scenario() -> FakeTransport:
        fake = FakeTransport()
        t = GatheringTransport(fake, asyncio.get_running_loop())  # type: ignore[arg-type]
        t.write(b"last words")
        t.close()
        t.write(b"too late")  # queued, then dropped: the transport is closing
        await asyncio.sleep(0)
        assert t.get_extra_info("peername") == ("127.0.0.1", 1)  # delegated
        return fake

    fake = asyncio.run(scenario())
    assert fake.writes == [b"last words"] and fake.closed
