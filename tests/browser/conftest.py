"""Browser fixtures: each district's built site served on 127.0.0.1, opened in Debian's Chromium.

Playwright drives /usr/bin/chromium (never a downloaded browser), or the one GUIDE_CHROMIUM
names. Where that browser or Playwright is missing, every test here skips and says why, and
fails instead where CI=true (tests/tools.py); .ci/run installs Chromium so that CI runs them. Each page is opened in a fresh context that records every request and
refuses any that would leave the site's own host, so a test can count them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import EDITION
from tools import mark_missing

from .axe import AXE, AXE_PATH

CHROMIUM = Path(os.environ.get("GUIDE_CHROMIUM", "/usr/bin/chromium"))
# Playwright drives Debian's headless shell (apt-get install chromium-headless-shell) where it
# sits beside that Chromium: the same Blink and the same version without the full browser's
# machinery, about a fifth less CPU a page (benchmarks/browser_cost.py); the full Chromium
# otherwise. Lighthouse and the print command run the full one.
HEADLESS_SHELL = CHROMIUM.with_name("chromium-headless-shell")
DRIVEN = HEADLESS_SHELL if HEADLESS_SHELL.is_file() else CHROMIUM
# Without the background-networking flags Chromium itself calls Google's hosts; QUIC and
# the GPU are off because neither exists in a container.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DISTRICTS = ["earn-and-learn", "nyc"]


def _why_no_browser() -> str | None:
    if not CHROMIUM.exists():
        return (f"no Chromium at {CHROMIUM}: install Debian's (apt-get install chromium), "
                "as .ci/run does, to run the browser tests")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed: pip install -e '.[test]'"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _why_no_browser()
    if reason is None:
        return
    here = Path(__file__).parent
    for item in items:
        if Path(item.fspath).is_relative_to(here):
            mark_missing(item, reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the test output is for failures, not access logs
        pass

    def translate_path(self, path):
        """axe-core (axe.py) at AXE_PATH beside the site, for the accessibility scans."""
        if path.split("?")[0] == AXE_PATH:
            return str(AXE)
        return super().translate_path(path)


@dataclass
class Served:
    """A built site served over HTTP on this machine."""

    district: str
    site: Path
    origin: str  # e.g. http://127.0.0.1:41234

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"

    def edition(self, language: str) -> "Served":
        """The same site's edition in another language, served at <origin>/<language>/."""
        return Served(self.district, self.site / language, f"{self.origin}/{language}")

    def page_paths(self) -> list[str]:
        """Every HTML page of this edition, as URL paths ('', 'activities/', '404.html');
        other languages' editions (<site>/es/) are left out."""
        others = [folder for folder in self.site.iterdir() if folder.is_dir() and EDITION.match(folder.name)
                  and (folder / "index.html").is_file()]
        paths = []
        for page in sorted(self.site.rglob("*.html")):
            if any(page.is_relative_to(folder) for folder in others):
                continue
            relative = page.relative_to(self.site).as_posix()
            paths.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
        return paths

    def sample_paths(self, full_activity: str = "informational-interview") -> list[str]:
        """Every kind of page, for the slower checks: the site's own pages, every page of one
        activity, and of each other activity its fact sheet, checklist, timeline, remote
        options, downloads, first handout and every handout that is a form. The pages of
        all activities come from the same templates; what differs is covered by the sweeps
        of every page elsewhere."""
        chosen = []
        firsts: set[str] = set()
        for path in self.page_paths():
            parts = path.split("/")
            activity = self._activity_of(parts)
            if activity is None or activity == full_activity:
                chosen.append(path)
            elif parts[1] in ("", "checklist", "timeline", "distance", "downloads") and len(parts) <= 3:
                chosen.append(path)
            elif parts[1] == "handouts":
                html = self.html(path)
                if activity not in firsts or any(m in html for m in ("guide-form-table", "guide-signatures",
                                                                     "guide-consent")):
                    firsts.add(activity)
                    chosen.append(path)
        return chosen

    def _activity_of(self, parts: list[str]) -> str | None:
        """The activity a page belongs to (a folder with handouts), or None for the site's own."""
        return parts[0] if len(parts) > 1 and (self.site / parts[0] / "handouts").is_dir() else None

    def kind_paths(self, full_activity: str = "informational-interview") -> list[str]:
        """One page of each kind: the site's own pages, the section pages of one activity,
        and the first handout showing each kind of block (ticks, lines, tables, rubrics,
        consent, signatures). For checks that depend on the markup, not on the words."""
        chosen, markers = [], ["guide-ticks", "guide-writing", "guide-fill-in", "guide-form-table",
                               "guide-rubric", "guide-consent", "guide-signatures"]
        for path in self.page_paths():
            parts = path.split("/")
            activity = self._activity_of(parts)
            if activity is None or (activity == full_activity and parts[1] != "handouts"):
                chosen.append(path)
            elif parts[1] == "handouts":
                html = self.html(path)
                found = [m for m in markers if m in html]
                if found:
                    markers = [m for m in markers if m not in found]
                    chosen.append(path)
        return chosen

    def html(self, path: str) -> str:
        file = self.site / path / "index.html" if path == "" or path.endswith("/") else self.site / path
        return file.read_text(encoding="utf-8")

    def pages_with(self, marker: str) -> list[str]:
        """The URL paths of the pages whose HTML contains `marker`."""
        return [path for path in self.page_paths() if marker in self.html(path)]


