"""Tamper evidence: random mutations of the events table by plain SQL, each on a fresh copy
of a database holding a realistic log; `audit verify` must catch every one and name the
first bad seq.

The expected seq comes from how each mutation is built, not from the verifier:
a changed field, rewritten hash, deleted, swapped or naively inserted row is bad at its
own seq; a hash-consistent forged row inserted at k hides its own seq (it chains
correctly onto k-1) and is caught at k+1, where the displaced row no longer links; a
suffix rewritten consistently from k onwards (chain_head too) but whose link to row
k-1 is not the real one is caught at k; a consistent suffix rewrite that leaves
chain_head alone is caught at the head (seq n). A rewrite consistent in every link,
chain_head included, is out of reach of any self-contained hash chain (see
docs/reliability.md). Short: 100 mutations; full: 1,000.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from concord.data.catalog import Catalog
from concord.model.stance import Stance
from concord.services import audit, auth, live, loading
from concord.services.auth import Role
from concord.services.clock import FakeClock
from concord.services.runtime import build_service
from concord.store.chain import GENESIS, canonical, event_hash
from concord.store.database import open_database
from tests.conftest import EXAMPLES
from tests.reliability.conftest import Figures, scale
from tests.service_fixtures import T0

Row = tuple[int, str, str, str, str, str, str]  # seq, at, actor, kind, payload, prev, hash
KINDS = ["statement.made", "proposal.created", "silence.started", "procedure.closed"]


def build_realistic_log(path: Path, catalog: Catalog) -> int:
    """Bodies, three dossiers, tokens, 12 procedures with statements, closes, a revocation."""
    clock = FakeClock(T0)
    svc = build_service(f"sqlite:///{path}", catalog=catalog, clock=clock)
    rng = random.Random(1)
    try:
        loading.load(svc, sorted(EXAMPLES.glob("nato-*.yaml")))
        members = sorted(svc.catalog.body("NATO-NAC").member_codes_on(T0.date()))

        def token(role: Role, actor: str | None = None) -> str:
            return auth.create_token(
                svc.writer, svc.catalog, body="NATO-NAC", role=role, actor=actor
            )[0]

        sec = svc.auth.authenticate(token(Role.SECRETARIAT))
        dele = {m: svc.auth.authenticate(token(Role.DELEGATION, m)) for m in members}
        for i in range(12):
            pid = live.create_proposal(
                svc, sec, body="NATO-NAC", title=f"Proposal {i} — «ü»", text=f"text {i}"
            )["id"]
            live.start_silence(svc, sec, pid, clock.now() + timedelta(hours=1 + i))
            for m in rng.sample(members, 20):
                stance = rng.choice([Stance.SUPPORT, Stance.SUPPORT, Stance.OPPOSE])
                live.submit_statement(svc, dele[m], pid, stance=stance, text=f"{m} on {i}").result()
                clock.advance(timedelta(seconds=rng.randint(1, 90)))
        clock.advance(timedelta(hours=14))
        live.close_due(svc)
        auth.revoke_token(svc.writer, dele[members[0]].token_id, svc.auth)
        result = audit.verify_log(svc.db)
        assert result.ok
        return result.events
    finally:
        svc.close()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("tamper") / "pristine.db"
    n = build_realistic_log(path, catalog)
    with sqlite3.connect(path) as conn:  # one self-contained file to copy
        conn.execute("PRAGMA journal_mode=DELETE")
    return path, n


def _rows(conn: sqlite3.Connection) -> list[Row]:
    return list(
        conn.execute("SELECT seq, at, actor, kind, payload, prev, hash FROM events ORDER BY seq")
    )


def _hash(prev: str, seq: int, at: str, actor: str, kind: str, payload: str) -> str:
    return event_hash(prev, seq, at, actor, kind, json.loads(payload))


def _other_hex(rng: random.Random, old: str) -> str:
    while True:
        new = f"{rng.getrandbits(256):064x}"
        if new != old:
            return new


def _changed_payload(rng: random.Random, text: str) -> str:
    value = json.loads(text)
    key = rng.choice(sorted(value)) if isinstance(value, dict) and value else None
    if key is None:
        return canonical({"forged": True})
    old = value[key]
    if isinstance(old, str):
        value[key] = old + rng.choice(["x", " ", "0"]) if old else "x"
    elif isinstance(old, bool):
        value[key] = not old
    elif isinstance(old, int | float):
        value[key] = old + 1
    else:
        value[key] = None if old is not None else "x"
    return canonical(value)


def _set(conn: sqlite3.Connection, seq: int, **cols: Any) -> None:
    sets = ", ".join(f"{c} = :{c}" for c in cols)
    conn.execute(f"UPDATE events SET {sets} WHERE seq = :where", {**cols, "where": seq})


def _shift_from(conn: sqlite3.Connection, k: int, by: int) -> None:
    """Renumber rows ``seq >= k`` by ``by`` without tripping the primary key midway."""
    conn.execute("UPDATE events SET seq = -(seq + :by) WHERE seq >= :k", {"by": by, "k": k})
    conn.execute("UPDATE events SET seq = -seq WHERE seq < 0")


_INSERT = "INSERT INTO events (seq, at, actor, kind, payload, prev, hash) VALUES (?,?,?,?,?,?,?)"


def m_change_field(
    rng: random.Random, conn: sqlite3.Connection, rows: list[Row]
) -> tuple[int, str]:
    seq, at, actor, kind, payload, prev, _ = rng.choice(rows)
    col = ["at", "actor", "kind", "payload", "prev"][seq % 5]
    new: str
    if col == "at":
        new = at[:-2] + ("0Z" if at[-2] != "0" else "1Z")
    elif col == "actor":
        new = rng.choice([actor + "X", actor.lower() if actor != actor.lower() else "FRA"])
    elif col == "kind":
        new = rng.choice([k for k in KINDS if k != kind])
    elif col == "payload":
        new = _changed_payload(rng, payload)
    else:
        new = _other_hex(rng, prev)
    _set(conn, seq, **{col: new})
    return seq, f"change {col}"


def m_rewrite_hash(
    rng: random.Random, conn: sqlite3.Connection, rows: list[Row]
) -> tuple[int, str]:
    row = rng.choice(rows)
    _set(conn, row[0], hash=_other_hex(rng, row[6]))
    return row[0], "rewrite hash"


def m_delete(rng: random.Random, conn: sqlite3.Connection, rows: list[Row]) -> tuple[int, str]:
    seq = rng.choice([rows[-1][0], rng.choice(rows)[0]])
    conn.execute("DELETE FROM events WHERE seq = ?", (seq,))
    return seq, "delete" + (" last" if seq == rows[-1][0] else "")


def m_swap(rng: random.Random, conn: sqlite3.Connection, rows: list[Row]) -> tuple[int, str]:
    a, b = sorted(rng.sample(range(len(rows)), 2))
    ra, rb = rows[a], rows[b]
    cols = ("at", "actor", "kind", "payload", "prev", "hash")
    _set(conn, ra[0], **dict(zip(cols, rb[1:], strict=True)))
    _set(conn, rb[0], **dict(zip(cols, ra[1:], strict=True)))
    return ra[0], "swap"


def m_insert_naive(
    rng: random.Random, conn: sqlite3.Connection, rows: list[Row]
) -> tuple[int, str]:
    k = rng.randint(1, len(rows))
    _shift_from(conn, k, 1)
    base = rows[k - 1]
    forged = (k, base[1], "FRA", "statement.made", '{"forged":true}', base[5], _other_hex(rng, ""))
    conn.execute(_INSERT, forged)
    return k, "insert row"


def m_insert_chained(
    rng: random.Random, conn: sqlite3.Connection, rows: list[Row]
) -> tuple[int, str]:
    """A forged row that links correctly onto k-1 and has a valid hash of its own."""
    k = rng.randint(1, len(rows))
    _shift_from(conn, k, 1)
    prev = rows[k - 2][6] if k > 1 else GENESIS
    at, payload = rows[k - 1][1], canonical({"proposal": "x", "stance": "support"})
    h = _hash(prev, k, at, "FRA", "statement.made", payload)
    conn.execute(_INSERT, (k, at, "FRA", "statement.made", payload, prev, h))
    return k + 1, "insert hash-consistent row"


def m_append(rng: random.Random, conn: sqlite3.Connection, rows: list[Row]) -> tuple[int, str]:
    """A well-formed row after the last one (chain_head not updated)."""
    n, last = rows[-1][0], rows[-1]
    payload = canonical({"id": "forged"})
    h = _hash(last[6], n + 1, last[1], "admin", "token.created", payload)
    conn.execute(_INSERT, (n + 1, last[1], "admin", "token.created", payload, last[6], h))
    return n + 1, "append hash-consistent row"


def _rewrite_suffix(
    rng: random.Random, conn: sqlite3.Connection, rows: list[Row], k: int, start_prev: str
) -> str:
    """Change row k's payload and re-hash rows k..n so that each links to the next."""
    prev = start_prev
    for seq, at, actor, kind, payload, _, _ in rows[k - 1 :]:
        if seq == k:
            payload = _changed_payload(rng, payload)
        h = _hash(prev, seq, at, actor, kind, payload)
        _set(conn, seq, payload=payload, prev=prev, hash=h)
        prev = h
    return prev


