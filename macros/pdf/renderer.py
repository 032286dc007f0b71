"""Print documents -> tagged PDFs, with WeasyPrint, in parallel over the machine's cores.

Every PDF is PDF/UA-1: tagged (headings, lists, links, reading order) for screen readers,
with its title, language and subject, and its fonts embedded. WeasyPrint reads only the
project's own print files, each document's resource folders (pdf_fetcher.py): nothing
else on the machine, nothing from another host. It is imported where PDFs are rendered,
so a build without PDFs never loads it.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import sys
from collections.abc import Callable
from contextlib import contextmanager, nullcontext
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from ..base.errors import GuideError, Problem
from .pdf_cache import PdfCache
from ..rendering.pdf_file import Pdf
from .print_html import PrintDocument

PDF_VARIANT = "pdf/ua-1"
FIT_STEPS = ("", "guide-fit-1", "guide-fit-2", "guide-fit-3")
_HTML_START = re.compile(r"<html\b")
_GRAPHICS_STATE = re.compile(rb"/\S+ gs\s*")


@dataclass(frozen=True)
class Progress:
    """How far the PDFs of one edition are: rendered now, reused from the cache, still to render."""

    rendered: int
    reused: int
    remaining: int


ProgressReport = Callable[[Progress], None]
# A report at most every this many PDFs (and at the start and the end): a line a few seconds.
REPORT_EVERY = 10


def render_pdfs(documents: list[PrintDocument], workers: int | None = None,
                cache: PdfCache | None = None, progress: ProgressReport | None = None,
                processes: "PdfProcesses | None" = None) -> dict[str, Pdf]:
    """Every document as a PDF, by the PDF's site path, rendered `workers` at a time (by
    default one per core, where there are enough documents: _worker_count). With a
    `cache`, a PDF rendered before from the same inputs is reused (pdf_cache.py) and only
    the others are rendered. `progress` hears how far it is: once the cache is read, every
    REPORT_EVERY PDFs rendered, and at the end. `processes` are worker processes to render
    in, kept for every edition of a build (PdfProcesses)."""
    documents = list(documents)
    reused: dict[str, Pdf] = {}
    keys: dict[str, str] = {}
    if cache is not None:
        for document in documents:
            keys[document.path] = cache.key(document)
            found = cache.get(keys[document.path])
            if found is not None:
                reused[document.path] = Pdf(document.path, found[0], found[1])
    to_render = [d for d in documents if d.path not in reused]
    if progress is not None:
        progress(Progress(0, len(reused), len(to_render)))

    def done(count: int) -> None:
        if progress is not None and (count % REPORT_EVERY == 0 or count == len(to_render)):
            progress(Progress(count, len(reused), len(to_render) - count))

    rendered = _render(to_render, workers, done, processes)
    if cache is not None and rendered:
        for path, pdf in rendered.items():
            cache.put(keys[path], pdf.pages, pdf.data)
        cache.prune()
    everything = {**reused, **rendered}
    return {document.path: everything[document.path] for document in documents}


class PdfProcesses:
    """Worker processes that render PDFs, started when a build first has more than one PDF
    to render and kept until it ends (a `with` block): each imports the guide's PDF code and
    readies WeasyPrint, which a build of four editions would otherwise pay for every edition
    again (_worker_context: how they start)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "PdfProcesses":
        return self

    def __exit__(self, kind, error, trace) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=error is not None)  # a failed PDF: render no more
            self._pool = None

    @property
    def started(self) -> bool:
        return self._pool is not None

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            from ..data.project import cores

            self._pool = ProcessPoolExecutor(self.workers or cores(), mp_context=_worker_context())
        return self._pool


def _worker_context():
    """How worker processes start. On Linux, forked from a server process that has loaded
    WeasyPrint once ("forkserver"): a worker then costs a fork, not most of a second of
    imports, and a process that renders PDFs many times (`mkdocs serve`, `wbl-guide build
    --all`, the tests) loads WeasyPrint once. Only WeasyPrint is loaded there: each worker
    imports the guide's own code afresh, so an edit to macros/ while `mkdocs serve` runs
    still reaches the PDFs. Elsewhere, fresh processes ("spawn"). Never a fork of the build
    itself: forking a process that runs threads, as `mkdocs serve` does, can deadlock."""
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["weasyprint"])  # taken when the server starts
        return context
    return multiprocessing.get_context("spawn")


def _render(documents: list[PrintDocument], workers: int | None,
            done: Callable[[int], None] = lambda count: None,
            processes: PdfProcesses | None = None) -> dict[str, Pdf]:
    """Each document rendered; `done` hears the count after each PDF."""
    if not documents:
        return {}
    from ..data.project import cores  # here, so PDF worker processes never load the data core

    workers = _worker_count(len(documents), workers, processes, cores())
    rendered: dict[str, Pdf] = {}
    try:
        if workers == 1:
            for document in documents:
                rendered[document.path] = render_pdf(document)
                done(len(rendered))
            return rendered
        # The longest documents go first, so no long one is left to run alone at the end.
        ordered = sorted(documents, key=lambda document: len(document.html), reverse=True)
        # The build's processes stay running for its next edition; else this call's own.
        with PdfProcesses(workers) if processes is None else nullcontext(processes) as kept:
            for pdf in kept.pool().map(render_pdf, ordered):
                rendered[pdf.path] = pdf
                done(len(rendered))
    except PdfFailure as failure:
        raise GuideError([Problem(failure.path, message=failure.message)]) from None
    return {document.path: rendered[document.path] for document in documents}


