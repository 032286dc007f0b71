"""Page Markdown -> a lean HTML document to print as a PDF.

A page of the site carries the whole web theme (navigation, search, scripts); a PDF needs
only the page's content, and WeasyPrint lays out a small document many times faster. The
Markdown is the page's own, converted with the extensions mkdocs.yml lists, and set in the
print template overrides/print/document.html, whose stylesheet and fonts live in
overrides/ beside the site's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ..base.css import css_string
from ..base.fingerprints import Fingerprint, distributions_of
from .pdf_cache import Conversions
from ..rendering.script_fonts import print_faces, script_font
from .print_fields import with_fields

PRINT_DIR = Path("overrides") / "print"
# What a print document may read (pdf_fetcher.py): the print template's folder, and the
# site's assets beside it (handouts.css, the fonts). Nothing of a district's is printed.
RESOURCE_DIRS = (PRINT_DIR, Path("overrides") / "assets")
TEMPLATE = "document.html"
# The stylesheets every print document reads, in order, relative to the template's folder:
# handed to the renderer rather than linked from document.html, so that a process parses
# them once for all its documents (shared_stylesheets.py).
STYLESHEETS = ("pdf.css", "../assets/stylesheets/handouts.css")
PAPER_SIZES = {"letter": "letter", "a4": "A4"}  # district setting -> CSS @page size

# A collection's cover is everything before its first sheet; each sheet starts at an <h2>.
_FIRST_SHEET = re.compile(r"^<h2[\s>]", re.M)


@dataclass(frozen=True)
class PrintDocument:
    """One document to print: the page it comes from, where its PDF goes, its HTML."""

    page: str  # the page's source path, e.g. "informational-interview/handouts/checklist-sheet.md"
    path: str  # the PDF's path in the site, e.g. "informational-interview/pdf/checklist-sheet.pdf"
    html: str
    base_url: str  # the folder the template's stylesheets are relative to, as a file URL
    one_page: bool = False  # a handout: set tighter rather than spill onto a second sheet
    # The folders whose files the renderer may read (absolute, links resolved): it runs in
    # worker processes, so what it may read travels with the document. None: nothing.
    resources: tuple[str, ...] = ()
    # The print files it is laid out with (STYLESHEETS), relative to base_url, in order.
    stylesheets: tuple[str, ...] = ()
    # The @font-face rules of its own <style> (a Chinese or Arabic document's slices of the
    # script's font): only documents with the same rules share a font configuration.
    faces: str = ""


@dataclass(frozen=True)
class Meta:
    """What a PDF says about itself, and the words on its cover and running footer."""

    title: str  # the document title: the page's title and the site name
    short_title: str  # the page's title alone
    subject: str
    language: str
    direction: str  # "ltr" or "rtl"
    paper: str  # "letter" or "a4"
    site_name: str
    district_name: str
    contents_label: str


def markdown_extensions(root: Path) -> tuple[list[str], dict[str, dict]]:
    """The Markdown extensions and their settings as mkdocs.yml lists them for the site,
    without the heading permalinks (a "¶" means nothing on paper)."""
    config = yaml.load((Path(root) / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    names: list[str] = []
    settings: dict[str, dict] = {}
    for entry in config.get("markdown_extensions") or []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        settings[name] = dict(options or {})
    if "toc" in settings:
        settings["toc"]["permalink"] = False
    return names, settings


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running it: tags such as !ENV or !!python/name become None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


class PrintTemplate:
    """The print template of a project, ready to turn pages into documents."""

    def __init__(self, root: Path, conversions: Conversions | None = None) -> None:
        """`conversions`: where each page's conversion to print HTML is kept between builds
        (pdf_cache.py): a rebuild whose PDFs are all cached converts nothing."""
        self.conversions = conversions
        folder = Path(root) / PRINT_DIR
        self.root = Path(root)
        environment = Environment(loader=FileSystemLoader(str(folder)), autoescape=True,
                                  undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        environment.filters["css_string"] = css_string  # css.py: data into the <style>
        self.template = environment.get_template(TEMPLATE)
        self.base_url = folder.resolve().as_uri() + "/"
        self.resources = tuple(str((Path(root) / part).resolve()) for part in RESOURCE_DIRS)
        self.extensions, self.settings = markdown_extensions(root)
        # What a conversion depends on besides the page's text: the Markdown extensions and
        # their settings, the installed Markdown library and the distributions that provide
        # the extensions (pymdownx.* is pymdown-extensions), and the code that turns its
        # output into print HTML.
        self._converter = (Fingerprint("print-html").value("extensions", [self.extensions, self.settings])
                           .distributions(["Markdown", *distributions_of(self.extensions)])
                           .file(Path(__file__), "print_html.py")
                           .file(Path(__file__).with_name("print_fields.py"), "print_fields.py"))

    def sheet(self, page: str, path: str, text: str, meta: Meta) -> PrintDocument:
        """A handout: the page as it is, on its own sheet of paper."""
        body, _ = self._convert(text)
        return self._document(page, path, meta, kind="sheet", body=body)

    def collection(self, page: str, path: str, text: str, meta: Meta) -> PrintDocument:
        """A collection of pages: a cover with the district's name and the contents with page
        numbers, then each page (an <h2> of the collection page) from a new sheet."""
        body, headings = self._convert(text)
        start = _FIRST_SHEET.search(body)
        cover, sheets = (body[:start.start()], body[start.start():]) if start else (body, "")
        contents = [(heading["id"], Markup(heading["name"])) for heading in headings if heading["level"] == 2]
        return self._document(page, path, meta, kind="collection", cover=Markup(cover), body=sheets,
                              contents=contents)

    def _convert(self, text: str) -> tuple[str, list[dict]]:
        if self.conversions is None:
            return self._convert_now(text)
        key = self._converter.copy().value("page", text).hexdigest(40)
        found = self.conversions.get(key)
        if found is not None and "body" in found and "headings" in found:
            return found["body"], found["headings"]
        body, headings = self._convert_now(text)
        self.conversions.put(key, {"body": body, "headings": headings})
        return body, headings

    def _convert_now(self, text: str) -> tuple[str, list[dict]]:
        converter = markdown.Markdown(extensions=[*self.extensions, _PrintLinks()],
                                      extension_configs=self.settings)
        # A PDF is a form to fill in as well as a sheet to print (print_fields.py); the
        # site's pages are converted elsewhere and keep their own markup.
        body = with_fields(converter.convert(text))
        headings = [{"id": token["id"], "name": token["name"], "level": token["level"]}
                    for token in _flatten(getattr(converter, "toc_tokens", []))]
        return body, headings

    def _document(self, page: str, path: str, meta: Meta, *, kind: str, body: str, **context) -> PrintDocument:
        # Chinese or Arabic: the slices of the script's font that this document's text needs.
        faces = ""
        if script_font(meta.language) is not None:
            shown = " ".join([body, meta.title, meta.short_title, meta.subject, meta.site_name, meta.district_name,
                              meta.contents_label, *map(str, context.values())])
            faces = print_faces(self.root, meta.language, shown)
        html = self.template.render(
            script_faces=Markup(faces),
            kind=kind, body=Markup(body), language=meta.language, direction=meta.direction, title=meta.title,
            short_title=meta.short_title, subject=meta.subject, paper=PAPER_SIZES[meta.paper],
            site_name=meta.site_name, district_name=meta.district_name,
            contents_label=meta.contents_label, **context)
        return PrintDocument(page, path, html, self.base_url, one_page=kind == "sheet", resources=self.resources,
                             stylesheets=STYLESHEETS, faces=faces)


def _flatten(tokens: list[dict]):
    for token in tokens:
        yield token
        yield from _flatten(token.get("children", []))


class _PrintLinksProcessor(Treeprocessor):
    """A PDF stands alone: a link to another page of the site, relative to this one, would
    lead nowhere, so it keeps its words and loses its target. Web addresses, e-mail
    addresses and links within the document stay."""

    def run(self, root):
        for link in root.iter("a"):
            href = link.get("href", "")
            if href and not href.startswith("#") and not urlsplit(href).scheme:
                link.tag = "span"
                del link.attrib["href"]


class _PrintLinks(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_PrintLinksProcessor(md), "print_links", 1)
