"""PDFs reused between builds (macros/pdf/pdf_cache.py): a rebuild renders only the PDFs whose
inputs changed, and what it reuses is byte for byte what it would have rendered.

The first test runs on a real district (NYC, its PDFs seeded from the session's shared
cache); the others on the small valid fixture (tests/fixtures/valid) given one handout and
two collections, three PDFs in all, so that rendering everything again (a new stylesheet,
another paper, the cache removed) takes seconds, not a minute.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, SHARED_CACHE
from hostile import VALID, add_project
from pdf_reading import PAPER, page_size
from wbl_guide.data.paths import pdf_path
from wbl_guide.pdf.renderer import render_pdfs
from wbl_guide.pdf.pdf_cache import cache_for
from wbl_guide.publishing.publish import print_documents, publish

# The session's shared cache (tests/conftest.py); a test's own cache is handed to publish()
# at a folder of its own.


def _pdfs(site) -> dict[str, bytes]:
    return {path: data for path, data in site.assets.items() if path.endswith(".pdf")}


def _cached(folder: Path) -> set[str]:
    return {path.name for path in folder.glob("*.pdf")}


# What the small tree adds to fixtures/valid's one activity: a handout to print and two
# collections (the complete guide and one gathering the handout).
SMALL_PRINTS = """
downloads:
  title: Site Visit Downloads
  nav_title: Downloads
  intro:
    - id: downloads-intro
      text: Each collection gathers its pages into one page.
  bundles:
    - id: complete-guide
      title: Complete Activity Guide
      text: Every section of the guide.
      complete: true
    - id: tools
      title: Tools
      text: What ${coordinators} need.
      include: [checklist-sheet]
handouts:
  - id: checklist-sheet
    title: ${Coordinators} Site Visit Checklist
    nav_title: Checklist
    audience: ${Coordinators}
    include: [checklist-intro, before, after]
    tick_boxes: true
"""


@pytest.fixture
def small_project(tmp_path) -> Path:
    """fixtures/valid with SMALL_PRINTS, and the project's code, theme and pages: district
    'alpha' publishes three PDFs. The tests publish it with workers=1: three PDFs render in
    this process faster than worker processes start."""
    root = shutil.copytree(VALID, tmp_path / "small")
    activity = root / "data/activities/site-visit.yml"
    activity.write_text(activity.read_text(encoding="utf-8") + SMALL_PRINTS, encoding="utf-8")
    return add_project(root)


@pytest.fixture
def cache(tmp_path):
    """The test's own PDF cache, as the plugin's `cache` setting (GUIDE_CACHE) names it."""
    return tmp_path / "pdf-cache"


def _seed(cache: Path, project: Path, district: str) -> None:
    """Put in `cache` every PDF of the district's English edition, as a first build would,
    copied from the session's shared cache (where the bundled districts' builds put them;
    any missing there are rendered there first). The test's own first build then finds
    them all, and only the builds that must render (after an edit, a new stylesheet or
    paper, or with the cache removed or off) do. A build that did not find them all would
    render the rest into `cache`, which the tests' counts would show."""
    documents = print_documents(publish(project, district, language="en", pdf=False), project, cache=SHARED_CACHE)
    shared = cache_for(project, documents[0].base_url, SHARED_CACHE)
    if shared is None:  # the session runs with the cache off: the first build renders them
        return
    render_pdfs(documents, cache=shared)  # reused where the shared cache holds them
    cache.mkdir(parents=True, exist_ok=True)
    for document in documents:
        found = sorted(shared.folder.glob(f"{shared.key(document)}-*.pdf"))
        assert len(found) == 1, (document.path, found)
        shutil.copy(found[0], cache / found[0].name)


def test_a_rebuild_renders_only_what_changed(project_copy, cache):
    _seed(cache, project_copy, "nyc")
    first = publish(project_copy, "nyc", language="en", cache=str(cache))
    documents = print_documents(first, project_copy, cache=str(cache))
    assert len(_cached(cache)) == len(documents) == len(_pdfs(first)) > 80

    again = publish(project_copy, "nyc", language="en", cache=str(cache))
    assert _pdfs(again) == _pdfs(first)
    assert len(_cached(cache)) == len(documents), "nothing changed: nothing rendered"

    # One checklist item reworded: only the PDFs that contain it are rendered again.
    activity = project_copy / "data/activities/informational-interview.yml"
    text = activity.read_text(encoding="utf-8")
    old = "Document the informational interview. Review feedback"  # NYC names no data system
    assert old in text
    activity.write_text(text.replace(old, "Record the informational interview. Review feedback", 1), encoding="utf-8")
    before = _cached(cache)
    edited = publish(project_copy, "nyc", language="en", cache=str(cache))
    containing = {d.path for d in print_documents(edited, project_copy, cache=str(cache))  # ids are unique within an activity
                  if d.path.startswith("informational-interview/") and 'id="document-and-review"' in d.html}
    assert containing >= {pdf_path("informational-interview", "checklist-sheet"),
                          pdf_path("informational-interview", "complete-guide")}
    after = _cached(cache)
    assert len(after - before) == len(containing)
    changed = {path for path, data in _pdfs(edited).items() if data != _pdfs(first)[path]}
    assert changed == containing
    assert all(len(_pdfs(edited)[path]) > 0 for path in containing)
    # What the cache gives back is byte for byte what was rendered and put in it.
    assert _pdfs(publish(project_copy, "nyc", language="en", cache=str(cache))) == _pdfs(edited)
    assert _cached(cache) == after


