"""A translated edition that still shows English says so (issue 23): a page, a handout's
print page and its PDF show a notice in the edition's language under the title, once, only
where some English is shown and never in the English edition; and My plans gets what it
needs to mark each English text of a plan lang="en" (the script's side: tests/browser/
test_untranslated_plans.py).

One build of a copy of the project, with PDFs, whose Spanish job shadow lacks one
checklist item's translation, one timeline step's text and another step's timing."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import Build, article, copy_project, run_build, shared_build, text_of
from pdf_reading import page_text, read

DISTRICT = "earn-and-learn"
ACTIVITY = "job-shadow"
ITEM = "recruit-hosts"           # a checklist item whose translation is removed
STEP = "two-months-before"       # a timeline step whose text (not its timing) is emptied
DAY = "shadow-day"               # a timeline step whose timing (not its text) is emptied
NOTICE_ES = "Parte de esta página aún no está traducida y se muestra en inglés."
NOTICE_EN = "Part of this page is not translated yet and is shown in English."
HANDOUT = f"{ACTIVITY}/handouts/checklist-sheet/"
NOTICE = re.compile(r'<p\b[^>]*class="guide-untranslated"[^>]*>(.*?)</p>', re.S)


def untranslated_site(tmp_path_factory) -> Build:
    """The copy's build, PDFs included, made once per test session (the browser test of My
    plans serves the same one)."""
    def make(site: Path) -> Build:
        project = copy_project(site.parent / "project")
        path = project / "data" / "translations" / "es" / f"{ACTIVITY}.yml"
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        del entries[ITEM]
        entries[STEP]["text"] = ""
        entries[DAY]["when"] = ""
        path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
        return run_build(site, DISTRICT, project=project, extra_env={"GUIDE_PDF": "1"})

    build = shared_build(tmp_path_factory, "site-untranslated-notice", make)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def english(tmp_path_factory) -> Build:
    return untranslated_site(tmp_path_factory)


@pytest.fixture(scope="module")
def spanish(english) -> Build:
    return english.edition("es")


def _item_html(page_html: str, ident: str) -> str:
    match = re.search(rf'<li\b[^>]*\bid="{re.escape(ident)}"[^>]*>(.*?)</li>', page_html, re.S)
    assert match, ident
    return match.group(1)


def _notices(page_html: str) -> list[str]:
    return [text_of(found) for found in NOTICE.findall(article(page_html))]


def _without_notice(fragment: str) -> str:
    return NOTICE.sub("", fragment)


def test_the_page_with_english_says_so_once_in_spanish_under_its_title(english, spanish):
    page = spanish.html(f"{ACTIVITY}/checklist/")
    assert _notices(page) == [NOTICE_ES]
    # The notice comes first under the title, in the page's language (no lang of its own).
    body = article(page)
    title_end = body.index("</h1>")
    first = re.search(r"<(p|div|ul|ol|h2)\b[^>]*>", body[title_end:])
    assert 'class="guide-untranslated"' in first.group(0), first.group(0)
    assert 'lang=' not in first.group(0)
    assert '<html lang="es"' in page
    assert 'data-search-exclude' in first.group(0) and 'role="note"' in first.group(0)
    # The item without a translation is the English edition's words, marked as English.
    item = _item_html(page, ITEM)
    assert re.fullmatch(r'\s*<span lang="en">.+</span>\s*', item, re.S), item
    assert text_of(item) == text_of(_item_html(english.html(f"{ACTIVITY}/checklist/"), ITEM))


def test_the_timeline_marks_the_english_text_and_keeps_the_spanish_timing(spanish):
    page = spanish.html(f"{ACTIVITY}/timeline/")
    assert _notices(page) == [NOTICE_ES]
    step = _item_html(page, STEP)
    timing = re.search(r"<strong>(.*?)</strong>", step, re.S).group(1)
    assert "lang=" not in timing and "Dos meses antes" in timing
    assert '<span lang="en">' in step.split("</strong>", 1)[1]


def test_a_notice_exactly_where_english_is_shown(spanish):
    """Every page of the Spanish edition: one notice if its article shows English, else none."""
    with_english = without = 0
    for path in spanish.pages():
        body = article(path.read_text(encoding="utf-8"))
        notices = NOTICE.findall(body)
        shows_english = 'lang="en"' in _without_notice(body)
        assert len(notices) == (1 if shows_english else 0), path
        with_english += shows_english
        without += not shows_english
    assert with_english and without, (with_english, without)


def test_the_english_edition_has_no_notice(english):
    for path in english.pages():
        text = path.read_text(encoding="utf-8")
        assert "guide-untranslated" not in text and NOTICE_EN not in text, path
        assert "data-untranslated" not in text, path


def test_the_handout_print_page_and_pdf_say_so(spanish):
    page = spanish.html(HANDOUT)
    assert _notices(page) == [NOTICE_ES]
    body = article(page)  # under the title and the audience it goes with, before the rest
    assert body.index("</h1>") < body.index("guide-audience") < body.index("guide-untranslated") \
        < body.index('id="checklist-intro"')
    assert '<span lang="en">' in _item_html(page, ITEM)
    pdf = read(spanish.site / ACTIVITY / "pdf" / "checklist-sheet.pdf")
    text = " ".join(" ".join(page_text(pdf, n).split()) for n in range(len(pdf.pages)))
    assert NOTICE_ES in text, text[:400]
    assert text.count(NOTICE_ES) == 1
    # A collection says it once, on its cover, and so does its PDF.
    collection = spanish.html(f"{ACTIVITY}/downloads/complete-guide/")
    assert _notices(collection) == [NOTICE_ES]
    pdf = read(spanish.site / ACTIVITY / "pdf" / "complete-guide.pdf")
    assert NOTICE_ES in " ".join(page_text(pdf, 0).split())


def _outline(page_html: str) -> dict:
    found = re.search(r'data-activities="([^"]*)"', page_html).group(1)
    return {activity["id"]: activity for activity in json.loads(html.unescape(found))}


def test_my_plans_carries_the_language_of_each_text(english, spanish):
    page = spanish.html("plans/")
    outline = _outline(page)[ACTIVITY]
    items = {item["id"]: item for item in outline["items"]}
    steps = {step["id"]: step for step in outline["steps"]}
    assert items[ITEM]["english"] == ["text"]
    assert text_of(_item_html(english.html(f"{ACTIVITY}/checklist/"), ITEM)) == items[ITEM]["text"]
    assert steps[STEP]["english"] == ["text"] and steps[STEP]["when"] == "Dos meses antes"
    assert steps[DAY]["english"] == ["when"] and steps[DAY]["when"] == "On the day"
    assert "english" not in items["identify-teachers"] and "english" not in outline
    notice = re.search(r'data-untranslated="([^"]*)"', page)
    assert notice and html.unescape(notice.group(1)) == NOTICE_ES
    for activity in _outline(english.html("plans/")).values():
        assert "english" not in activity
        assert not any("english" in entry for entry in activity["items"] + activity["steps"])
