"""The README's CLI reference is the real --help output; this fails when they drift."""

from __future__ import annotations

from concord.cli.reference import END, START, command_paths, help_text, reference
from tests.conftest import ROOT


def test_readme_cli_reference_matches_help() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    current = readme[readme.index(START) : readme.index(END) + len(END)]
    assert current == reference(), "README drifted from --help: run `make docs`"


def test_reference_covers_every_contract_command() -> None:
    names = {" ".join(p) for p in command_paths()}
    assert {"bodies", "members", "analyze"} <= names
    assert "Usage: concord analyze" in help_text(["analyze"])
