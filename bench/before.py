"""Run a bench script on the code of another git ref, so before/after share one run."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_on_ref(ref: str, script: str, argv: list[str]) -> None:
    """``script argv`` with ``src/`` of git ``ref`` first on the path, framed by markers."""
    with tempfile.TemporaryDirectory() as old:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", ref, "src"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", old], input=archive.stdout, check=True)
        env = {**os.environ, "PYTHONPATH": str(Path(old) / "src")}
        print(f"--- before: code of {ref}", flush=True)
        subprocess.run([sys.executable, script, *argv], env=env, check=True)
        print("--- after: this tree", flush=True)
