"""The hash chain: what it hashes, and that any changed, removed or reordered row shows."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest

from concord.store.chain import GENESIS, Event, canonical, make_event, verify


def chain(n: int) -> list[Event]:
    out: list[Event] = []
    prev = GENESIS
    for i in range(1, n + 1):
        e = make_event(
            prev,
            i,
            f"2026-03-02T09:00:0{i % 10}.000000Z",
            "FRA",
            "statement.made",
            {"n": i, "text": "é"},
        )
        out.append(e)
        prev = e.hash
    return out


def test_hash_is_sha256_of_prev_and_canonical_json() -> None:
    e = make_event(GENESIS, 1, "2026-03-02T09:00:00.000000Z", "FRA", "k", {"b": 1, "a": "é"})
    body = (
        '{"actor":"FRA","at":"2026-03-02T09:00:00.000000Z","kind":"k",'
        '"payload":{"a":"é","b":1},"seq":1}'
    )
    assert canonical(json.loads(body)) == body
    assert e.hash == hashlib.sha256((GENESIS + body).encode()).hexdigest()
    assert e.payload == '{"a":"é","b":1}'


def test_intact_chain_verifies() -> None:
    events = chain(5)
    result = verify(events, (5, events[-1].hash))
    assert result.ok and result.events == 5 and result.first_bad is None


@pytest.mark.parametrize("bad", [1, 3, 5])
def test_changed_payload_names_its_seq(bad: int) -> None:
    events = chain(5)
    events[bad - 1] = replace(events[bad - 1], payload='{"n":99,"text":"é"}')
    result = verify(events, (5, events[-1].hash))
    assert not result.ok and result.first_bad == bad


def test_changed_actor_and_recomputed_hash_break_the_next_link() -> None:
    events = chain(4)
    forged = make_event(events[1].prev, 2, events[1].at, "DEU", events[1].kind, {"n": 2})
    events[1] = forged
    assert verify(events, (4, events[-1].hash)).first_bad == 3


def test_removed_row_is_a_gap() -> None:
    events = chain(5)
    del events[2]
    assert verify(events, (5, events[-1].hash)).first_bad == 3


def test_reordered_rows() -> None:
    events = chain(5)
    events[1], events[2] = events[2], events[1]
    assert verify(events, (5, events[-1].hash)).first_bad == 2


def test_removed_tail_is_caught_by_the_head() -> None:
    events = chain(5)
    head = (5, events[-1].hash)
    result = verify(events[:3], head)
    assert not result.ok and result.first_bad == 4


def test_renumbered_rows_do_not_verify() -> None:
    events = [replace(e, seq=e.seq + 1) for e in chain(3)]
    assert verify(events, None).first_bad == 1


def test_make_event_hash_equals_the_documented_formula() -> None:
    """``make_event`` assembles the canonical JSON around the payload; it must not drift."""
    from concord.store.chain import canonical, event_hash, make_event

    payloads: list[object] = [
        {"z": [1.5, None, True, {"b": "c"}], "é": 'ü\u2028"x\x01', "A": [], "_": 0},
        [],
        "text",
        -3,
        {"proposal": "p-1", "broken_by": ["FRA", "TÜR"]},
    ]
    for payload in payloads:
        for actor in ("FRA", "NATO-NAC secretariat", 'ü"\\\x7f\x00'):
            e = make_event("f" * 64, 12, "2026-03-02T09:00:00.000000Z", actor, "k.x", payload)
            assert e.payload == canonical(payload)
            assert e.hash == event_hash(
                "f" * 64, 12, "2026-03-02T09:00:00.000000Z", actor, "k.x", payload
            )


def test_time_text_is_the_documented_fixed_width_format() -> None:
    from datetime import UTC, datetime, timedelta, timezone

    from concord.store.timefmt import to_text

    for moment in (
        datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        datetime(2026, 3, 2, 9, 0, 0, 7, tzinfo=UTC),
        datetime(1999, 12, 31, 23, 59, 59, 999_999, tzinfo=timezone(timedelta(hours=-5))),
    ):
        text = to_text(moment)
        assert text == moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        assert len(text) == 27 and datetime.fromisoformat(text) == moment
