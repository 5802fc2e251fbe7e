"""How fast the proposal page is interactive, and how much it loads, next to a blank page.

Run by hand: ``.venv/bin/python -m bench.web_page [--runs N]``. Starts the real server on a
free loopback port and Debian's Chromium (headless); each run is a fresh browser context
(empty cache). "Interactive" = the page set ``data-ready`` (map drawn, table filled, slider
set). Bytes are what crossed the wire (``transferSize``, gzip where the server compressed)
and the decoded size, summed over the document and every resource it loaded.
"""

from __future__ import annotations

import argparse
import statistics
from typing import Any

from playwright.sync_api import Browser, sync_playwright
from tests.conftest import EXAMPLES
from tests.e2e.harness import READY_PROBE, launch_chromium, running_server

SIZES = """() => {
  const entries = [...performance.getEntriesByType('navigation'),
                   ...performance.getEntriesByType('resource')];
  return {
    requests: entries.length,
    transferred: entries.reduce((n, e) => n + e.transferSize, 0),
    decoded: entries.reduce((n, e) => n + e.decodedBodySize, 0),
    load: performance.getEntriesByType('navigation')[0].loadEventEnd,
  };
}"""


def measure(browser: Browser, url: str, ready: bool) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(READY_PROBE)
    page = context.new_page()
    page.goto(url, wait_until="load")
    if ready:
        page.wait_for_selector("body[data-ready]", timeout=15_000)
        page.wait_for_load_state("networkidle")
    out: dict[str, Any] = page.evaluate(SIZES)
    out["ready"] = page.evaluate("window.__readyAt") if ready else out["load"]
    context.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    pages = {
        "baseline: blank static page": ("/static/blank.html", False),
        "proposal page, Tokyo (seed case)": ("/proposals/nato-tokyo-liaison-office-2023", True),
        "proposal page, Sweden (38 statements)": ("/proposals/nato-sweden-accession-2024", True),
    }
    with running_server(EXAMPLES) as base, sync_playwright() as pw:
        browser = launch_chromium(pw)
        measure(browser, base + "/static/blank.html", False)  # warm up the browser process
        # The server loads its geography in the background as it starts; the first page
        # after start-up is reported apart, then pages are timed on the warm server.
        first = measure(browser, base + pages["proposal page, Tokyo (seed case)"][0], True)
        print(f"first proposal page after server start: {float(first['ready']):.0f} ms")
        print(f"{'page':40} {'median ms':>10} {'min ms':>8} {'max ms':>8} "
              f"{'requests':>8} {'wire bytes':>11} {'decoded bytes':>13}")  # fmt: skip
        for label, (path, ready) in pages.items():
            runs = [measure(browser, base + path, ready) for _ in range(args.runs)]
            times = [float(r["ready"]) for r in runs]
            last = runs[-1]
            print(
                f"{label:40} {statistics.median(times):10.0f} {min(times):8.0f} "
                f"{max(times):8.0f} {last['requests']:8d} {last['transferred']:11d} "
                f"{last['decoded']:13d}"
            )
        browser.close()
    print(f"({args.runs} runs each, fresh context per run; ms from navigation start; "
          "proposal pages: until data-ready, blank page: until the load event)")  # fmt: skip


if __name__ == "__main__":
    main()
