"""The real dashboard server on a free loopback port, and Debian's Chromium driven by Playwright.

Shared by the browser tests and by bench/web_page.py. Playwright never downloads a
browser here: it launches the system Chromium (installed by scripts/ensure-chromium.sh).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CONCORD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(dossiers: Path, timeout: float = 30.0) -> Iterator[str]:
    """Start ``uvicorn concord.web.app:create_app`` and yield its base URL once it answers."""
    port = free_port()
    env = {**os.environ, "CONCORD_DOSSIERS": str(dossiers)}
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "concord.web.app:create_app",
           "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]  # fmt: skip
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"the server exited: {proc.stderr.read() if proc.stderr else ''}"
                )
            try:
                with urllib.request.urlopen(f"{base}/web/api/proposals", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not answer within {timeout:.0f} s")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


def launch_chromium(pw: Playwright) -> Browser:
    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(
            f"{CHROMIUM} is missing: run `make test` or scripts/ensure-chromium.sh "
            "(Debian's chromium; never `playwright install`)"
        )
    return pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


# Records when the page first reports ready (map drawn, table filled, slider set).
READY_PROBE = """
new MutationObserver((_, observer) => {
  if (document.body && document.body.dataset.ready && window.__readyAt === undefined) {
    window.__readyAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, childList: true });
"""
