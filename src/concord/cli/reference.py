"""The CLI reference, generated from the real ``--help`` of every command.

``scripts/gen_cli_reference.py`` writes it into README.md; a test fails when the
README drifts from what the commands actually print.
"""

from __future__ import annotations

import os
from typing import Any

import typer.main
from typer.testing import CliRunner

from concord.cli.main import app

START = "<!-- cli-reference:start -->"
END = "<!-- cli-reference:end -->"
WIDTH = "100"


def _paths(group: Any, prefix: list[str]) -> list[list[str]]:
    out: list[list[str]] = []
    for name, command in group.commands.items():
        if command.hidden:
            continue
        out.append([*prefix, name])
        if hasattr(command, "commands"):
            out.extend(_paths(command, [*prefix, name]))
    return out


def command_paths() -> list[list[str]]:
    """Every command and sub-command, in the order they are registered."""
    return _paths(typer.main.get_command(app), [])


def help_text(path: list[str]) -> str:
    env = {"COLUMNS": WIDTH, "TERM": "dumb", "NO_COLOR": "1"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        result = CliRunner().invoke(app, [*path, "--help"], prog_name="concord", terminal_width=100)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return result.output.rstrip() + "\n"


def reference() -> str:
    parts = [START, "", "### `concord`", "", "```text", help_text([]).rstrip(), "```", ""]
    for path in command_paths():
        parts += [
            f"### `concord {' '.join(path)}`",
            "",
            "```text",
            help_text(path).rstrip(),
            "```",
            "",
        ]
    parts.append(END)
    return "\n".join(parts)


def splice(readme: str, ref: str) -> str:
    """Replace the reference between the markers of ``readme``."""
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return head + ref + tail
