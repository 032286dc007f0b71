"""New York City's Chinese and Arabic editions in Chromium (issue 25): axe finds nothing on
every kind of page (with the planner in use and the language menu open), Arabic is laid out
right to left (Material's layout and ours), the planner writes dates in the edition's
language, search finds Chinese words, the script's font comes from the site itself in the
slices a page needs, the first view stays within 250 KB, and the switcher offers every
edition with its hreflang."""

from __future__ import annotations

import re

import pytest

from .axe import describe, scan
from .test_accessibility import report, violations_on
from .test_privacy_and_weight import first_view_bytes, start_first_view

DISTRICT = "nyc"
EDITIONS = ["zh-hans", "ar"]
FONT = {"zh-hans": "Noto Sans SC", "ar": "Noto Sans Arabic"}
# Bytes, gzip, of a first view: the goal, 250 KB, for both. A Chinese page downloads
# the font files its group of pages shares (font_subsets.py) and those of the characters on
# most pages, on a machine with no Chinese font of its own, as this one.
BUDGET = {"ar": 250_000, "zh-hans": 250_000}


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_violations_on_any_kind_of_page(served, context_for, edition):
    site = served(DISTRICT).edition(edition)
    context, requests = context_for(served(DISTRICT), routed=False)  # the whole host: assets at any depth
    page = context.new_page()
    paths = site.kind_paths()
    assert len(paths) > 15
    found = {path: violations_on(page, site.url(path)) for path in paths}
    page.goto(site.url("informational-interview/timeline/"))
    page.locator("form.guide-planner input[type=date]").fill("2027-03-31")
    found["planned timeline"] = describe(scan(page))
    page.locator(".md-header__option .md-select").hover()  # the language menu open
    found["language menu"] = describe(scan(page))
    assert not report(found), report(found)
    assert not requests.refused, requests.refused


def test_arabic_is_laid_out_right_to_left(served, context_for):
    site = served(DISTRICT).edition("ar")
    context, _ = context_for(served(DISTRICT), viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site.url("informational-interview/checklist/"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    width = page.viewport_size["width"]
    navigation = page.locator(".md-sidebar--primary").bounding_box()
    assert navigation["x"] > width / 2, "Material's navigation is on the right"
    tick = page.locator("input.guide-tick").first
    box, text = tick.bounding_box(), tick.locator("xpath=ancestor::li[1]").bounding_box()
    assert box["x"] + box["width"] / 2 > text["x"] + text["width"] / 2, "a tick box is at the right of its item"
    assert page.evaluate("() => getComputedStyle(document.querySelector('article')).direction") == "rtl"


ARABIC_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
                 "نوفمبر", "ديسمبر")


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_planner_writes_dates_in_the_editions_language(served, context_for, edition):
    site = served(DISTRICT).edition(edition)
    context, _ = context_for(served(DISTRICT))
    page = context.new_page()
    page.goto(site.url("informational-interview/timeline/"))
    page.locator("form.guide-planner input[type=date]").fill("2027-03-31")
    dates = [date for date in page.locator("ol.guide-timeline time").all_inner_texts() if date]
    assert len(dates) > 3, dates
    for date in dates:
        if edition == "zh-hans":
            assert "年" in date and "月" in date and "日" in date, date
        else:
            assert any(month in date for month in ARABIC_MONTHS), date


def test_search_finds_chinese_words(served, context_for):
    site = served(DISTRICT).edition("zh-hans")
    context, _ = context_for(served(DISTRICT))
    page = context.new_page()
    page.goto(site.url(""))
    page.locator(".md-search__input").press_sequentially("实习")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=30_000)
    results = page.locator(".md-search-result").inner_text()
    assert "实习" in results


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_scripts_font_comes_from_the_site_in_slices(served, context_for, edition):
    site = served(DISTRICT).edition(edition)
    context, requests = context_for(served(DISTRICT))
    page = context.new_page()
    page.goto(site.url(""), wait_until="networkidle")
    page.evaluate("() => document.fonts.ready")
    loaded = page.evaluate("""() => Array.from(document.fonts).filter((f) => f.status === 'loaded')
                                     .map((f) => f.family.replace(/"/g, ''))""")
    # Chinese: its page group's family, "Noto Sans SC index-html" (font_subsets.py).
    assert any(family == FONT[edition] or family.startswith(FONT[edition] + " ") for family in loaded), loaded
    fonts = [url for url in requests.made if url.endswith(".woff2")]
    assert fonts and all(url.startswith(served(DISTRICT).origin + "/") for url in fonts)
    if edition == "zh-hans":  # a page loads the slices it needs, not the whole font
        slices = [url for url in fonts if "/noto-sans-sc/" in url]
        assert 3 <= len(slices) < 60, slices
    assert not requests.refused


