"""The PDFs: real `mkdocs build` runs with GUIDE_PDF=1, read back with pypdf.

Each bundled district ships a one-page PDF of every handout (on Letter and on A4), the
complete guide and the other collections; every PDF is tagged (PDF/UA-1) with title,
language, subject and embedded fonts, carries its own district's words only, and is
linked, with its page count and size, from the pages that offer it.
"""

from __future__ import annotations

import functools
import io
import os
import re
import subprocess

import pytest
from pypdf import PdfReader

from conftest import MKDOCS, ROOT, SHARED_CACHE, normalize, pdf_progress, text_of
from pdf_reading import PAPER, page_lines, page_size, page_text, page_texts, read, structure_elements
from test_district_words import OWN_WORDS, found
from test_live_preview import fetch, free_port, wait_for

from wbl_guide.base.errors import GuideError
from wbl_guide.pdf.renderer import render_pdfs
from wbl_guide.pdf.pdf_cache import cache_for
from wbl_guide.data.paths import handout_path, pdf_path
from wbl_guide.publishing.publish import print_documents, publish


DISTRICTS = ["earn-and-learn", "nyc"]
# What each district's handouts and guide must say in its own words.
OWN_TERMS = {
    "earn-and-learn": {"checklist-sheet": ["WBL Connectors", "learners", "ELENA"],
                       "preparation-sheet": ["Learner Preparation Sheet"],
                       "complete-guide": ["Earn & Learn", "Learner Reflection"]},
    "nyc": {"checklist-sheet": ["WBL Coordinators", "students"],
            "preparation-sheet": ["Student Preparation Sheet"],
            "complete-guide": ["New York City Public Schools", "Student Reflection"]},
}


def pdfs_of(build) -> dict[str, PdfReader]:
    """Every PDF of the build's edition, by site path: each file read once per process
    (tests/pdf_reading.py), the readers shared by every test that asks."""
    return {p.relative_to(build.site).as_posix(): read(p) for p in build.files("*.pdf")}


def pdf_text(reader: PdfReader) -> str:
    """Every page's text, and the title, subject and author the PDF gives itself."""
    info = reader.metadata or {}
    about = [info.get(key) or "" for key in ("/Title", "/Subject", "/Author")]
    return normalize(" ".join(about + [text or "" for text in page_texts(reader)]))


@functools.cache
def site_of(district: str | None, language: str | None = None):
    """publish(ROOT, district, pdf=False, language=language), published once per process:
    the tests only read it."""
    return publish(ROOT, district, pdf=False, language=language)


def handouts(district: str | None = None) -> list[tuple[str, str]]:
    """(activity id, handout id) of every handout a district shows, whatever the activity."""
    site = site_of(district)
    return [(activity.id, handout.id) for activity in site.activities for handout in activity.handouts]


@pytest.mark.parametrize("district", DISTRICTS)
def test_every_handout_and_collection_has_a_pdf(built_with_pdfs, district):
    build = built_with_pdfs(district)
    pdfs = pdfs_of(build)
    site = site_of(district)
    expected = {pdf_path(a.id, h.id) for a in site.activities for h in a.handouts}
    expected |= {pdf_path(a.id, b.id) for a in site.activities if a.downloads for b in a.downloads.bundles}
    assert set(pdfs) == expected
    one_page = [path for path, reader in pdfs.items() if len(reader.pages) == 1]
    assert len(pdfs) >= 8 and len(one_page) >= 6, {path: len(r.pages) for path, r in pdfs.items()}
    # The build said how its PDFs went, edition by edition, from the first to the last.
    for edition, count in (("en", len(pdfs)), ("es", len(pdfs_of(build.edition("es"))))):
        progress = pdf_progress(build.output, district, edition, line_start=r"INFO\s+-\s+")
        assert progress and progress[0][0] == 0 and progress[-1][2] == 0, (edition, progress)
        assert {sum(counts) for counts in progress} == {count}, (edition, progress)