def m_suffix_bad_link(
    rng: random.Random, conn: sqlite3.Connection, rows: list[Row]
) -> tuple[int, str]:
    """Rewrite rows k..n consistently, chain_head included, all but the link to row k-1."""
    k = rng.randint(1, len(rows))
    real_prev = rows[k - 2][6] if k > 1 else GENESIS
    last = _rewrite_suffix(rng, conn, rows, k, _other_hex(rng, real_prev))
    conn.execute("UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1", (rows[-1][0], last))
    return k, "rewrite suffix, bad link"


def m_suffix_head_kept(
    rng: random.Random, conn: sqlite3.Connection, rows: list[Row]
) -> tuple[int, str]:
    """Rewrite rows k..n consistently from the real link, but leave chain_head alone."""
    k = rng.randint(1, len(rows))
    _rewrite_suffix(rng, conn, rows, k, rows[k - 2][6] if k > 1 else GENESIS)
    return rows[-1][0], "rewrite suffix, head kept"


def m_head(rng: random.Random, conn: sqlite3.Connection, rows: list[Row]) -> tuple[int, str]:
    """Point chain_head at an earlier row (as if the tail were appended by a forger)."""
    k = rng.randint(1, len(rows) - 1)
    conn.execute("UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1", (k, rows[k - 1][6]))
    return k + 1, "move chain head back"


