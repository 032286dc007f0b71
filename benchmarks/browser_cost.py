#!/usr/bin/env python3
"""What an axe sweep costs in each of Debian's two Chromium builds, in CPU seconds.

    python benchmarks/browser_cost.py          # builds earn-and-learn first (no PDFs)

The browser tests (tests/browser/conftest.py) drive Debian's headless shell
(chromium-headless-shell) where it is installed, and the full Chromium otherwise. This
opens the same pages (one of each kind) and runs the same axe-core scan in both, twice,
and prints wall time and the machine's CPU time for each: the choice rests on that.
Measured on this project's 2-core machine (December 2026): 23 pages, full Chromium 13.1 to
14.6 CPU seconds, headless shell 10.9 to 11.3.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser.axe import scan  # noqa: E402
from browser.conftest import CHROMIUM_ARGS, open_context, serving  # noqa: E402
# The whole machine's busy time so far (every process: the browser's are not ours).
from ledger import busy_core_seconds as cpu_seconds  # noqa: E402

BROWSERS = ["/usr/bin/chromium", "/usr/bin/chromium-headless-shell"]


def main() -> None:
    from playwright.sync_api import sync_playwright

    site = Path(tempfile.mkdtemp(prefix="browser-cost-")) / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True,
                   env={**__import__("os").environ, "GUIDE_DISTRICT": "earn-and-learn", "GUIDE_PDF": "0"})
    with sync_playwright() as playwright:
        for executable in BROWSERS:
            if not Path(executable).is_file():
                print(f"{executable}: not installed")
                continue
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            with serving("earn-and-learn", site) as served:
                context, _ = open_context(browser, served.origin)
                page = context.new_page()
                paths = served.kind_paths()
                for _ in range(2):
                    started, busy = time.monotonic(), cpu_seconds()
                    for path in paths:
                        page.goto(served.url(path))
                        scan(page)
                    print(f"{executable}: {len(paths)} pages, {time.monotonic() - started:.1f} s wall, "
                          f"{cpu_seconds() - busy:.1f} CPU s")
            browser.close()


if __name__ == "__main__":
    main()
