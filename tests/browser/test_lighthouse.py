"""Lighthouse's accessibility score of each district's home page is 100.

Lighthouse is pinned in tests/browser/lighthouse/package.json; .ci/run installs it with
`npm ci` there (it needs Node.js, and is too big to keep in the repository). It drives the
same Debian Chromium, offline, against the local server; every page is audited in one
browser (lighthouse/run.mjs), about 7 seconds a page.
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
RUNNER = Path(__file__).parent / "lighthouse" / "run.mjs"


@pytest.fixture(scope="module")
def reports(served, tmp_path_factory) -> dict[tuple[str, str], dict]:
    """Lighthouse's report of every home page, audited one after another in one Chromium
    (lighthouse/run.mjs): a browser and a Node.js process each, as the command line runs,
    cost as much again as the audits."""
    if _why_not() is not None:
        missing(_why_not())
    folder = tmp_path_factory.mktemp("lighthouse")
    paths = {page: folder / f"{page[0]}-{page[1] or 'en'}.json" for page in HOME_PAGES}
    arguments = []
    for (district, edition), path in paths.items():
        site = served(district).edition(edition) if edition else served(district)
        arguments += [site.url(""), str(path)]
    result = subprocess.run(["node", str(RUNNER), str(CHROMIUM), json.dumps(["--headless=new", *CHROMIUM_ARGS]),
                             *arguments], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return {page: json.loads(path.read_text(encoding="utf-8")) for page, path in paths.items()}


@pytest.mark.parametrize("district,edition", HOME_PAGES, ids=[f"{d}-{e or 'en'}" for d, e in HOME_PAGES])
def test_lighthouse_accessibility_is_100_on_the_home_page(reports, district, edition):
    found = reports[district, edition]
    assert "runtimeError" not in found, found.get("runtimeError")
    failing = [f"{name}: {audit['title']}" for name, audit in found["audits"].items()
               if audit.get("score") is not None and audit["score"] < 1]
    assert found["categories"]["accessibility"]["score"] == 1, failing
