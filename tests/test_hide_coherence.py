"""Hiding keeps the site whole: whatever a district hides, no page is left with a title
alone, no link leads to a missing page, PDF or anchor, and what hiding emptied (a handout,
a collection, a section) is gone everywhere: its page, its PDF, the downloads page, the
navigation and the search index.

Two districts are built (with their PDFs), each hiding several things at once:

    hide-sections   the checklist, distance and timeline sections and every tip of the
                    Informational Interview (so the tips page and the handouts drawn only
                    from the checklist and distance sections are emptied), and the whole
                    Job Shadow activity
    hide-handouts   every handout that a collection of each activity gathers, so those
                    collections have nothing left to collect
"""

from __future__ import annotations

import html
import posixpath
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from conftest import article, copy_project, normalize, run_build, text_of
from pdf_reading import page_texts, read

II = "informational-interview"
JS = "job-shadow"


def _tip_ids(project: Path) -> list[str]:
    """The id of every tip (item) of the Informational Interview's tips section."""
    data = yaml.safe_load((project / "data/activities" / f"{II}.yml").read_text(encoding="utf-8"))
    tips = [item["id"] for part in data["tips"]["parts"] for item in part.get("items", [])]
    assert len(tips) >= 5
    return tips


def _bundle(project: Path, activity: str, bundle: str) -> list[str]:
    data = yaml.safe_load((project / "data/activities" / f"{activity}.yml").read_text(encoding="utf-8"))
    included, = [b["include"] for b in data["downloads"]["bundles"] if b["id"] == bundle]
    return included


