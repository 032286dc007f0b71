"""Printing from the browser (Ctrl+P): real pages of a real build printed to PDF by headless
Chromium, then read back. The web chrome stays off paper, the running header names the
site and the page, printed links show their address, and every handout page is one sheet.

A page is printed as `chromium --headless --print-to-pdf` prints it. The sweeps over every
handout and every collection, and the checks of a single page, print through one Chromium
kept open (Playwright, with the print settings that command uses) instead of starting
Chromium once a page, which made them the slowest tests of the suite;
test_one_browser_prints_what_the_command_prints checks that both give the same paper,
pages, text and headings (on the checklist page the single-page checks print too).
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, normalize, text_of
from pdf_reading import page_texts as texts_of_pages
from tools import missing
from test_pdfs import stranded_headings
from test_site_structure import nav_labels

from wbl_guide.publishing.publish import publish

# The browser tests' Chromium (GUIDE_CHROMIUM, else Debian's), or whichever is on the PATH.
CHROMIUM = (os.environ["GUIDE_CHROMIUM"] if "GUIDE_CHROMIUM" in os.environ else
            shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome"))
CHROMIUM = CHROMIUM if CHROMIUM and Path(CHROMIUM).is_file() else None
NO_CHROMIUM = ("Chromium is not installed: the browser print stylesheet is checked by printing pages "
               "with headless Chromium (Debian: apt-get install chromium)")


@pytest.fixture(autouse=True)
def _needs_chromium():
    if CHROMIUM is None:
        missing(NO_CHROMIUM)

LETTER = (612.0, 792.0)


def _target(out_dir: Path, url: str) -> Path:
    return (out_dir / (re.sub(r"\W+", "-", url).strip("-") or "home")).with_suffix(".pdf")


def print_pages(site_dir: Path, urls: list[str], out_dir: Path, printer=None) -> dict[str, PdfReader]:
    """Each page, printed by Chromium with its default settings (as Ctrl+P would): by the
    `chromium --headless --print-to-pdf` command, or by `printer` (see the fixture)."""
    if printer is not None:
        return {url: printer(site_dir, url, _target(out_dir, url)) for url in urls}

    def one(url: str) -> tuple[str, PdfReader]:
        target = _target(out_dir, url)
        # The outline (bookmarks from the headings) lets the tests find each heading.
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--generate-pdf-document-outline",
                        f"--print-to-pdf={target}",
                        (site_dir / url / "index.html").as_uri()], capture_output=True, timeout=120, check=True)
        return url, PdfReader(target)

    with ThreadPoolExecutor(2) as pool:
        return dict(pool.map(one, urls))


# What `chromium --headless --print-to-pdf --generate-pdf-document-outline` asks of the page
# (Chromium's headless command handler): backgrounds, the page's own @page size, Chromium's
# header and footer (date, title, address, page numbers), an outline; tagging as Chromium
# chooses.
COMMAND_PRINT_SETTINGS = {"printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": True,
                          "generateDocumentOutline": True}


@pytest.fixture(scope="module")
def printer():
    """printer(site_dir, url, target) -> PdfReader: the page printed as the command prints
    it, by one Chromium kept open for the module. Its window is the command's (800 x 600,
    no viewport of Playwright's own), the page is printed once loaded, as the command does.
    Playwright runs in a thread of its own: the browser tests' session keeps another
    Playwright open in the main thread, and one thread holds only one.
    Without Playwright it is None, and print_pages runs the command for every page."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        yield None
        return
    own_thread = ThreadPoolExecutor(max_workers=1)  # every call below runs in that one thread
    opened: dict = {}

    def start() -> None:
        opened["playwright"] = sync_playwright().start()
        # The full browser, as a person prints: the headless shell breaks a few lines
        # elsewhere (tests/browser/conftest.py drives it for everything else).
        opened["browser"] = opened["playwright"].chromium.launch(executable_path=CHROMIUM,
                                                                 args=["--no-sandbox", "--disable-gpu"])
        opened["context"] = opened["browser"].new_context(no_viewport=True)
        # One tab for every print: a page's printed layout is what it lays out once loaded,
        # whichever page the tab showed before (a new tab for each cost 40% more a print).
        opened["page"] = opened["context"].new_page()
        opened["session"] = opened["context"].new_cdp_session(opened["page"])

    def print_now(site_dir: Path, url: str, target: Path) -> bytes:
        opened["page"].goto((site_dir / url / "index.html").as_uri(), wait_until="load")
        printed = opened["session"].send("Page.printToPDF", COMMAND_PRINT_SETTINGS)
        return base64.b64decode(printed["data"])

    def stop() -> None:
        opened["browser"].close()
        opened["playwright"].stop()

    def print_one(site_dir: Path, url: str, target: Path) -> PdfReader:
        target.write_bytes(own_thread.submit(print_now, site_dir, url, target).result())
        return PdfReader(target)

    own_thread.submit(start).result()
    try:
        yield print_one
    finally:
        own_thread.submit(stop).result()
        own_thread.shutdown()


