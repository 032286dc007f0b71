"""PDFs reused between builds (macros/pdf_cache.py): a rebuild renders only the PDFs whose
inputs changed, and what it reuses is byte for byte what it would have rendered."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.paths import pdf_path
from macros.publish import print_documents, publish


def _pdfs(site) -> dict[str, bytes]:
    return {path: data for path, data in site.assets.items() if path.endswith(".pdf")}


def _cached(folder: Path) -> set[str]:
    return {path.name for path in folder.glob("*.pdf")}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "pdf-cache"
    monkeypatch.setenv("GUIDE_CACHE", str(folder))
    return folder


def test_a_rebuild_renders_only_what_changed(project_copy, cache):
    first = publish(project_copy, "nyc", language="en")
    documents = print_documents(first, project_copy)
    assert len(_cached(cache)) == len(documents) == len(_pdfs(first)) > 80

    again = publish(project_copy, "nyc", language="en")
    assert _pdfs(again) == _pdfs(first)
    assert len(_cached(cache)) == len(documents), "nothing changed: nothing rendered"

    # One checklist item reworded: only the PDFs that contain it are rendered again.
    activity = project_copy / "data/activities/informational-interview.yml"
    text = activity.read_text(encoding="utf-8")
    old = "Document the informational interview. Review feedback"  # NYC names no data system
    assert old in text
    activity.write_text(text.replace(old, "Record the informational interview. Review feedback", 1), encoding="utf-8")
    before = _cached(cache)
    edited = publish(project_copy, "nyc", language="en")
    containing = {d.path for d in print_documents(edited, project_copy)  # ids are unique within an activity
                  if d.path.startswith("informational-interview/") and 'id="document-and-review"' in d.html}
    assert containing >= {pdf_path("informational-interview", "checklist-sheet"),
                          pdf_path("informational-interview", "complete-guide")}
    assert len(_cached(cache) - before) == len(containing)
    changed = {path for path, data in _pdfs(edited).items() if data != _pdfs(first)[path]}
    assert changed == containing
    assert all(len(_pdfs(edited)[path]) > 0 for path in containing)


def test_a_changed_stylesheet_or_paper_renders_everything_again(project_copy, cache):
    first = publish(project_copy, "earn-and-learn", language="en")
    count = len(_cached(cache))
    stylesheet = project_copy / "overrides/print/pdf.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n/* a new rule */\nh2 { letter-spacing: 0; }\n",
                          encoding="utf-8")
    publish(project_copy, "earn-and-learn", language="en")
    assert len(_cached(cache)) == 2 * count

    profile = project_copy / "data/districts/earn-and-learn.yml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("languages: [en, es]\n",
                                                                   "languages: [en, es]\npaper: a4\n"), encoding="utf-8")
    a4 = publish(project_copy, "earn-and-learn", language="en")
    assert len(_cached(cache)) == 3 * count
    assert set(_pdfs(a4)) == set(_pdfs(first))


def test_the_cache_can_be_switched_off_or_removed(project_copy, cache, monkeypatch):
    publish(project_copy, "nyc", language="en", pdf=True)
    for path in cache.glob("*.pdf"):
        path.unlink()  # removed at any time: the next build renders again
    site = publish(project_copy, "nyc", language="en")
    assert _pdfs(site) and len(_cached(cache)) == len(_pdfs(site))
    monkeypatch.setenv("GUIDE_CACHE", "off")
    for path in cache.glob("*.pdf"):
        path.unlink()
    publish(project_copy, "nyc", language="en")
    assert not _cached(cache)
