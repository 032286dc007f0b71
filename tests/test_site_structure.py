"""Titles, navigation, site name and URLs in each district's words; no third-party requests."""

from __future__ import annotations

import html
import re

import pytest

from conftest import text_of

SECTION_URLS = ["informational-interview/", "informational-interview/checklist/",
                "informational-interview/timeline/", "informational-interview/tips/",
                "informational-interview/distance/", "informational-interview/virtual-hybrid/",
                "informational-interview/resources/", "informational-interview/preparation/",
                "informational-interview/reflection/", "informational-interview/downloads/"]


def title(page_html: str) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", page_html, re.S).group(1))


def nav_labels(page_html: str) -> list[str]:
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', page_html, re.S)
    return [text_of(label) for label in re.findall(r'<span class="md-ellipsis">(.*?)</span>', nav.group(0), re.S)]


@pytest.mark.parametrize("district", ["earn-and-learn", "nyc"])
def test_one_page_per_section_with_neutral_urls(built, district):
    build = built(district)
    for url in SECTION_URLS:
        assert (build.site / url / "index.html").exists(), url
    words = re.compile(r"learner|student|connector|coordinator|nyc|earn|remote", re.I)
    paths = [p.relative_to(build.site).as_posix() for p in build.pages()]
    assert not [p for p in paths if words.search(p)]


@pytest.mark.parametrize("district,site_name,learner,checklist", [
    ("earn-and-learn", "Earn & Learn Work-Based Learning Guide", "Learner",
     "WBL Connectors Informational Interview Checklist"),
    ("nyc", "NYC Public Schools Work-Based Learning Guide", "Student",
     "WBL Coordinators Informational Interview Checklist"),
])
def test_terms_in_titles_nav_and_site_name(built, district, site_name, learner, checklist):
    build = built(district)
    home = build.html("")
    assert title(home) == site_name
    assert site_name in text_of(re.search(r'<header.*?</header>', home, re.S).group(0))
    preparation = build.html("informational-interview/preparation/")
    # A page whose title does not name its activity is named with it (tabs, search results).
    assert title(preparation) == f"{learner} Preparation · Informational Interview - {site_name}"
    assert re.search(rf"<h1[^>]*>{learner} Preparation", preparation)
    assert f"{learner} Preparation" in nav_labels(preparation)
    assert f"{learner} Reflection" in nav_labels(preparation)
    checklist_html = build.html("informational-interview/checklist/")
    assert title(checklist_html) == f"{checklist} - {site_name}"
    assert "Checklist" in nav_labels(checklist_html)
    docs = build.search_index()["docs"]
    assert any(doc["title"] == checklist for doc in docs)
    assert any(doc["title"] == f"{learner} Preparation" for doc in docs)


@pytest.mark.parametrize("district", ["earn-and-learn", "nyc"])
def test_no_request_leaves_the_site(built, district):
    """Nothing the browser loads by itself (scripts, styles, fonts, images) is off-site."""
    build = built(district)
    loaded = re.compile(r'<(?:script|img|iframe|source|link)\b[^>]*?(?:src|href)="(https?:)?//', re.I)
    for page in build.pages():
        page_html = page.read_text(encoding="utf-8")
        assert not loaded.search(page_html), page
        assert "fonts.googleapis" not in page_html and "fonts.gstatic" not in page_html
    for css in build.site.rglob("*.css"):
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:", css.read_text(encoding="utf-8")), css


@pytest.mark.parametrize("district", ["earn-and-learn", "nyc"])
def test_light_dark_toggle_and_search(built, district):
    home = built(district).html("")
    assert 'data-md-component="palette"' in home
    assert home.count('name="__palette"') == 2
    assert 'data-md-component="search"' in home
    assert built(district).search_index()["docs"]


def test_items_carry_stable_ids(built):
    checklist = built("nyc").html("informational-interview/checklist/")
    assert re.search(r'<li id="identify-teachers">Identify all interested', checklist)
    assert re.search(r'<li id="document-and-review">Document the informational interview\. Review', checklist)
    timeline = built("earn-and-learn").html("informational-interview/timeline/")
    step = re.search(r'<li [^>]*id="two-months-before"[^>]*>', timeline).group(0)
    # The rule as written, and as the timeline planner reads it: two months back.
    assert 'data-due="2 months before"' in step
    assert 'data-due-count="-2"' in step and 'data-due-unit="month"' in step


def test_data_system_adapts(built):
    """Earn & Learn names its data system; NYC names none and gets the fallback wording."""
    assert "Document the informational interview in ELENA." in built("earn-and-learn").all_text()
    nyc = built("nyc").all_text()
    assert "Document the informational interview. Review feedback" in nyc


def test_coordinator_note_is_a_footnote(built):
    checklist = built("nyc").html("informational-interview/checklist/")
    note = re.search(r'<li id="fn:coordinator-note">(.*?)</li>', checklist, re.S)
    assert note and "In New York State, this includes certified work-based learning coordinators" in note.group(1)
    assert 'href="#fn:coordinator-note"' in checklist


@pytest.mark.parametrize("district", ["earn-and-learn", "nyc"])
def test_search_finds_each_page_once(built, district):
    """The search index every first view loads holds each page's words once: collections
    (the Complete Activity Guide, handout sets) repeat their pages, and My plans holds none."""
    build = built(district)
    locations = {doc["location"].split("#")[0] for doc in build.search_index()["docs"]}
    collections = [p.parent.relative_to(build.site).as_posix() + "/" for p in build.pages()
                   if "/downloads/" in p.as_posix() and p.parent.name != "downloads"]
    assert "informational-interview/downloads/complete-guide/" in collections
    assert not set(collections) & locations
    assert "plans/" not in locations
    # Pages themselves, handouts among them, are still found.
    for page in ("informational-interview/checklist/", "informational-interview/handouts/preparation-sheet/",
                 "job-shadow/timeline/"):
        assert page in locations, page
