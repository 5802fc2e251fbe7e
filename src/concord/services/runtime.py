"""The composition root of the live service: store, catalog, clock, writer, tokens."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field

from concord.data.catalog import Catalog
from concord.services.auth import Authenticator
from concord.services.clock import Clock, SystemClock
from concord.services.proposal_states import ProposalStates
from concord.store.database import Database, open_database
from concord.store.log import DirectWriter, GroupWriter, Writer


@dataclass
class Service:
    db: Database
    catalog: Catalog
    clock: Clock
    writer: Writer
    auth: Authenticator
    node: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    states: ProposalStates = field(default_factory=ProposalStates)

    def close(self) -> None:
        if isinstance(self.writer, GroupWriter):
            self.writer.stop()
        self.auth.close()
        self.db.dispose()


def build_service(
    db_url: str | None = None,
    *,
    catalog: Catalog | None = None,
    clock: Clock | None = None,
    threaded: bool = False,
    token_ttl: float = 0.0,
) -> Service:
    """Open (and migrate) the store and wire the service.

    ``threaded`` starts the group-commit writer thread (the server); otherwise writes
    run in the caller's thread (CLI commands).
    """
    db = open_database(db_url)
    clk = clock or SystemClock()
    writer: Writer
    if threaded:
        group = GroupWriter(db, clk.now)
        group.start()
        writer = group
    else:
        writer = DirectWriter(db, clk.now)
    authenticator = Authenticator(db, token_ttl)
    writer.listeners.append(authenticator.on_events)
    return Service(db, catalog or Catalog.load(), clk, writer, authenticator)
