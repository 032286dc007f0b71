"""What a test needs from the machine (Chromium, Playwright, Lighthouse, the seed texts), and
what happens when it is missing.

Locally a missing tool skips the tests that need it and the summary says why. Where CI=true
(.ci/run, the GitHub workflow) it fails them with the same reason instead: a CI that skipped
every browser test would pass without ever opening a page.
"""

from __future__ import annotations

import os

import pytest


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def missing(reason: str) -> None:
    """Stop the running test because a tool it needs is missing: fail on CI, skip elsewhere."""
    if on_ci():
        pytest.fail(f"CI=true and a tool this test needs is missing: {reason}", pytrace=False)
    pytest.skip(reason)


def mark_missing(item, reason: str | None) -> None:
    """At collection: mark a test whose tool is missing, so it skips (or fails on CI) at setup."""
    if reason is not None:
        item.add_marker(pytest.mark.needs_tool(reason))


def check_tools(item) -> None:
    """At setup: act on a needs_tool mark (see mark_missing)."""
    marker = item.get_closest_marker("needs_tool")
    if marker is not None:
        missing(marker.args[0])
