"""The PDF renderer reads only the project's own print files (issue #20, macros/pdf/pdf_fetcher.py).

WeasyPrint fetches whatever a print document names. The fetcher serves regular files inside
the document's resource folders (overrides/print, overrides/assets), links followed and
contained, and refuses everything else: another folder, a device, a link out of the
folder, another scheme or host. A refusal stops the render: the build fails with a message
naming the PDF, and no PDF is printed without what it asked for.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from fontTools.ttLib import TTFont

from conftest import ROOT

from wbl_guide.base.errors import GuideError
from wbl_guide.pdf.renderer import PdfFailure, render_pdf, render_pdfs
from wbl_guide.pdf.pdf_fetcher import ProjectFetcher, ResourceRefused
from wbl_guide.pdf.print_html import Meta, PrintDocument, PrintTemplate

META = Meta(title="Sheet – Guide", short_title="Sheet", subject="A sheet", language="en", direction="ltr",
            paper="letter", site_name="Guide", district_name="District", contents_label="Contents")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project's print files, with a link inside them that leads out."""
    root = tmp_path_factory.mktemp("fetcher") / "project"
    shutil.copytree(ROOT / "overrides", root / "overrides", ignore=shutil.ignore_patterns(".icons"))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "secret.txt").write_text("not for PDFs", encoding="utf-8")
    os.symlink(root / "secret.txt", root / "overrides" / "print" / "secret-link.css")
    os.symlink("/etc/passwd", root / "overrides" / "assets" / "passwd.png")
    os.symlink(root / "overrides" / "print" / "pdf.css", root / "overrides" / "print" / "inside-link.css")
    return root


@pytest.fixture(scope="module")
def template(project) -> PrintTemplate:
    return PrintTemplate(project)


@pytest.fixture(scope="module")
def fetcher(template) -> ProjectFetcher:
    return ProjectFetcher(template.resources)


def test_a_document_carries_the_folders_it_may_read(template, project):
    document = template.sheet("a/handouts/sheet.md", "a/pdf/sheet.pdf", "# Sheet\n", META)
    assert document.resources == (str((project / "overrides" / "print").resolve()),
                                  str((project / "overrides" / "assets").resolve()))


# --- served: the template's own files ------------------------------------------------------

@pytest.mark.parametrize("relative", ["print/pdf.css", "assets/stylesheets/handouts.css",
                                      "assets/fonts/atkinson-hyperlegible/atkinson-hyperlegible-latin-400-normal.woff",
                                      "print/inside-link.css"])