def heaviest(site, count: int = 3) -> list[str]:
    """The pages showing the most distinct characters of their script's font (more of its
    files to download), each with the plan tools' scripts or not: the heaviest first views."""
    pages = {path: site.html(path) for path in site.page_paths() if path.endswith("/")}  # each read once
    weight = {path: len({c for c in re.sub(r"<[^>]+>", " ", html) if ord(c) > 0x5FF}) for path, html in pages.items()}
    tools = [path for path, html in pages.items() if "data-guide-planner" in html or "data-guide-checklist" in html]
    others = [path for path in pages if path not in tools]
    return sorted(tools, key=weight.get)[-count:] + sorted(others, key=weight.get)[-count:]


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_first_view_is_at_most_250_kb_gzip(served, context_for, edition, record_property):
    """The home page, a checklist, and the heaviest pages with and without the plan tools."""
    site = served(DISTRICT).edition(edition)
    paths = ["", "informational-interview/checklist/", *heaviest(site)]
    views = []
    for path in dict.fromkeys(paths):  # the loads of several first views overlap
        context, requests = context_for(served(DISTRICT))  # a new visitor: nothing cached
        views.append((path, requests, *start_first_view(context, site.url(path))))
    for path, requests, page, responses in views:
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        page.wait_for_load_state("networkidle")
        total, sizes = first_view_bytes(page, responses)
        record_property(f"first view gzip bytes /{edition}/{path}", total)
        assert requests.refused == []
        assert total <= BUDGET[edition], "\n".join(f"{size:8d} {url}" for url, size in sorted(sizes, key=lambda s: -s[1]))


def test_the_switcher_offers_every_edition(served, context_for):
    english = served(DISTRICT)
    context, _ = context_for(english)
    page = context.new_page()
    page.goto(english.edition("ar").url("informational-interview/checklist/"))
    links = page.locator("a.md-select__link")
    offered = {links.nth(i).get_attribute("hreflang"): links.nth(i).get_attribute("href") for i in range(links.count())}
    assert set(offered) == {"en", "es", "zh-Hans", "ar"}, offered
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=zh-Hans]").click()
    page.wait_for_url(english.edition("zh-hans").url("informational-interview/checklist/"))
    assert page.locator("html").get_attribute("lang") == "zh-Hans"


def test_no_slanted_text_in_chinese_or_arabic(served, context_for):
    """Chinese and Arabic have no italics, and a slanted copy of their letters is harder to
    read: the lines English sets in italics (a handout's audience) stand upright there."""
    site = served(DISTRICT)
    context, _ = context_for(site)
    page = context.new_page()
    slant = "() => getComputedStyle(document.querySelector('.guide-audience')).fontStyle"
    path = "informational-interview/handouts/checklist-sheet/"
    page.goto(site.url(path))
    assert page.evaluate(slant) == "italic"  # the English edition's, for contrast
    for edition in EDITIONS:
        page.goto(site.edition(edition).url(path))
        assert page.evaluate(slant) == "normal", edition
