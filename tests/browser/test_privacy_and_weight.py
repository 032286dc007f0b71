"""Privacy and weight, measured in the browser: no page asks any host but the site's own
(fonts included, no analytics), and the first view of a page transfers at most 150 KB once
compressed with gzip, as any web server would send it (issue 13's goal); the search index
comes only when a reader searches."""

from __future__ import annotations

import gzip
import re

import pytest

from .conftest import DISTRICTS

BUDGET = 150_000  # bytes, gzip
# Formats that are compressed already: servers send them as they are.
COMPRESSED = re.compile(r"\.(woff2?|png|jpe?g|gif|webp|avif|pdf|zip)$")
TABS = 6  # pages loaded at once where only the waiting is shared


@pytest.mark.parametrize("district", DISTRICTS)
def test_no_request_leaves_the_site(served, context_for, district):
    site = served(district)
    context, requests = context_for(site, accept_downloads=True)
    page = context.new_page()
    # Every kind of page (test_no_analytics reads them all), each until its network is idle;
    # a few tabs of the same context at a time, so that their idle waits overlap.
    paths = site.kind_paths()
    for start in range(0, len(paths), TABS):
        tabs = [context.new_page() for _ in paths[start:start + TABS]]
        for tab, path in zip(tabs, paths[start:start + TABS]):
            tab.goto(site.url(path), wait_until="commit")
        for tab in tabs:
            tab.wait_for_load_state("networkidle")
            tab.close()
    # Use the tools too: search (its index and worker), a tick, a planned download.
    page.goto(site.url(""))
    page.locator(".md-search__input").press_sequentially("interview")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    for path in site.pages_with("data-guide-checklist"):
        page.goto(site.url(path))
        page.locator("input.guide-tick").first.check()
    for path in site.pages_with("data-guide-planner"):
        page.goto(site.url(path))
        page.locator("form.guide-planner input[type=date]").fill("2025-03-31")
        with page.expect_download():
            page.locator("form.guide-planner button").click()
    page.wait_for_load_state("networkidle")

    assert requests.refused == []
    made = requests.made
    assert len(made) > len(site.kind_paths())
    assert all(url.startswith(site.origin + "/") for url in made), [u for u in made if not u.startswith(site.origin)]
    # What the counts cover: the search worker's own fetch, and the self-hosted font.
    assert any(url.endswith("/search/search_index.json") for url in made)
    assert any("/assets/fonts/" in url and url.endswith(".woff2") for url in made)


@pytest.mark.parametrize("district", DISTRICTS)
def test_the_font_is_served_here_with_its_license_and_used(served, context_for, district):
    site = served(district)
    context, _ = context_for(site)
    page = context.new_page()
    page.goto(site.url(""))
    page.evaluate("() => document.fonts.ready")
    assert page.evaluate("() => document.fonts.check('16px \"Atkinson Hyperlegible\"')")
    loaded = page.evaluate("""() => Array.from(document.fonts).filter((f) => f.status === 'loaded')
                                     .map((f) => f.family.replace(/"/g, ''))""")
    assert "Atkinson Hyperlegible" in loaded
    license = page.request.get(site.url("assets/fonts/atkinson-hyperlegible/OFL.txt"))
    assert license.ok and "SIL OPEN FONT LICENSE" in license.text().upper()


@pytest.mark.parametrize("district", DISTRICTS)
def test_no_analytics(served, district):
    site = served(district)
    for path in site.page_paths():
        html = site.html(path)
        assert not re.search(r"googletagmanager|google-analytics|gtag\(|plausible|matomo", html, re.I), path
        scripts = re.findall(r'<script[^>]*\bsrc="([^"]+)"', html)
        assert all(not re.match(r"(https?:)?//", src) for src in scripts), (path, scripts)


def start_first_view(context, url: str):
    """Open `url` in `context` (a new visitor) and return (page, responses) at once: the
    loads of several first views overlap; first_view_bytes measures each."""
    responses = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    page.goto(url, wait_until="commit")
    return page, responses