@pytest.mark.parametrize("district", DISTRICTS)
@pytest.mark.parametrize("language", ["en", "es"])
def test_handouts_are_one_page_on_the_districts_paper(built_with_pdfs, district, language):
    build = built_with_pdfs(district)
    pdfs = pdfs_of(build if language == "en" else build.edition(language))
    paper = site_of(district).district.paper
    for activity, handout in handouts(district):
        reader = pdfs[pdf_path(activity, handout)]
        assert len(reader.pages) == 1, f"{handout} has {len(reader.pages)} pages"
        assert page_size(reader) == pytest.approx(PAPER[paper], abs=0.5)


@pytest.mark.parametrize("district", DISTRICTS)
@pytest.mark.parametrize("paper", sorted(PAPER))
def test_handouts_fit_one_page_of_letter_and_of_a4(district, paper):
    """The same documents the build prints, on both paper sizes, whatever the district chose."""
    site = site_of(district)
    sheets = {handout_path(a.id, h.id) for a in site.activities for h in a.handouts}  # as the district shows them
    documents = [d for d in print_documents(site, ROOT, paper, cache=SHARED_CACHE) if d.page in sheets]
    assert len(documents) == len(sheets)
    # Through the session's PDF cache, as the builds render: a sheet the bundled builds
    # rendered on this paper is reused (the same bytes), and those on the other paper are
    # rendered here. (That the paper reaches every PDF a district publishes, collections
    # too, is test_pdf_cache's test of a changed paper.)
    for path, pdf in render_pdfs(documents, cache=cache_for(ROOT, documents[0].base_url, SHARED_CACHE)).items():
        reader = PdfReader(io.BytesIO(pdf.data))
        assert pdf.pages == len(reader.pages) == 1, f"{path} has {pdf.pages} pages on {paper}"
        assert page_size(reader) == pytest.approx(PAPER[paper], abs=0.5)