# Links to pages (and items) that hiding removes: each must keep its words only.
LINKS_TO_HIDDEN = {
    "hide-sections": (
        f"See [the checklist](/{II}/checklist/#before), [the timeline](/{II}/timeline/), "
        f"[the tips](/{II}/tips/), [the distance options](/{II}/distance/#steps-to-success), "
        f"[the checklist sheet](/{II}/handouts/checklist-sheet/), [a job shadow](/{JS}/) and "
        f"[its checklist](/{JS}/checklist/#recruit-hosts)."),
    "hide-handouts": (
        f"See [the tip sheet](/{II}/handouts/teacher-tip-sheet/), "
        f"[the support materials](/{II}/downloads/support-materials/) and "
        f"[the shadow's tools](/{JS}/downloads/implementation-tools/)."),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hide") / "project")
    base = (project / "data/districts/earn-and-learn.yml").read_text(encoding="utf-8")
    profiles = {
        "hide-sections": {
            "hide_activities": [JS],
            "hide": {II: ["checklist", "distance", "timeline"] + _tip_ids(project)},
        },
        "hide-handouts": {
            "hide": {II: _bundle(project, II, "support-materials"),
                     JS: _bundle(project, JS, "implementation-tools")},
        },
    }
    for name, extra in profiles.items():
        extra["notes"] = {II: {"definition": LINKS_TO_HIDDEN[name]}}
        (project / "data/districts" / f"{name}.yml").write_text(
            base + "\n" + yaml.safe_dump(extra, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def builds(project, tmp_path_factory):
    """Both districts, PDFs included, built side by side."""
    names = list(LINKS_TO_HIDDEN)
    with ThreadPoolExecutor(len(names)) as pool:
        results = pool.map(lambda name: run_build(tmp_path_factory.mktemp(f"site-{name}"), name, project=project,
                                                  extra_env={"GUIDE_PDF": "1"}), names)
        return dict(zip(names, results))


# What each district must have lost: pages (URL paths) and PDFs (site paths).
GONE_PAGES = {
    "hide-sections": [f"{II}/checklist/", f"{II}/distance/", f"{II}/timeline/", f"{II}/tips/",
                      f"{II}/handouts/checklist-sheet/", f"{II}/handouts/distance-interview-sheet/", f"{JS}/"],
    "hide-handouts": [f"{II}/handouts/{h}/" for h in ("teacher-tip-sheet", "employer-tip-sheet",
                                                      "preparation-sheet", "reflection-worksheet")]
    + [f"{II}/downloads/support-materials/"]
    + [f"{JS}/handouts/{h}/" for h in ("checklist-sheet", "timeline-sheet", "distance-shadow-sheet")]
    + [f"{JS}/downloads/implementation-tools/"],
}
GONE_PDFS = {
    "hide-sections": [f"{II}/pdf/checklist-sheet.pdf", f"{II}/pdf/distance-interview-sheet.pdf"],
    "hide-handouts": [f"{II}/pdf/{h}.pdf" for h in ("teacher-tip-sheet", "employer-tip-sheet",
                                                    "preparation-sheet", "reflection-worksheet",
                                                    "support-materials")]
    + [f"{JS}/pdf/{h}.pdf" for h in ("checklist-sheet", "timeline-sheet", "distance-shadow-sheet",
                                     "implementation-tools")],
}
# What each must still have (so the test cannot pass by building nothing).
KEPT_PAGES = {
    "hide-sections": [f"{II}/", f"{II}/resources/", f"{II}/downloads/", f"{II}/downloads/complete-guide/",
                      f"{II}/handouts/teacher-tip-sheet/"],
    "hide-handouts": [f"{II}/handouts/checklist-sheet/", f"{II}/downloads/implementation-tools/",
                      f"{JS}/downloads/support-materials/", f"{JS}/handouts/observation-log/"],
}
KEPT_PDFS = {
    "hide-sections": [f"{II}/pdf/complete-guide.pdf", f"{II}/pdf/teacher-tip-sheet.pdf"],
    "hide-handouts": [f"{II}/pdf/checklist-sheet.pdf", f"{II}/pdf/implementation-tools.pdf",
                      f"{JS}/pdf/support-materials.pdf", f"{JS}/pdf/complete-guide.pdf"],
}
DISTRICTS = list(LINKS_TO_HIDDEN)


def pages_of(build) -> dict[str, str]:
    """URL path -> HTML of every page of the site but the 404 page."""
    pages = {p.relative_to(build.site).as_posix(): p.read_text(encoding="utf-8")
             for p in build.pages() if p.name == "index.html"}
    assert len(pages) > 10, build.output
    return pages


_LINK = re.compile(r'<(?:a|link|script|img)\b[^>]*?\b(?:href|src)="([^"]*)"', re.S)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def local_links(site: Path, page: str, page_html: str):
    """(link as written, target file relative to the site or None if outside it, fragment)
    for every link of a page to a file of this site."""
    folder = posixpath.dirname(page)
    for raw in _LINK.findall(page_html):
        url = html.unescape(raw)
        if _SCHEME.match(url) or url.startswith("//"):
            continue
        path, _, fragment = url.partition("#")
        path = path.split("?")[0]
        if not path:
            yield url, page, fragment
            continue
        joined = posixpath.normpath(posixpath.join(folder, path))
        if joined == ".." or joined.startswith("../"):
            yield url, None, fragment
            continue
        target = "" if joined == "." else joined
        if (site / target).is_dir():
            target = posixpath.join(target, "index.html") if target else "index.html"
        yield url, target, fragment


@pytest.mark.parametrize("district", DISTRICTS)
def test_the_build_succeeds(builds, district):
    assert builds[district].returncode == 0, builds[district].output


@pytest.mark.parametrize("district", DISTRICTS)
def test_what_hiding_emptied_is_gone_and_the_rest_is_there(builds, district):
    site = builds[district].site
    for page in GONE_PAGES[district]:
        assert not (site / page / "index.html").exists(), page
    for pdf in GONE_PDFS[district]:
        assert not (site / pdf).exists(), pdf
    for page in KEPT_PAGES[district]:
        assert (site / page / "index.html").is_file(), page
    for pdf in KEPT_PDFS[district]:
        assert (site / pdf).is_file(), pdf


def test_a_hidden_activity_leaves_nothing(builds):
    site = builds["hide-sections"].site
    assert not (site / JS).exists()
    assert not [p for p in site.rglob("*") if JS in p.relative_to(site).as_posix()]
    for page, page_html in pages_of(builds["hide-sections"]).items():
        assert not re.search(rf'(?:href|src)="[^"]*{JS}', page_html), page
        assert "Job Shadow" not in page_html, page  # not in the navigation, listing or text
    assert JS not in (site / "search" / "search_index.json").read_text(encoding="utf-8")


# What every sheet carries whatever it holds: who it is for, its PDF, the collection's
# byline, and the labeled lines to fill in. None of it is content.
_FURNITURE = re.compile(r'<p class="guide-(?:audience|pdf|byline)".*?</p>|<div class="guide-fill-in".*?</div>', re.S)


@pytest.mark.parametrize("district", DISTRICTS)
def test_no_page_is_a_title_alone(builds, district):
    for page, page_html in pages_of(builds[district]).items():
        content = article(page_html)
        heading = re.search(r"<h1\b.*?</h1>", content, re.S)
        assert heading, f"{page} has no title"
        rest = _FURNITURE.sub(" ", content.replace(heading.group(0), " "))
        assert len(text_of(rest).split()) >= 3, f"{page} holds its title alone: {text_of(content)!r}"


@pytest.mark.parametrize("district", DISTRICTS)
def test_no_link_leads_to_a_missing_file_or_anchor(builds, district):
    site = builds[district].site
    pages = pages_of(builds[district])
    broken = []
    for page, page_html in pages.items():
        for url, target, fragment in local_links(site, page, page_html):
            if target is None or not (site / target).is_file():
                broken.append(f"{page}: {url}")
        # Anchors of the page's own content must exist where they lead.
        for url, target, fragment in local_links(site, page, article(page_html)):
            if fragment and target in pages and f'id="{fragment}"' not in pages[target]:
                broken.append(f"{page}: {url} (no such anchor)")
    assert broken == []


@pytest.mark.parametrize("district", DISTRICTS)
def test_links_to_hidden_pages_keep_their_words_only(builds, district):
    overview = builds[district].html(f"{II}/")
    note_words = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", LINKS_TO_HIDDEN[district])
    assert note_words in text_of(article(overview))
    for page in GONE_PAGES[district]:
        name = page.rstrip("/").split("/")[-1]
        assert not re.search(rf'href="[^"]*{re.escape(name)}/?(#[^"]*)?"', article(overview)), page


@pytest.mark.parametrize("district", DISTRICTS)
def test_the_downloads_pages_list_nothing_hidden(builds, district):
    build = builds[district]
    site = build.site
    for downloads in sorted(site.glob("*/downloads/index.html")):
        page = downloads.relative_to(site).as_posix()
        targets = {target for _, target, _ in local_links(site, page, article(downloads.read_text(encoding="utf-8")))}
        for gone in GONE_PAGES[district] + GONE_PDFS[district]:
            gone_file = gone + "index.html" if gone.endswith("/") else gone
            assert gone_file not in targets, (page, gone)
    if district == "hide-handouts":
        listed = build.html(f"{II}/downloads/")
        assert 'href="support-materials/"' not in listed and "Support Materials" not in text_of(article(listed))
        assert 'href="implementation-tools/"' in listed


@pytest.mark.parametrize("district", DISTRICTS)
def test_the_search_index_has_no_hidden_page(builds, district):
    locations = {doc["location"].split("#")[0] for doc in builds[district].search_index()["docs"]}
    for gone in GONE_PAGES[district]:
        assert gone not in locations, gone
    if district == "hide-sections":
        assert not [location for location in locations if location.startswith(f"{JS}/")]


def test_the_complete_guide_leaves_out_the_hidden_sections(builds):
    build = builds["hide-sections"]
    page_html = article(build.html(f"{II}/downloads/complete-guide/"))
    pdf = normalize(" ".join(page_texts(read(build.site / II / "pdf" / "complete-guide.pdf"))))
    # An item of each hidden section, by its id on the page and its words in the PDF.
    hidden = {"identify-teachers": "Identify all interested teachers/faculty",
              "two-months-before": "Invite business partners to participate",
              "effective-planning": "Conduct Effective Planning",
              "careful-look": "requires a careful look and policies"}
    for text in (text_of(page_html), pdf):
        assert "Informational Interview Fact Sheet" in text and "Resources & Links" in text
        for words in hidden.values():
            assert words.lower() not in text.lower(), words
    for ident in hidden:
        assert f'id="{ident}"' not in page_html, ident


@pytest.mark.parametrize("district", DISTRICTS)
def test_every_pdf_has_content(builds, district):
    site = builds[district].site
    pdfs = sorted(site.rglob("*.pdf"))
    assert pdfs
    for path in pdfs:
        assert len(normalize(" ".join(page_texts(read(path)))).split()) > 10, path.relative_to(site)
