"""Rich renderings of services' results for people (``--json`` is for programs)."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from concord.data.catalog import Catalog
from concord.model.body import Body
from concord.model.stance import Stance
from concord.model.verdict import Status, Verdict

STATUS_STYLE = {
    Status.ADOPTED: "bold green",
    Status.BLOCKED: "bold red",
    Status.PENDING: "bold yellow",
}
STANCE_STYLE = {
    Stance.SUPPORT: "green",
    Stance.OPPOSE: "red",
    Stance.CONDITIONAL: "yellow",
    Stance.NEUTRAL: "cyan",
    Stance.UNCLEAR: "magenta",
}


def bodies_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title="Bodies", title_justify="left")
    for col in ("id", "name", "default rule", "rules", "members today"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["id"], r["name"], r["default_rule"], ", ".join(r["rules"]), str(r["members_today"])
        )
    return table


def members_table(body: Body, on: date, rows: list[dict[str, Any]]) -> Table:
    table = Table(
        title=f"{body.name} ({body.id}) on {on.isoformat()}: {len(rows)} members",
        title_justify="left",
    )
    for col in ("code", "name", "joined", "left", "source"):
        table.add_column(col)
    for r in rows:
        name = r["name"] + (" (permanent)" if r.get("permanent") else "")
        src = r.get("source") or {}
        table.add_row(
            r["code"],
            name,
            r["joined"],
            r.get("left", ""),
            src.get("title") or src.get("url") or "",
        )
    return table


def _names(codes: tuple[str, ...], catalog: Catalog, limit: int = 12) -> str:
    if not codes:
        return "none"
    shown = ", ".join(f"{catalog.actors.name(c)} ({c})" for c in codes[:limit])
    more = len(codes) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def verdict_panel(v: Verdict, title: str, catalog: Catalog) -> Group:
    status = Text(v.status.value.upper(), style=STATUS_STYLE[v.status])
    head = Text.assemble(
        status,
        f"  {title}\n",
        f"{v.body} · rule {v.rule} · as of {v.as_of.isoformat()} · {len(v.members)} members",
    )
    lines = [
        f"Blockers:   {_names(v.blockers, catalog)}",
        f"Supporters: {_names(v.supporters, catalog)}",
        f"Undecided:  {len(v.undecided)} member(s)"
        + (f": {', '.join(v.undecided)}" if v.undecided else ""),
    ]
    if v.abstained:
        lines.append(f"Abstained:  {_names(v.abstained, catalog)}")
    if v.consented_by_silence:
        lines.append(f"Consent by silence: {len(v.consented_by_silence)} member(s)")
    if v.status is not Status.ADOPTED:
        first = [m for m in v.needed if m in v.blockers]
        rest = [m for m in v.needed if m not in v.blockers]
        listed = ", ".join(first) + ("; then " if first and rest else "") + ", ".join(rest)
        need = f"{len(v.needed)} more: {listed}"
        if not v.satisfiable:
            need = "cannot be satisfied even if every member consents"
        lines.append(f"Needed:     {need}")
    for r in v.reservations:
        lines.append(f"Reservation ({r.actor}): {r.text}")
    parts: list[Any] = [Panel(Text.assemble(head, "\n", "\n".join(lines)), expand=False)]
    stated = Table(title="Positions of members", title_justify="left")
    for col in ("member", "stance", "date", "speaker", "source"):
        stated.add_column(col)
    for code, s in sorted(v.positions.items()):
        src = s.source.label() if s.source else ""
        stated.add_row(
            f"{catalog.actors.name(code)} ({code})",
            Text(s.stance.value, style=STANCE_STYLE[s.stance]),
            s.date.isoformat(),
            s.speaker or "",
            src,
        )
    if v.positions:
        parts.append(stated)
    if v.non_members:
        nm = Table(title="Reactions of non-members (no vote)", title_justify="left")
        for col in ("actor", "stance", "date", "speaker", "source"):
            nm.add_column(col)
        for reaction in v.non_members:
            s = reaction.statement
            nm.add_row(
                f"{catalog.actors.name(reaction.actor)} ({reaction.actor})",
                Text(reaction.stance.value, style=STANCE_STYLE[reaction.stance]),
                s.date.isoformat(),
                s.speaker or "",
                s.source.label() if s.source else "",
            )
        parts.append(nm)
    if v.after_as_of:
        parts.append(
            Text(
                f"Ignored {len(v.after_as_of)} statement(s) dated after {v.as_of.isoformat()}: "
                + ", ".join(f"{s.actor} {s.date.isoformat()}" for s in v.after_as_of),
                style="dim",
            )
        )
    return Group(*parts)
