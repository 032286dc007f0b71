"""The Spanish editions in Chromium: axe finds nothing (light and dark, with the planner in
use and the language menu open), the switcher leads to the same page, the planner writes
its dates in Spanish, and the checklist speaks Spanish."""

from __future__ import annotations

import pytest

from .axe import describe, scan
from .conftest import DISTRICTS
from .test_accessibility import report, violations_on


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("district", DISTRICTS)
def test_no_violations_on_the_spanish_pages(served, context_for, district, scheme):
    site = served(district).edition("es")
    # The whole site's host: a 404 page loads its assets from the site's root, at any depth.
    context, requests = context_for(served(district), color_scheme=scheme, routed=False)
    page = context.new_page()
    paths = site.kind_paths() + ["job-shadow/checklist/"]  # one with English marked as English
    found = {path: violations_on(page, site.url(path)) for path in paths}
    page.goto(site.url("informational-interview/timeline/"))
    page.locator("form.guide-planner input[type=date]").fill("2025-03-31")
    found["planned timeline"] = describe(scan(page))
    page.locator(".md-header__option .md-select").hover()  # the language menu open
    found["language menu"] = describe(scan(page))
    assert not report(found), report(found)
    assert not requests.refused, requests.refused


@pytest.mark.parametrize("district", DISTRICTS)
def test_the_switcher_and_the_tools_in_spanish(served, context_for, district):
    english = served(district)
    site = english.edition("es")
    context, _ = context_for(english)  # the whole site: both editions
    page = context.new_page()
    page.goto(site.url("informational-interview/timeline/"))
    assert page.locator("html").get_attribute("lang") == "es"
    page.locator("form.guide-planner input[type=date]").fill("2025-03-31")
    dates = page.locator("ol.guide-timeline time").all_inner_texts()
    assert dates and all(" de " in date for date in dates if date), dates
    assert any(month in " ".join(dates) for month in ("enero", "febrero", "marzo", "abril", "mayo")), dates
    legend = page.locator("form.guide-planner legend").inner_text()
    assert legend and "Plan your dates" not in legend

    page.goto(site.url("informational-interview/checklist/"))
    page.locator("input.guide-tick").first.check()
    progress = page.locator(".guide-checklist").inner_text()
    assert "1 de" in progress and "done" not in progress, progress

    # The switcher leads to the same page in English, and back.
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_url(english.url("informational-interview/checklist/"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=es]").click()
    page.wait_for_url(site.url("informational-interview/checklist/"))
    assert page.locator("html").get_attribute("lang") == "es"