def first_view_bytes(page, responses) -> tuple[int, list[tuple[str, int]]]:
    """What a first visit transfers, gzip-compressed: (total, [(url, bytes)]). The page
    must have been idle, waited 500 ms more and be idle again (test_the_first_view_...)."""
    sizes = []
    for response in responses:
        body = response.body() if response.status != 304 else b""
        sent = body if COMPRESSED.search(response.url.split("?")[0]) else gzip.compress(body, 6)
        sizes.append((response.url, min(len(sent), len(body))))
    return sum(size for _, size in sizes), sizes


@pytest.mark.parametrize("district", DISTRICTS)
def test_the_first_view_is_at_most_150_kb_gzip(served, context_for, district, record_property):
    site = served(district)
    pages = ["", *site.pages_with("data-guide-checklist"), *site.pages_with("data-guide-planner")]
    for start in range(0, len(pages), TABS):
        views = []
        for path in pages[start:start + TABS]:
            context, requests = context_for(site)  # a new visitor: nothing cached
            views.append((path, requests, *start_first_view(context, site.url(path))))
        for _, _, page, _ in views:
            page.wait_for_load_state("networkidle")
        views[0][2].wait_for_timeout(500)  # anything started late (the search worker's index), on every page
        for path, requests, page, responses in views:
            page.wait_for_load_state("networkidle")
            total, sizes = first_view_bytes(page, responses)
            record_property(f"first view gzip bytes /{path}", total)
            assert requests.refused == []
            assert total <= BUDGET, "\n".join(f"{size:8d} {url}" for url, size in sorted(sizes, key=lambda s: -s[1]))
            assert len(sizes) >= 5 and any(url.endswith(".js") for url, _ in sizes)  # the measure saw the page


@pytest.mark.parametrize("district", DISTRICTS)
def test_the_search_index_comes_when_a_reader_searches(served, context_for, district):
    """Not with every page (search-on-demand.js): the first view leaves it out, and the
    search worker's script too; focusing the search field fetches both, and a search then
    finds pages."""
    site = served(district)
    context, requests = context_for(site)
    page = context.new_page()
    page.goto(site.url("informational-interview/"), wait_until="networkidle")
    page.wait_for_timeout(500)
    index = [url for url in requests.made if url.endswith("/search/search_index.json")]
    assert index == [], "the search index was fetched before anyone searched"
    worker = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")
    assert not [url for url in requests.made if worker.search(url)], "the search worker started before anyone searched"
    with page.expect_response(lambda response: response.url.endswith("/search/search_index.json")):
        page.keyboard.press("/")  # Material's shortcut into the search field
    assert [url for url in requests.made if worker.search(url)]
    page.locator(".md-search__input").press_sequentially("reflection")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    assert "reflect" in page.locator(".md-search-result").inner_text().lower()


@pytest.mark.parametrize("district", DISTRICTS)
def test_the_checklist_tools_do_not_push_the_page_down(served, context_for, district):
    """The scripts are deferred, so a checklist's tools appear after the first paint; the
    room kept for them (guide-tools.css) means the list below does not move. The plan
    scripts are held back here, as on a slow phone, so the page paints without them.
    The same for a timeline, whose steps each gain a line for the plan's note."""
    site = served(district)
    opened = []  # every page and width at once: their held-back scripts and waits overlap
    for path in ("informational-interview/checklist/", "job-shadow/checklist/",
                 "informational-interview/timeline/", "job-shadow/timeline/"):
        for width in (375, 1280):
            context, _ = context_for(site, viewport={"width": width, "height": 800})
            page = context.new_page()

            def held_back(route, request, page=page):
                page.wait_for_timeout(600)
                route.continue_()

            page.route(re.compile(r".*/assets/javascripts/(plan-dates|plans|plan-bar|checklist|planner)\.js$"),
                       held_back)
            page.add_init_script("""window.guideShift = 0;
                new PerformanceObserver((list) => { for (const entry of list.getEntries())
                  if (!entry.hadRecentInput) window.guideShift += entry.value; })
                .observe({type: 'layout-shift', buffered: true});""")
            page.goto(site.url(path), wait_until="commit")
            opened.append((path, width, page))
    for _, _, page in opened:
        page.wait_for_load_state("networkidle")
        page.locator(".guide-plans").first.wait_for()
    opened[-1][2].wait_for_timeout(300)  # after every page's tools appeared
    for path, width, page in opened:
        shift = page.evaluate("() => window.guideShift")
        assert shift < 0.05, (path, width, shift)