def test_serve_skips_pdfs_unless_asked(project_copy):
    """`mkdocs serve` with GUIDE_PDF unset: the preview has no PDFs and offers print pages."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("GUIDE_PDF", None)
    env.pop("GUIDE_DISTRICT", None)
    server = subprocess.Popen(MKDOCS + ["serve", "-a", f"127.0.0.1:{port}"], cwd=project_copy, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/informational-interview/"
    try:
        assert wait_for(base + "downloads/", "Open for printing"), "serve did not start"
        assert ".pdf" not in fetch(base + "downloads/")
        assert ".pdf" not in fetch(base + "handouts/checklist-sheet/")
        assert fetch(base + "pdf/checklist-sheet.pdf") == ""
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.mark.parametrize("district,other", [("earn-and-learn", "nyc"), ("nyc", "earn-and-learn")])
def test_pdf_text_is_in_the_districts_words_only(built_with_pdfs, district, other):
    pdfs = pdfs_of(built_with_pdfs(district))
    texts = {path: pdf_text(reader) for path, reader in pdfs.items()}
    hits = [f"{path}: {hit}" for path, text in texts.items() for hit in found(OWN_WORDS[other], text)]
    assert not hits, "\n".join(hits[:20])
    for name, terms in OWN_TERMS[district].items():
        text = texts[pdf_path("informational-interview", name)]
        for term in terms:
            assert term in text, f"{term!r} missing from {name}.pdf"


@pytest.mark.parametrize("district", DISTRICTS)
@pytest.mark.parametrize("language", ["en", "es"])
def test_pdfs_are_tagged_with_title_language_subject_and_embedded_fonts(built_with_pdfs, district, language):
    site = site_of(district, language)
    build = built_with_pdfs(district)
    every_tag = set()
    for path, reader in pdfs_of(build if language == "en" else build.edition(language)).items():
        catalog = reader.trailer["/Root"]
        assert catalog["/MarkInfo"]["/Marked"], path
        assert catalog["/ViewerPreferences"]["/DisplayDocTitle"], path
        assert catalog["/Lang"] == site.language, path
        tags = _structure_tags(catalog["/StructTreeRoot"])
        assert {"/Document", "/H1"} <= tags, (path, tags)
        every_tag |= tags
        info = reader.metadata
        assert info.title.endswith(f" – {site.site_name}") and len(info.title) > len(site.site_name) + 3, path
        assert info.subject and info.subject.strip(), path
        xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
        assert 'pdfuaid:part="1"' in xmp, path
        assert "<dc:title>" in xmp, path
        fonts = _fonts(reader)
        assert fonts, path
        for name, embedded in fonts.items():
            assert embedded, f"{path}: font {name} is not embedded"
        assert any("Atkinson-Hyperlegible" in name for name in fonts), (path, list(fonts))
    assert {"/H2", "/P", "/L", "/LI", "/Link"} <= every_tag, every_tag


@pytest.mark.parametrize("district", DISTRICTS)
def test_complete_guide_has_cover_contents_with_page_numbers_and_bookmarks(built_with_pdfs, district):
    site = site_of(district)
    pdfs = pdfs_of(built_with_pdfs(district))
    complete = [(a, b) for a in site.activities if a.downloads for b in a.downloads.bundles if b.complete]
    assert complete
    for activity, bundle in complete:
        reader = pdfs[pdf_path(activity.id, bundle.id)]
        cover = normalize(page_text(reader, 0))
        assert site.district.name in cover and bundle.title.rstrip(":") in cover
        sections = [s.title for key, s in activity.sections() if key != "downloads"]
        bookmarks = _bookmarks(reader)
        for title in sections:
            assert title in bookmarks, f"no bookmark for {title!r}"
            page = bookmarks[title]
            # The contents line gives the page the bookmark points at, and the page shows the title.
            assert re.search(re.escape(normalize(title)) + r"[\s.]*" + str(page) + r"\b", cover), (title, page)
            assert normalize(title) in normalize(page_text(reader, page - 1))
        assert len(reader.pages) >= len(sections) + 1


def stranded_headings(reader: PdfReader, content_bottom: float) -> list[str]:
    """Headings (found by their bookmarks) with nothing after them on their page: no line
    of text below the heading and above `content_bottom` (the footer's zone, in points)."""
    # Each piece of text pypdf's visitor sees, with its height (one extraction per page,
    # shared with the text checks: tests/pdf_reading.py).
    lines = {number: [(y, normalize(text)) for y, text in page_lines(reader, number) if text.strip()]
             for number in range(len(reader.pages))}
    stranded = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
                continue
            number, top, title = reader.get_destination_page_number(item), float(item.top), normalize(item.title)
            own = [y for y, text in lines[number] if top - 40 < y <= top and title.startswith(text[:15])]
            baseline = min(own) if own else top - 20
            if not any(content_bottom < y < baseline - 1 for y, _ in lines[number]):
                stranded.append(f"{title!r} at the foot of page {number + 1}")

    walk(reader.outline)
    return stranded


def test_the_stranded_heading_check_finds_one():
    """The check above on a page made to strand a heading, and on the same page without."""
    from weasyprint import HTML

    lines = "".join(f"<p>Line {i}</p>" for i in range(34))
    for rule, expected in (("auto", 1), ("avoid", 0)):
        html = (f"<style>@page {{ size: letter; margin: 18mm }} p {{ margin: 0; font-size: 12pt; line-height: 18pt }}"
                f" h2 {{ margin: 0; font-size: 14pt; break-after: {rule} }}</style>"
                f"<h1>T</h1>{lines}<h2>Heading</h2><p>After</p>")
        reader = PdfReader(io.BytesIO(HTML(string=html).write_pdf()))
        assert len(stranded_headings(reader, content_bottom=45)) == expected, rule


@pytest.mark.parametrize("district", DISTRICTS)
def test_no_heading_is_stranded_at_the_foot_of_a_page(built_with_pdfs, district):
    pdfs = pdfs_of(built_with_pdfs(district))
    stranded = [f"{path}: {heading}" for path, reader in pdfs.items()
                for heading in stranded_headings(reader, content_bottom=45)]
    assert not stranded, "\n".join(stranded)


@pytest.mark.parametrize("district", DISTRICTS)
def test_pages_link_their_pdfs_with_page_count_and_size(built_with_pdfs, district):
    build = built_with_pdfs(district)
    pdfs = pdfs_of(build)
    linked = set()
    for page in build.pages():
        page_html = page.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"#]+\.pdf)"', page_html):
            target = (page.parent / href).resolve()
            assert target.is_file(), f"{page.relative_to(build.site)} links {href}, which is missing"
            linked.add(target.relative_to(build.site.resolve()).as_posix())
    assert linked == set(pdfs)
    for activity, handout in handouts(district):
        page_html = build.html(f"{activity}/handouts/{handout}/")
        assert f'href="../../pdf/{handout}.pdf"' in page_html, f"{handout} page does not link its PDF"
    for activity in {a for a, _ in handouts(district)}:
        downloads = build.article_text(f"{activity}/downloads/")
        for path, reader in pdfs.items():
            if path.startswith(f"{activity}/"):
                size = (build.site / path).stat().st_size
                count = len(reader.pages)
                described = f"({count} {'page' if count == 1 else 'pages'}, {max(1, round(size / 1000))} KB)"
                assert described in downloads, f"{path}: {described} not on the downloads page"


def test_preview_builds_skip_pdfs_and_offer_print_pages(built):
    """GUIDE_PDF=0 (the tests' default build): no PDF anywhere, the print pages remain."""
    build = built("earn-and-learn")
    assert not list(build.site.rglob("*.pdf"))
    assert not [p for p in build.pages() if ".pdf" in p.read_text(encoding="utf-8")]
    downloads = build.html("informational-interview/downloads/")
    assert 'href="complete-guide/"' in downloads
    assert text_of(downloads).count("Open for printing") == 3


def test_a_pdf_that_cannot_render_stops_the_build_with_a_clear_message(project_copy):
    """Through the front door every build goes through, in-process (one worker: the first
    PDF stops it); how `mkdocs build` prints a GuideError is tested end to end in
    test_build_errors.py."""
    stylesheet = project_copy / "overrides/print/pdf.css"
    stylesheet.write_text('@import url("missing.css");\n' + stylesheet.read_text(encoding="utf-8"),
                          encoding="utf-8")
    with pytest.raises(GuideError) as raised:
        publish(project_copy, pdf=True, workers=1, cache=SHARED_CACHE)
    output = str(raised.value)
    assert re.search(r"could not render the PDF of [a-z-]+/", output)
    assert "missing.css" in output
    assert "Traceback" not in output


def _structure_tags(node) -> set[str]:
    return {str(element["/S"]) for element in structure_elements(node) if "/S" in element}


def _fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font the pages use, by name: True when its glyphs are embedded."""
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            if font.get("/Subtype") == "/Type3":
                fonts[str(font.get("/Name", "Type3"))] = True  # drawn by the PDF itself
                continue
            descriptor = described["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


def _bookmarks(reader: PdfReader) -> dict[str, int]:
    """Every bookmark's title and the page (from 1) it opens."""
    found_marks = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                # The first of two equal titles is the higher one: a section before its parts.
                found_marks.setdefault(normalize(item.title), reader.get_destination_page_number(item) + 1)

    walk(reader.outline)
    return found_marks


def test_pdf_names_hold_no_district_word(built_with_pdfs):
    words = re.compile(r"learner|student|connector|coordinator|nyc|earn|remote", re.I)
    for district in DISTRICTS:
        assert not [p for p in pdfs_of(built_with_pdfs(district)) if words.search(p)]