@contextlib.contextmanager
def serving(district: str, site: Path):
    """Serve a built site on 127.0.0.1 (a free port) while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(district, site, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def served(built):
    """served('nyc'): the district's site, built once per session, on a local HTTP server."""
    with contextlib.ExitStack() as stack:
        sites: dict[str, Served] = {}

        def get(district: str) -> Served:
            if district not in sites:
                sites[district] = stack.enter_context(serving(district, built(district).site))
            return sites[district]

        yield get


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(DRIVEN), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Requests:
    """What a browsing context asked for: everything, and what it refused to send."""

    origin: str
    made: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def open_context(browser, origin: str, *, routed: bool = True, **options):
    """A fresh browser context (its own storage) that records requests and refuses to let
    any leave `origin`. Returns (context, requests).

    routed=False, for the sweeps that load many pages: the context's traffic goes to a
    proxy that does not exist (port 9 on this machine), all but the test server's
    (127.0.0.1), so any other host is refused there, and requests are recorded from the
    browser's events. Routing every request through this process (routed=True, the
    default, which tests that hold or replace requests need) also turns off the HTTP
    cache, so every page fetched the site's assets and axe-core again."""
    requests = Requests(origin)
    axe_url = f"{origin.split('/', 3)[0]}//{origin.split('/', 3)[2]}{AXE_PATH}"

    def record(url: str) -> bool:
        """Note a request; False where it leaves the site."""
        if url == axe_url:
            return True  # the scans' own axe-core (axe.py), not the site's
        requests.made.append(url)
        if url.startswith(origin + "/") or url.startswith(("data:", "blob:")):
            return True
        requests.refused.append(url)
        return False

    if not routed:
        context = browser.new_context(proxy={"server": "http://127.0.0.1:9", "bypass": "127.0.0.1"}, **options)
        context.on("request", lambda request: record(request.url))
        return context, requests

    context = browser.new_context(**options)

    def route(route_, request):
        if record(request.url):
            route_.continue_()
        else:
            route_.abort()

    context.route("**/*", route)
    return context, requests


@pytest.fixture
def context_for(chromium):
    """context_for(served) -> (context, requests); closed after the test."""
    opened = []

    def make(site: Served, **options):
        context, requests = open_context(chromium, site.origin, **options)  # routed=False: see there
        opened.append(context)
        return context, requests

    yield make
    for context in opened:
        context.close()

