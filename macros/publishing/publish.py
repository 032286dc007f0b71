"""One district's site with its PDFs: the build's front door.

Every handout and every download collection of every activity becomes a tagged PDF,
printed from its page's own Markdown. The pages are then rendered once more, so each
handout page and the downloads page link their PDFs with page count and size. All of it
happens before MkDocs writes a file, so a failure leaves the last good site in place.

Without PDFs (GUIDE_PDF=0, and `mkdocs serve` unless asked) the pages offer their print
pages only.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..base.errors import GuideError, Problem
from ..data.editions import is_translated
from ..words.languages import base, direction
from ..rendering.articles import article_findings, fixed_articles
from ..rendering.lint import district_findings
from ..rendering.page_macros import check_term_calls
from ..data.paths import bundle_path, handout_path, pdf_path
from ..rendering.render import words
from ..base.fallback import unmark
from ..data.project import (DEFAULT_EDITION, DISTRICT_VARIABLE, EVERY_EDITION, LANGUAGE_VARIABLE, PDF_VARIABLE,
                      Project, choose_district, choose_language, load_project)
from ..rendering.site import Site, assemble

if TYPE_CHECKING:  # the PDF modules load only when PDFs are made: an HTML build skips them
    from ..pdf.renderer import Progress
    from ..pdf.print_html import Meta, PrintDocument

__all__ = ["DEFAULT_EDITION", "DISTRICT_VARIABLE", "EVERY_EDITION", "LANGUAGE_VARIABLE", "PDF_VARIABLE",
           "PROGRESS", "editions_of", "editions_wanted", "pdf_wanted", "publish", "publish_editions",
           "print_documents", "term_call_problems"]


def pdf_wanted(setting: str | None, default: bool = True) -> bool:
    """Whether to make the PDFs: the plugin's `pdf` setting (GUIDE_PDF) says no with 0, no,
    false or off, yes with anything else; unset, `default` decides."""
    if setting is None or not setting.strip():
        return default
    return setting.strip().lower() not in ("0", "no", "false", "off")


def editions_wanted(setting: str | None, every: bool = True) -> list[str | None] | None:
    """The languages the plugin's `language` setting (GUIDE_LANGUAGE) asks for, for
    publish_editions: None for every edition (`all`), else the one it names (`default` is the
    district's first); unset, every edition when `every`, else the default one."""
    requested = (setting or "").strip()
    if not requested:
        return None if every else [None]
    return None if requested.lower() == EVERY_EDITION else [requested]


def publish(root: Path, district: str | None = None, *, pdf: bool = True, workers: int | None = None,
            docs_dir: Path | None = None, language: str | None = None, cache: str | None = None,
            report: Callable[[str], None] | None = None, rendered: dict | None = None) -> Site:
    """The site of `district` (the default when None) in `language` (its default when
    None), with its PDFs when `pdf` is true: the one way from data to a site. Only that
    edition is made. `docs_dir` holds the hand-written pages, whose term("...") calls are
    checked with everything else, before anything is written. `cache` names the PDF
    cache's folder (pdf_cache.cache_folder; None: .cache/pdf). `rendered`: a dictionary the
    caller keeps from build to build, for activities' pages to be reused (site.assemble)."""
    return publish_editions(root, district, pdf=pdf, workers=workers, docs_dir=docs_dir,
                            languages=[language], cache=cache, report=report, rendered=rendered)[0]


def publish_editions(root: Path, district: str | None = None, *, pdf: bool = True, workers: int | None = None,
                     docs_dir: Path | None = None, languages: list[str | None] | None = None,
                     cache: str | None = None, report: Callable[[str], None] | None = None,
                     rendered: dict | None = None) -> list[Site]:
    """The district's site in each of `languages` (all of its languages, default first,
    when None; None in the list is the default): data loaded and checked once, every
    edition and its PDFs made before anything is written. `report` hears how the PDFs go."""
    root = Path(root)
    district_id = choose_district(root, district)
    project = load_project(root, [district_id])
    # Hand-written pages are English: their term() calls use the district's English words.
    problems = term_call_problems(project, root, district_id, docs_dir)
    if problems:
        raise GuideError(problems)
    return editions_of(project, root, district_id, pdf=pdf, workers=workers, languages=languages, cache=cache,
                       report=report, rendered=rendered)


def term_call_problems(project: Project, root: Path, district_id: str, docs_dir: Path | None) -> list[Problem]:
    """The term("...") calls of the hand-written pages in `docs_dir` that the district's
    words cannot fill (none without the folder)."""
    if docs_dir is None or not Path(docs_dir).is_dir():
        return []
    return check_term_calls(root, docs_dir, project.terms_for(district_id))


def editions_of(project: Project, root: Path, district_id: str, *, pdf: bool = True, workers: int | None = None,
                languages: list[str | None] | None = None, cache: str | None = None,
                report: Callable[[str], None] | None = None, rendered: dict | None = None) -> list[Site]:
    """The editions of a district of a loaded project (see publish_editions); the
    district's own findings ride on its default edition's site, made or not."""
    profile = project.districts[district_id]
    chosen = [choose_language(profile, language) for language in (languages or profile.editions())]
    if pdf:  # here, so a build without PDFs never loads the renderer
        from ..pdf.pdf_cache import cache_for
        from ..pdf.renderer import PdfProcesses, render_pdfs
    # One set of PDF processes for every edition (started only when a PDF is to be rendered).
    with PdfProcesses(workers) if pdf else nullcontext() as processes:
        sites = []
        for language in chosen:
            site = assemble(project, district_id, language=language, rendered=rendered)
            # The district's own findings are reported once, by its default edition's build;
            # an English edition's activities are the ones lint reads, resolved already.
            if language == profile.editions()[0]:
                english = None if is_translated(profile, language) else {a.id: a for a in site.activities}
                findings = district_findings(project, district_id, english)
                if base(language) == "en":  # "a apprentice": a and an once the district's words are in
                    findings += article_findings(site.pages.values(), district_id,
                                                 fixed_articles(project.terms[district_id]))
                site = replace(site, warnings=tuple(findings))
            if pdf:
                documents = print_documents(site, root, cache=cache)
                progress = _progress_reporter(report, district_id, language) if report else None
                # (Its own name: `rendered` holds the pages kept for reuse, for the next edition.)
                printed = render_pdfs(documents, workers, cache_for(root, documents[0].base_url, cache)
                                      if documents else None, progress, processes)
                site = replace(assemble(project, district_id, pdfs={d.page: printed[d.path] for d in documents},
                                        language=language), warnings=site.warnings)
            sites.append(site)
        return sites


PROGRESS = "PDFs of "  # how a progress line starts: `wbl-guide build` passes such lines on


def _progress_reporter(report: Callable[[str], None], district_id: str, language: str):
    def progress(done: Progress) -> None:
        report(f"{PROGRESS}{district_id} ({language}): {done.rendered} rendered, {done.reused} reused from "
               f"the cache, {done.remaining} remaining")
    return progress


def print_documents(site: Site, root: Path, paper: str | None = None, cache: str | None = None) -> list[PrintDocument]:
    """A document to print for every handout and every download collection, on the
    district's paper unless `paper` ("letter" or "a4") says otherwise."""
    from ..pdf.pdf_cache import conversions_for
    from ..pdf.print_html import PrintTemplate
    template = PrintTemplate(root, conversions_for(root, cache))
    documents = []
    for activity in site.activities:
        for handout in activity.handouts:
            page = site.page(handout_path(activity.id, handout.id))
            about = f"{handout.title}. {site.labels.audience}: {handout.audience}" if handout.audience \
                else handout.title
            meta = _meta(site, page.title, f"{activity.title}: {about}", paper)
            documents.append(template.sheet(page.path, pdf_path(activity.id, handout.id), page.markdown, meta))
        for bundle in activity.downloads.bundles if activity.downloads else []:
            page = site.page(bundle_path(activity.id, bundle.id))
            title = page.title.rstrip(":")
            about = f"{title}. {words(bundle.text)}" if bundle.text else title
            meta = _meta(site, title, f"{activity.title}: {about}", paper)
            documents.append(template.collection(page.path, pdf_path(activity.id, bundle.id), page.markdown, meta))
    return documents


def _meta(site: Site, title: str, subject: str, paper: str | None) -> Meta:
    from ..pdf.print_html import Meta
    title, subject = unmark(title), unmark(subject)  # document metadata: words only
    return Meta(title=f"{title} – {unmark(site.site_name)}", short_title=title, subject=subject,
                language=site.language, direction=direction(site.language), paper=paper or site.district.paper,
                site_name=unmark(site.site_name), district_name=site.district.name,
                contents_label=unmark(site.labels.contents))