# Worker processes cost their start before they render anything: the first in a process
# starts the server that loads WeasyPrint (_worker_context), about 0.9 s of CPU, the time of
# five or six handouts, and each worker then about 0.3 s. So by default a build
# starts one for every DOCUMENTS_PER_PROCESS documents it has to render, up to one a core,
# and renders fewer than that in its own process: the few PDFs an edit changes while
# `mkdocs serve` runs come at once, for a fraction of the processor's time.
DOCUMENTS_PER_PROCESS = 8


def _worker_count(count: int, workers: int | None, processes: "PdfProcesses | None", cores: int) -> int:
    """How many documents to render at a time: `workers` where the caller chose; as many
    as the build's processes hold once they run; else by DOCUMENTS_PER_PROCESS."""
    if workers:
        return max(1, min(workers, count))
    if processes is not None and processes.started:
        return max(1, min(cores, count))
    return max(1, min(cores, count // DOCUMENTS_PER_PROCESS))


def _finish_form(document, pdf) -> None:
    """The form fields of a worksheet (macros/pdf/print_fields.py), as every PDF reader shows them.

    WeasyPrint asks readers to redraw every field (/NeedAppearances); readers then redraw
    its check boxes from a text style they lack, and a ticked box shows nothing in some of
    them (Poppler's). Each ticked box has its own drawing and a blank field needs none, so
    readers draw what is there, and draw a field anew when it is filled in. A text field's
    style (/DA) keeps its font, size and color only: WeasyPrint adds a graphics-state
    operator there that has no place in it."""
    import pydyf  # WeasyPrint's PDF writer

    _scope_header_cells(pdf)
    form = pdf.catalog.get("AcroForm")
    if form is None:
        return
    form["NeedAppearances"] = "false"
    for reference in form["Fields"]:
        field = pdf.objects[int(reference.split()[0])]  # "12 0 R": object 12
        if "DA" in field:
            style = field["DA"].string
            style = style if isinstance(style, bytes) else style.encode()
            field["DA"] = pydyf.String(_GRAPHICS_STATE.sub(b"", style))


def _scope_header_cells(pdf) -> None:
    """Each table header cell says whether it heads a column or a row (/Scope, PDF/UA's
    UA-15-003), so a screen reader ties every cell of an hours log or a rubric to its
    headings. WeasyPrint names each header cell "<table>-<row>-<column>" and leaves the
    scope out; in the guide's tables (_blocks.md.j2) the first row holds the column
    headings and the rows below are headed by their first cell."""
    import pydyf

    for element in pdf.objects:
        if isinstance(element, dict) and element.get("S") == "/TH" and "ID" in element:
            name = element["ID"].string
            name = name.decode() if isinstance(name, bytes) else name
            row = name.split("-")[-2]
            element.setdefault("A", pydyf.Dictionary({"O": "/Table"}))["Scope"] = "/Column" if row == "0" else "/Row"


class PdfFailure(Exception):
    """WeasyPrint could not render a document (plain arguments, so it crosses processes)."""

    def __init__(self, path: str, message: str):
        super().__init__(path, message)
        self.path, self.message = path, message


@contextmanager
def _fixed_font_dates():
    """fontTools, which WeasyPrint subsets each font with, stamps every subset with the time
    it was made unless SOURCE_DATE_EPOCH names one (reproducible-builds.org), its only
    setting for this: a PDF rendered twice would differ, and a PDF from the cache would not
    be what a build without the cache writes. A fixed date, unless the environment names
    its own; put back afterwards."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = before or "0"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def render_pdf(document: PrintDocument) -> Pdf:
    """One document as a tagged PDF, the same bytes each time it is rendered."""
    with _fixed_font_dates():
        return _render_pdf(document)


def _render_pdf(document: PrintDocument) -> Pdf:
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from .pdf_fetcher import ProjectFetcher, ResourceRefused
    from .shared_stylesheets import shared_stylesheets

    try:
        # pdf.css and handouts.css, parsed once a process, with the fonts they name.
        shared = shared_stylesheets(document)
        # The document's own print files only, and anything else, or a missing stylesheet or
        # font, stops the build instead of silently printing without it. What it reads is
        # noted with what the shared fonts were made from.
        fetcher = ProjectFetcher(document.resources, on_read=shared.note)
        # A handout is one sheet of paper: when its words run long (a translation says more
        # than the English), it is set a step tighter, then another (pdf.css, guide-fit-*).
        for step in (FIT_STEPS if document.one_page else ("",)):
            html = document.html if not step else _HTML_START.sub(rf'\g<0> class="{step}"', document.html, count=1)
            layout = HTML(string=html, base_url=document.base_url, url_fetcher=fetcher).render(
                stylesheets=shared.sheets, font_config=shared.font_config)
            if len(layout.pages) == 1:
                break
        data = layout.write_pdf(pdf_variant=PDF_VARIANT, finisher=_finish_form)
    # WeasyPrint raises many kinds (a missing file is a BaseException); each becomes one message.
    except (Exception, FatalURLFetchingError) as error:
        if isinstance(error.__cause__, ResourceRefused):
            raise PdfFailure(document.path, f"could not render the PDF of {document.page}: it asks for "
                                            f"{error.__cause__}") from None
        cause = f" ({type(error.__cause__).__name__}: {error.__cause__})" if error.__cause__ else ""
        raise PdfFailure(document.path, f"could not render the PDF of {document.page}: "
                                        f"{type(error).__name__}: {error}{cause}") from None
    return Pdf(document.path, len(layout.pages), data)
