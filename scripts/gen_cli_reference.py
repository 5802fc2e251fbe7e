"""Regenerate the CLI reference in README.md from the real --help output."""

from __future__ import annotations

from pathlib import Path

from concord.cli.reference import START, reference, splice

README = Path(__file__).resolve().parent.parent / "README.md"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    if START not in text:
        raise SystemExit(f"{README.name}: no {START} marker")
    README.write_text(splice(text, reference()), encoding="utf-8")
    print(f"updated the CLI reference in {README.name}")


if __name__ == "__main__":
    main()