def test_the_templates_stylesheets_and_fonts_are_served(fetcher, project, relative, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # as the renderer renders: fonts dated alike
    path = project / "overrides" / relative
    response = fetcher.fetch(path.as_uri())
    expected = path.read_bytes()
    if relative.endswith(".woff"):  # served as the plain font WeasyPrint unpacks it to: the same bytes
        out = io.BytesIO()
        font = TTFont(io.BytesIO(expected))
        font.flavor = font.flavorData = None
        font.save(out)
        expected = out.getvalue()
    assert response.read() == expected


def test_a_damaged_font_is_refused_with_its_address(fetcher, project):
    broken = project / "overrides" / "assets" / "fonts" / "broken.woff"
    broken.write_bytes(b"wOFF" + b"\x00" * 60)
    with pytest.raises(ResourceRefused, match="broken.woff.*a font that cannot be read"):
        fetcher.fetch(broken.as_uri())


def test_a_relative_address_of_the_template_is_served_as_the_renderer_joins_it(fetcher, template, project):
    # pdf.css names its fonts "../assets/fonts/...", relative to overrides/print/.
    response = fetcher.fetch(template.base_url + "../assets/stylesheets/handouts.css")
    assert response.read() == (project / "overrides" / "assets" / "stylesheets" / "handouts.css").read_bytes()
    assert response.content_type == "text/css"


# --- refused: everything else --------------------------------------------------------------

def refused(fetcher: ProjectFetcher, url: str) -> str:
    with pytest.raises(ResourceRefused) as refusal:
        fetcher.fetch(url)
    return str(refusal.value)


def test_a_file_outside_the_folders_is_refused(fetcher, project):
    assert "outside the print files" in refused(fetcher, (project / "secret.txt").as_uri())
    assert "outside the print files" in refused(fetcher, "file:///etc/passwd")
    assert "outside the print files" in refused(fetcher, (project / "mkdocs.yml").as_uri())


def test_a_way_out_through_dot_dot_or_its_percent_encoding_is_refused(fetcher, template):
    assert "outside the print files" in refused(fetcher, template.base_url + "../../secret.txt")
    assert "outside the print files" in refused(fetcher, template.base_url + "%2e%2e/%2e%2e/secret.txt")


def test_devices_and_the_proc_files_are_refused(fetcher):
    for url in ("file:///dev/zero", "file:///dev/urandom", "file:///proc/self/environ", "file:///proc/self/mem"):
        assert "outside the print files" in refused(fetcher, url)


def test_a_link_inside_the_folders_that_leads_out_is_refused(fetcher, project):
    assert "outside the print files" in refused(fetcher, (project / "overrides/print/secret-link.css").as_uri())
    assert "outside the print files" in refused(fetcher, (project / "overrides/assets/passwd.png").as_uri())


def test_a_folder_or_a_missing_file_is_refused(fetcher, project):
    assert "cannot be read" in refused(fetcher, (project / "overrides/print").as_uri() + "/")
    assert "does not exist" in refused(fetcher, (project / "overrides/print/missing.css").as_uri())
    assert "does not exist" in refused(fetcher, (project / "overrides/print").as_uri() + "/pdf.css%00.png")


def test_a_pipe_inside_the_folders_is_refused_without_waiting(fetcher, project):
    pipe = project / "overrides" / "print" / "pipe.css"
    os.mkfifo(pipe)
    try:
        assert "not a regular file" in refused(fetcher, pipe.as_uri())
    finally:
        pipe.unlink()


@pytest.mark.parametrize("url", ["http://example.org/logo.png", "https://example.org/style.css",
                                 "ftp://example.org/x", "data:image/png;base64,iVBORw0KGgo=",
                                 "data:text/css,body{background:red}", "javascript:alert(1)", "blob:x",
                                 "jar:file:///etc/passwd!/x"])
def test_other_schemes_are_refused(fetcher, url):
    assert "which a PDF never reads" in refused(fetcher, url)


@pytest.mark.parametrize("url", ["file://otherhost/etc/passwd", "file://localhost/etc/passwd",
                                 "file://attacker.example/overrides/print/pdf.css", "file://127.0.0.1/etc/passwd"])
def test_a_file_on_another_host_is_refused(fetcher, url):
    assert "a file on another host" in refused(fetcher, url)


def test_a_fetcher_without_folders_serves_nothing(project):
    assert "outside the print files" in refused(ProjectFetcher(()), (project / "overrides/print/pdf.css").as_uri())


# --- a refusal stops the render, naming the PDF --------------------------------------------

def hostile_document(template: PrintTemplate, head: str = "", body: str = "<p>Words.</p>") -> PrintDocument:
    document = template.sheet("a/handouts/sheet.md", "a/pdf/sheet.pdf", "Words.\n", META)
    html = document.html.replace("</head>", head + "</head>", 1).replace("<p>Words.</p>", body, 1)
    return PrintDocument(document.page, document.path, html, document.base_url, document.one_page,
                         document.resources)


@pytest.mark.parametrize("head, body, asked", [
    ("<style>@import url(file:///etc/passwd);</style>", "<p>Words.</p>", "file:///etc/passwd"),
    ("<style>body::before { content: url(file:///dev/zero) }</style>", "<p>Words.</p>", "file:///dev/zero"),
    ("", '<p><img src="file:///etc/passwd" alt=""></p>', "file:///etc/passwd"),
    ("", '<p><img src="https://example.org/tracker.png" alt=""></p>', "https://example.org/tracker.png"),
    ('<link rel="stylesheet" href="data:text/css,body{color:red}">', "<p>Words.</p>", "data:text/css"),
    ("<style>@font-face { font-family: x; src: url(file://otherhost/font.woff) }"
     " body { font-family: x }</style>", "<p>Words.</p>", "file://otherhost/font.woff"),
])
def test_a_document_that_asks_for_anything_else_is_not_rendered(template, head, body, asked):
    with pytest.raises(PdfFailure) as failure:
        render_pdf(hostile_document(template, head, body))
    assert failure.value.path == "a/pdf/sheet.pdf"
    assert failure.value.message.startswith(f"could not render the PDF of a/handouts/sheet.md: it asks for '{asked}")


def test_the_build_stops_with_a_message_naming_the_pdf(template):
    """Through render_pdfs, as a build calls it, in worker processes: the resources travel
    with each document, the good one renders and the hostile one stops the build."""
    good = template.sheet("a/handouts/good.md", "a/pdf/good.pdf", "# Good\n\nWords.\n", META)
    bad = hostile_document(template, "<style>@import url(file:///etc/passwd);</style>")
    with pytest.raises(GuideError) as error:
        render_pdfs([good, bad], workers=2)
    message = str(error.value)
    assert message.startswith("1 problem in the guide data:\n  a/pdf/sheet.pdf: could not render the PDF of "
                              "a/handouts/sheet.md: it asks for 'file:///etc/passwd', which is outside"), message
    assert "Traceback" not in message


def test_the_template_renders_with_its_own_files_only(template):
    pdf = render_pdf(template.sheet("a/handouts/sheet.md", "a/pdf/sheet.pdf", "# Sheet\n\nWords.\n", META))
    reader = PdfReader(io.BytesIO(pdf.data))
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("Atkinson" in name for name in fonts), fonts  # the template's own font was read
    assert "Words." in reader.pages[0].extract_text()
