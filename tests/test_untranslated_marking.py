"""English left in a translated edition, without a build: where the notice that a page shows
English goes (render.untranslated_notice), which pages of an edition get it, and the plan
outline naming each text still in English for My plans' script. The built pages, PDFs and
scripts: test_untranslated_notice.py and browser/test_untranslated_plans.py."""

from __future__ import annotations

import html
import json
import re

import pytest

from conftest import ROOT
from wbl_guide.base.fallback import mark
from wbl_guide.data.project import load_project
from wbl_guide.rendering.render import ENGLISH_PART, plain, untranslated_notice
from wbl_guide.rendering.site import assemble

DISTRICT = "earn-and-learn"
ACTIVITY = "job-shadow"
ITEM, STEP = "recruit-hosts", "two-months-before"
NOTICE = "Parte de esta página aún no está traducida y se muestra en inglés."
WRITTEN = plain(NOTICE)  # as the page's Markdown writes it
ENGLISH = ENGLISH_PART.format("Recruit hosts.")
LINE = '{: .guide-untranslated role="note" data-search-exclude }'


def test_no_notice_without_english_or_outside_a_translated_edition():
    page = "# Lista\n\nTodo en español.\n{: #a }\n"
    assert untranslated_notice(page, NOTICE) == page
    assert untranslated_notice(f"# List\n\n{ENGLISH}\n", None) == f"# List\n\n{ENGLISH}\n"


def test_the_notice_goes_once_under_the_title():
    page = f"# Lista {{ #checklist }}\n\nIntro.\n{{: #intro }}\n\n- {ENGLISH}\n- {ENGLISH}\n"
    done = untranslated_notice(page, NOTICE)
    assert done.count(LINE) == 1
    assert done.startswith(f"# Lista {{ #checklist }}\n\n{WRITTEN}\n{LINE}\n\n")
    assert done.index(LINE) < done.index("Intro.")


@pytest.mark.parametrize("kind", ["guide-audience", "guide-byline"])
def test_the_notice_follows_what_goes_with_the_title(kind):
    page = f"# Hoja\n\nPara: coordinadores\n{{: .{kind} }}\n\nIntro {ENGLISH}\n"
    done = untranslated_notice(page, NOTICE)
    assert done.index(f"{{: .{kind} }}") < done.index(WRITTEN) < done.index("Intro")


def test_a_notice_not_translated_yet_is_itself_marked_english():
    done = untranslated_notice(f"# Lista\n\n{ENGLISH}\n", mark("Part of this page is not translated yet."))
    assert '<span lang="en">Part of this page is not translated yet\\.</span>' in done


@pytest.fixture(scope="module")
def editions():
    """The Spanish and English editions, the Spanish job shadow lacking one checklist item's
    translation and one timeline step's text."""
    project = load_project(ROOT, [DISTRICT])
    translation = project.translations["es"][ACTIVITY]
    translation.hashes.pop(ITEM)
    translation.entries[STEP] = {name: text for name, text in translation.entries[STEP].items() if name != "text"}
    return assemble(project, DISTRICT, language="es"), assemble(project, DISTRICT, language="en")


def test_a_page_showing_english_gets_the_notice_in_the_editions_words(editions):
    spanish, english = editions
    checklist = spanish.page(f"{ACTIVITY}/checklist.md").markdown
    assert checklist.count(LINE) == 1 and f"\n{WRITTEN}\n{LINE}" in checklist
    for page in spanish.pages.values():
        body = page.markdown.replace(LINE, "")
        assert page.markdown.count(LINE) == (1 if '<span lang="en">' in body else 0), page.path
    for page in english.pages.values():
        assert "guide-untranslated" not in page.markdown and "data-untranslated" not in page.markdown, page.path


def _outline(markdown: str) -> dict:
    found = re.search(r'data-activities="([^"]*)"', markdown).group(1)
    return {activity["id"]: activity for activity in json.loads(html.unescape(found))}


def test_the_plan_outline_names_the_texts_in_english(editions):
    spanish, english = editions
    plans = spanish.page("plans.md").markdown
    outline = _outline(plans)[ACTIVITY]
    items = {item["id"]: item for item in outline["items"]}
    steps = {step["id"]: step for step in outline["steps"]}
    assert items[ITEM]["english"] == ["text"] and items[ITEM]["text"].startswith("Recruit host employers")
    assert "\ue000" not in items[ITEM]["text"]
    assert steps[STEP]["english"] == ["text"] and "english" not in items["identify-teachers"]
    assert "english" not in outline  # its title is translated
    assert html.unescape(re.search(r'data-untranslated="([^"]*)"', plans).group(1)) == NOTICE
    for activity in _outline(english.page("plans.md").markdown).values():
        assert "english" not in activity and not any("english" in e for e in activity["items"] + activity["steps"])