MUTATIONS: list[Callable[[random.Random, sqlite3.Connection, list[Row]], tuple[int, str]]] = [
    m_change_field,
    m_rewrite_hash,
    m_delete,
    m_swap,
    m_insert_naive,
    m_insert_chained,
    m_append,
    m_suffix_bad_link,
    m_suffix_head_kept,
    m_head,
]


def mutated_copies(
    pristine: Path, workdir: Path, count: int, seed: int
) -> Iterator[tuple[Path, int, str]]:
    rng = random.Random(seed)
    for i in range(count):
        copy = workdir / f"copy-{i % 4}.db"
        shutil.copyfile(pristine, copy)
        mutate = MUTATIONS[i % len(MUTATIONS)]
        with sqlite3.connect(copy) as conn:
            expected, what = mutate(rng, conn, _rows(conn))
        yield copy, expected, what


def test_every_mutation_is_caught_at_its_first_bad_seq(
    pristine: tuple[Path, int], tmp_path: Path, figures: Figures
) -> None:
    path, n = pristine
    count = scale(100, 1000)
    caught: Counter[str] = Counter()
    for copy, expected, what in mutated_copies(path, tmp_path, count, seed=8):
        db = open_database(f"sqlite:///{copy}", migrate=False)
        try:
            result = audit.verify_log(db)
        finally:
            db.dispose()
        assert not result.ok, f"{what}: not detected"
        assert result.first_bad == expected, f"{what}: first bad {result.first_bad} != {expected}"
        caught[what] += 1
    assert sum(caught.values()) == count
    figures["mutations"] = count
    figures["detected"] = f"{sum(caught.values())}/{count} (100 %)"
    figures["first_bad_correct"] = f"{sum(caught.values())}/{count}"
    figures["log_events"] = n
    figures["by_kind"] = dict(sorted(caught.items()))


def test_the_cli_reports_the_first_bad_seq(pristine: tuple[Path, int], tmp_path: Path) -> None:
    """The real `concord audit verify --json` on a few mutated copies (and the pristine one)."""
    path, _ = pristine
    concord = str(Path(sys.executable).with_name("concord"))

    def verify(db: Path) -> tuple[int, dict[str, Any]]:
        r = subprocess.run(
            [concord, "audit", "verify", "--db", str(db), "--json"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        return r.returncode, json.loads(r.stdout)

    code, ok = verify(path)
    assert code == 0 and ok["ok"] is True
    for copy, expected, what in mutated_copies(path, tmp_path, 2, seed=80):
        code, out = verify(copy)
        assert code == 1 and out["ok"] is False and out["first_bad"] == expected, (what, out)


def test_the_pristine_copy_verifies(pristine: tuple[Path, int], tmp_path: Path) -> None:
    """The mutations are what fail, not the copying: an unmutated copy verifies."""
    path, n = pristine
    copy = tmp_path / "copy.db"
    shutil.copyfile(path, copy)
    db = open_database(f"sqlite:///{copy}", migrate=False)
    try:
        result = audit.verify_log(db)
    finally:
        db.dispose()
    assert result.ok and result.events == n