def test_a_few_pdfs_render_in_the_builds_own_process(small_project, cache, monkeypatch):
    """Three PDFs to render, as an edit leaves to `mkdocs serve`, start no worker process:
    starting one costs more than rendering them (renderer.DOCUMENTS_PER_PROCESS). An
    edition's many PDFs still render in a process a core."""
    from wbl_guide.pdf import renderer

    started = []
    monkeypatch.setattr(renderer, "ProcessPoolExecutor", lambda *args, **kwargs: started.append(args))
    site = publish(small_project, "alpha", language="en", cache=str(cache))  # the default: no `workers`
    assert len(_pdfs(site)) == len(_cached(cache)) == 3
    assert started == []
    assert renderer._worker_count(16, None, None, 2) == 2
    assert renderer._worker_count(15, None, None, 2) == 1
    assert renderer._worker_count(3, 2, None, 2) == 2  # the caller's own choice stands
    running = renderer.PdfProcesses()
    running._pool = object()  # the build's processes, started for an earlier edition: used
    assert renderer._worker_count(3, None, running, 2) == 2


def test_a_changed_stylesheet_or_paper_renders_everything_again(small_project, cache):
    first = publish(small_project, "alpha", language="en", workers=1, cache=str(cache))  # renders every PDF into the empty cache
    count = len(_cached(cache))
    assert count == len(_pdfs(first)) == 3
    stylesheet = small_project / "overrides/print/pdf.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n/* a new rule */\nh2 { letter-spacing: 0; }\n",
                          encoding="utf-8")
    publish(small_project, "alpha", language="en", workers=1, cache=str(cache))
    assert len(_cached(cache)) == 2 * count

    profile = small_project / "data/districts/alpha.yml"
    text = profile.read_text(encoding="utf-8")
    assert "paper:" not in text  # Letter, the default
    profile.write_text(text + "paper: a4\n", encoding="utf-8")
    a4 = publish(small_project, "alpha", language="en", workers=1, cache=str(cache))
    assert len(_cached(cache)) == 3 * count
    assert set(_pdfs(a4)) == set(_pdfs(first))
    # The paper is the district's setting, for every PDF it publishes (a real district's
    # handouts on both papers: test_pdfs.test_handouts_fit_one_page_of_letter_and_of_a4).
    for pdfs, paper in ((_pdfs(first), PAPER["letter"]), (_pdfs(a4), PAPER["a4"])):
        for data in pdfs.values():
            assert page_size(PdfReader(io.BytesIO(data))) == pytest.approx(paper, abs=0.5)


def test_the_cache_can_be_switched_off_or_removed(small_project, cache):
    publish(small_project, "alpha", language="en", pdf=True, workers=1, cache=str(cache))
    assert _cached(cache)
    for path in cache.glob("*.pdf"):
        path.unlink()  # removed at any time: the next build renders again
    site = publish(small_project, "alpha", language="en", workers=1, cache=str(cache))
    assert _pdfs(site) and len(_cached(cache)) == len(_pdfs(site))
    for path in cache.glob("*.pdf"):
        path.unlink()
    off = publish(small_project, "alpha", language="en", workers=1, cache="off")
    assert not _cached(cache)
    assert _pdfs(off) and set(_pdfs(off)) == set(_pdfs(site))  # rendered all the same, just not kept


def test_the_key_holds_every_renderer_version(monkeypatch):
    """A PDF depends on WeasyPrint, every distribution it requires and the system's text
    libraries: a change to any of them gives another key (and a new rendering)."""
    import sys

    import wbl_guide.pdf.pdf_cache as pdf_cache

    lines = pdf_cache.renderer_versions()
    names = {line.split()[0] for line in lines if not line.startswith("/")}
    assert {"weasyprint", "pydyf", "tinycss2", "cssselect2", "tinyhtml5", "fonttools", "Pillow", "Pyphen", "cffi",
            "pango"} <= names, names
    if sys.platform == "linux":
        assert any("/libharfbuzz" in line for line in lines) and any("/libpango" in line for line in lines), lines
    print_folder = ROOT / "overrides" / "print"
    before = pdf_cache._inputs(print_folder)
    assert pdf_cache._inputs(print_folder) == before  # the same inputs, the same key
    monkeypatch.setattr(pdf_cache, "renderer_versions", lambda: [*lines, "/usr/lib/libharfbuzz.so.0.99999.0"])
    assert pdf_cache._inputs(print_folder) != before


