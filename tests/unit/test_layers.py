"""The domain stays pure: model/ and analysis/ import nothing from the layers above,
nor web or database libraries (STYLE.md §1)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "concord"
FORBIDDEN_LAYERS = ("concord.cli", "concord.api", "concord.web", "concord.services", "concord.store",
                    "concord.ingest", "concord.data")  # fmt: skip
FORBIDDEN_LIBS = ("sqlalchemy", "fastapi", "typer", "rich", "httpx", "yaml", "starlette", "uvicorn")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_modules_import_no_upper_layer() -> None:
    offenders = []
    for layer in ("model", "analysis"):
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in _imports(path):
                if name.startswith(FORBIDDEN_LAYERS) or name.split(".")[0] in FORBIDDEN_LIBS:
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_domain_imports_with_web_and_db_packages_unavailable() -> None:
    blocker = (
        "import sys\n"
        f"for name in {FORBIDDEN_LIBS!r}:\n"
        "    sys.modules[name] = None\n"
        "import concord.model, concord.model.verdict, concord.analysis\n"
        "print('ok')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", blocker], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
