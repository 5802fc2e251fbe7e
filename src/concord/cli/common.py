"""Shared CLI plumbing: option parsing, the catalog, JSON output, error mapping."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from concord.data.catalog import Catalog
from concord.model.errors import ConcordError

console = Console(highlight=False, soft_wrap=False, width=None)
err_console = Console(stderr=True, highlight=False)

P = ParamSpec("P")
R = TypeVar("R")

_state: dict[str, list[Path]] = {"bodies": []}


def set_extra_bodies(paths: list[Path]) -> None:
    _state["bodies"] = list(paths)


def catalog() -> Catalog:
    return Catalog.load(_state["bodies"])


def parse_date(value: str | None, option: str = "--on") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConcordError(f"{option}: expected a date YYYY-MM-DD, got {value!r}") from None


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def fail(message: str) -> None:
    """One line on stderr, never wrapped, and exit code 2."""
    typer.echo(f"error: {' '.join(message.split())}", err=True)
    raise typer.Exit(2)


def user_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a :class:`ConcordError` into ``error: <what> (<where>)`` and exit code 2."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except ConcordError as exc:
            fail(str(exc))
            raise AssertionError("unreachable") from None

    return wrapper