def outline_of(reader: PdfReader) -> list[tuple[str, int]]:
    """Every heading of the outline, with the page it leads to."""
    found = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item)))

    walk(reader.outline)
    return found


def test_one_browser_prints_what_the_command_prints(built, printer, tmp_path):
    """The sweeps below print through `printer`: on a handout, a collection of many pages
    and a page of the site, it gives what the command gives, page for page."""
    if printer is None:
        missing("Playwright is not installed: the sweeps print with the command")
    build = built("earn-and-learn")
    urls = ["informational-interview/handouts/checklist-sheet/", "informational-interview/downloads/complete-guide/",
            "informational-interview/checklist/"]
    (tmp_path / "command").mkdir()
    (tmp_path / "printer").mkdir()
    by_command = print_pages(build.site, urls, tmp_path / "command")
    by_printer = print_pages(build.site, urls, tmp_path / "printer", printer)
    assert len(by_command["informational-interview/downloads/complete-guide/"].pages) > 2
    for url in urls:
        command, one_browser = by_command[url], by_printer[url]
        assert [(float(p.mediabox.width), float(p.mediabox.height)) for p in one_browser.pages] == \
            [(float(p.mediabox.width), float(p.mediabox.height)) for p in command.pages], url
        assert page_texts(one_browser) == page_texts(command), url
        assert outline_of(one_browser) == outline_of(command), url


def page_texts(reader: PdfReader) -> list[str]:
    return [normalize(text) for text in texts_of_pages(reader)]


@pytest.mark.parametrize("district", ["earn-and-learn", "nyc"])
def test_printed_page_has_content_and_running_header_without_web_chrome(built, printer, district, tmp_path):
    build = built(district)
    site = publish(ROOT, district, pdf=False)
    url = "informational-interview/checklist/"
    page_html = build.html(url)
    title = site.page("informational-interview/checklist.md").title
    # Through the open browser: the first test shows it prints this page as the command does.
    [reader] = print_pages(build.site, [url], tmp_path, printer).values()
    pages = page_texts(reader)
    for number, text in enumerate(pages, start=1):
        assert site.site_name in text, f"page {number} has no site name in its header"
        # The title runs in the header of every page; the first page also has it as its heading.
        assert text.count(title) >= (2 if number == 1 else 1), f"page {number} has no title in its header"
        assert f"{number} / {len(pages)}" in text
    printed = " ".join(pages)
    article = build.article_text(url)
    squeezed = re.sub(r"\s+", "", printed)
    assert re.sub(r"\s+", "", article)[:300] in squeezed, "the page's content is not printed"
    nav_only = [label for label in nav_labels(page_html) if label not in article and label not in title]
    assert nav_only, "the navigation should hold labels the article does not"
    assert not [label for label in nav_only if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", printed)]
    assert "Made with" not in printed and "Search" not in printed


def test_printed_links_show_their_address(built, printer, tmp_path):
    build = built("earn-and-learn")
    url = "informational-interview/resources/"
    content = re.search(r"<article.*?</article>", build.html(url), re.S).group(0)
    links = re.findall(r'<a href="(https?://[^"]+)"', content)
    assert links
    [reader] = print_pages(build.site, [url], tmp_path, printer).values()
    printed = re.sub(r"\s+", "", " ".join(page_texts(reader)))
    for link in links:
        assert f"({link})" in printed, link


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_handout_page_prints_on_one_sheet(built, printer, tmp_path, language):
    """In English and in Spanish, which says more: a long sheet's page prints a step tighter
    (print_fit.py), as its PDF does."""
    build = built("earn-and-learn")
    build = build if language == "en" else build.edition(language)
    site = publish(ROOT, pdf=False, language=language)
    urls = [f"{a.id}/handouts/{h.id}/" for a in site.activities for h in a.handouts]
    assert len(urls) > 60
    printed = print_pages(build.site, urls, tmp_path, printer)
    for url, reader in printed.items():
        assert len(reader.pages) == 1, f"{url} prints on {len(reader.pages)} pages"
        box = reader.pages[0].mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(LETTER, abs=1)
        handout_title = text_of(re.search(r"<h1[^>]*>(.*?)</h1>", build.html(url), re.S).group(1))
        assert handout_title in page_texts(reader)[0]


def test_no_heading_is_stranded_when_a_collection_prints(built, printer, tmp_path):
    """The longest print pages (every collection of pages) over many sheets of paper."""
    build = built("earn-and-learn")
    site = publish(ROOT, pdf=False)
    urls = [f"{a.id}/downloads/{b.id}/" for a in site.activities if a.downloads for b in a.downloads.bundles]
    for url, reader in print_pages(build.site, urls, tmp_path, printer).items():
        assert reader.outline, f"{url}: no headings found"
        assert not stranded_headings(reader, content_bottom=40), url
