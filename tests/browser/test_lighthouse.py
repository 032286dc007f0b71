"""Lighthouse's accessibility score of each district's home page is 100.

Lighthouse is pinned in tests/browser/lighthouse/package.json; .ci/run installs it with
`npm ci` there (it needs Node.js, and is too big to keep in the repository). It drives the
same Debian Chromium, offline, against the local server; one run takes about 20 seconds.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tools import missing

from .conftest import CHROMIUM, CHROMIUM_ARGS, DISTRICTS

LIGHTHOUSE = Path(__file__).parent / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"


def _why_not() -> str | None:
    if shutil.which("node") is None:
        return "Node.js is not installed (Lighthouse runs on it)"
    if not LIGHTHOUSE.exists():
        return "Lighthouse is not installed: npm ci --prefix tests/browser/lighthouse (as .ci/run does)"
    return None


# Each district's home page, and New York City's Chinese and Arabic editions' (issue 25).
HOME_PAGES = [(district, "") for district in DISTRICTS] + [("nyc", "zh-hans"), ("nyc", "ar")]


@pytest.mark.parametrize("district,edition", HOME_PAGES, ids=[f"{d}-{e or 'en'}" for d, e in HOME_PAGES])
def test_lighthouse_accessibility_is_100_on_the_home_page(served, tmp_path, district, edition):
    if _why_not() is not None:
        missing(_why_not())
    site = served(district).edition(edition) if edition else served(district)
    report = tmp_path / "lighthouse.json"
    result = subprocess.run(
        ["node", str(LIGHTHOUSE), site.url(""), f"--chrome-path={CHROMIUM}",
         "--only-categories=accessibility", "--output=json", f"--output-path={report}", "--quiet",
         "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS])],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    found = json.loads(report.read_text(encoding="utf-8"))
    failing = [f"{name}: {audit['title']}" for name, audit in found["audits"].items()
               if audit.get("score") is not None and audit["score"] < 1]
    assert found["categories"]["accessibility"]["score"] == 1, failing