def _rendered_alone(documents) -> list[bytes]:
    """Each document rendered first thing in a process of its own, with nothing parsed
    before it (macros/pdf/shared_stylesheets.py keeps nothing there yet)."""
    from concurrent.futures import ProcessPoolExecutor

    from wbl_guide.pdf.renderer import _worker_context, render_pdf

    with ProcessPoolExecutor(2, mp_context=_worker_context(), max_tasks_per_child=1) as fresh:
        return [pdf.data for pdf in fresh.map(render_pdf, documents)]


def test_print_files_parsed_once_give_the_same_pdfs_and_see_every_edit(small_project):
    """pdf.css, handouts.css and their fonts are parsed once a process and reused for the
    documents after (shared_stylesheets.py): a PDF rendered after others is the same bytes
    as one rendered first in a fresh process, and an edit to a stylesheet or a font
    reaches the next document rendered in the same process."""
    from wbl_guide.pdf.renderer import render_pdf

    def documents():
        return print_documents(publish(small_project, "alpha", language="en", pdf=False), small_project)

    before = [render_pdf(document).data for document in documents() * 2]  # the second round reuses
    assert before[:3] == before[3:] == _rendered_alone(documents())

    stylesheet = small_project / "overrides/print/pdf.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\nh2 { color: #333; }\n", encoding="utf-8")
    styled = [render_pdf(document).data for document in documents()]
    assert styled == _rendered_alone(documents())
    assert all(new != old for new, old in zip(styled, before))

    fonts = small_project / "overrides/assets/fonts/atkinson-hyperlegible"
    bold = fonts / "atkinson-hyperlegible-latin-700-normal.woff"
    bold.write_bytes((fonts / "atkinson-hyperlegible-latin-400-normal.woff").read_bytes())  # headings lose their bold
    plain = [render_pdf(document).data for document in documents()]
    assert plain == _rendered_alone(documents())
    assert all(new != old for new, old in zip(plain, styled))


def test_chinese_and_arabic_pdfs_are_what_a_fresh_process_renders(built_with_pdfs):
    """A Chinese or Arabic document names the slices of its script's font its words need;
    the build's worker processes share parsed print files only between documents naming
    the same slices (PrintDocument.faces). Documents with other slices and with the same,
    rendered alone, give the bytes the build published."""
    build = built_with_pdfs("nyc")
    for language in ("zh-hans", "ar"):
        documents = print_documents(publish(ROOT, "nyc", language=language, pdf=False), ROOT, cache=SHARED_CACHE)
        by_faces: dict[str, list] = {}
        for document in documents:
            by_faces.setdefault(document.faces, []).append(document)
        assert all(by_faces), language  # every document names its slices
        shared = next(group for group in by_faces.values() if len(group) > 1)[:2]
        others = [group[0] for faces, group in by_faces.items() if faces != shared[0].faces][:2]
        chosen = shared + others
        published = [(build.site / language / document.path).read_bytes() for document in chosen]
        assert _rendered_alone(chosen) == published, language


def _font_folders(_) -> list[str]:
    """In a worker: the temporary folders of fonts of the configurations it keeps."""
    from wbl_guide.pdf import shared_stylesheets

    kept = getattr(shared_stylesheets._kept, "parsed", {})
    return [str(shared.font_config._folder) for shared in kept.values() if shared.font_config._folder]


def test_a_worker_process_leaves_no_fonts_behind(small_project):
    """WeasyPrint copies the fonts of a font configuration into a temporary folder, removed
    once the configuration is collected. A process keeps its configurations for later
    documents (shared_stylesheets.py) and drops them when it ends: a build's worker
    processes, which end without collecting, leave no folder of fonts behind."""
    from concurrent.futures import ProcessPoolExecutor

    from wbl_guide.pdf.renderer import _worker_context, render_pdf

    documents = print_documents(publish(small_project, "alpha", language="en", pdf=False), small_project)
    with ProcessPoolExecutor(1, mp_context=_worker_context()) as worker:  # the builds' own kind
        assert all(pdf.pages >= 1 for pdf in worker.map(render_pdf, documents))
        folders = list(worker.map(_font_folders, [None]))[0]
        assert folders and all(Path(folder).is_dir() for folder in folders), "kept while the worker runs"
    assert [folder for folder in folders if Path(folder).exists()] == []
