"""One error design for the whole project.

Every mistake a user can make surfaces as a :class:`ConcordError`. Entry points map
it to one shape: the CLI prints ``error: <what> (<where>)`` and exits 2, the API
answers a JSON error. A traceback is always a bug in concord, never a user error.
"""

from __future__ import annotations

from collections.abc import Sequence

FieldPath = tuple[str | int, ...]


def render_path(path: Sequence[str | int]) -> str:
    """``("statements", 2, "stance")`` → ``statements[2].stance``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class ConcordError(Exception):
    """Base of every error concord reports to a user."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.message} ({self.where})" if self.where else self.message


class InvalidField(ConcordError):
    """A field of some input holds a value outside what is expected.

    ``path`` locates the field inside its document so that the I/O layer can
    turn it into a file and line number.
    """

    def __init__(self, path: FieldPath, expected: str, got: object = None) -> None:
        shown = "" if got is None else f", got {got!r}"
        super().__init__(f"field {render_path(path)}: expected {expected}{shown}")
        self.path = path
        self.expected = expected
        self.got = got


class UnknownBody(ConcordError):
    """No body with that id is known."""


class UnknownActor(ConcordError):
    """An actor code that is neither an ISO 3166-1 alpha-3 state nor a known organisation."""


class UnknownRule(ConcordError):
    """No decision rule registered under that name."""


class RuleNotApplicable(ConcordError):
    """The rule lacks data it needs on that date (e.g. population figures)."""
