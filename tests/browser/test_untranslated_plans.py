"""English left in a translated edition, in Chromium (issue 23): My plans and a printed plan
put each text the edition shows in English in an element marked lang="en", and say so with
the edition's notice only when one is shown; the checklist's tick labels and the planner's
note labels keep the mark. On the build of test_untranslated_notice.py (a copy whose Spanish
job shadow lacks a checklist item, a step's text and another step's timing); and a plan
label left in English (issue 24) on a copy whose Spanish guide lacks one."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest

from conftest import Build, copy_project, run_build, shared_build
from test_untranslated_notice import ACTIVITY, DAY, DISTRICT, ITEM, NOTICE_ES, STEP, untranslated_site

from .axe import describe, scan
from .conftest import serving


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The copy's whole site served (both editions), for context_for."""
    with serving(DISTRICT, untranslated_site(tmp_path_factory).site) as served:
        yield served


def _plan(ident: str, name: str, date: str = "", ticks=()) -> dict:
    return {"id": ident, "activity": ACTIVITY, "name": name, "date": date, "ticks": list(ticks), "notes": {},
            "created": "2026-01-01T00:00:00.000Z", "updated": "2026-01-02T00:00:00.000Z"}


def _import(page, plans: list[dict]) -> None:
    text = json.dumps({"format": "wbl-guide-plans", "version": 1, "guide": DISTRICT,
                       "exported": "2026-01-01T00:00:00.000Z", "plans": plans})
    page.locator("#guide-plans-import").set_input_files(
        files=[{"name": "plans.json", "mimeType": "application/json", "buffer": text.encode("utf-8")}])


def _english(locator) -> list[str]:
    return [" ".join(text.split()) for text in locator.locator("[lang=en]").all_inner_texts()]


def test_my_plans_and_a_printed_plan_mark_english(site, context_for):
    context, requests = context_for(site)
    page = context.new_page()
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page.goto(site.url("es/plans/"))
    assert page.locator("html").get_attribute("lang") == "es"
    notice = page.locator(".guide-my-plans .guide-untranslated")
    assert page.locator(".guide-untranslated").count() == 1  # the page itself shows no English
    # A plan with no date shows only its name and the (translated) activity's title: no notice.
    _import(page, [_plan("p1", "Sin fecha")])
    page.locator(".guide-plan-card").first.wait_for()
    assert notice.is_hidden()
    assert not _english(page.locator(".guide-plan-list"))
    # Its next step is the day itself, whose timing is still English: marked, and the notice shows.
    day = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    _import(page, [_plan("p2", "Con fecha", day, ticks=[ITEM])])
    card = page.locator("#plan-p2")
    card.wait_for()
    assert _english(card.locator(".guide-plan-next")) == ["On the day"]
    assert not _english(card.locator(".guide-plan-activity"))
    assert notice.is_visible() and notice.inner_text() == NOTICE_ES
    assert notice.get_attribute("lang") is None
    assert not describe(scan(page)), describe(scan(page))

    card.locator(".guide-plan-print-button").click()
    assert page.evaluate("() => window.printed") == 1
    sheet = page.locator("section.guide-plan-print")
    english = _english(sheet)
    assert "On the day" in english
    assert any(text.startswith("Recruit host employers") for text in english), english
    assert any(text.startswith("Recruit hosts and agree") for text in english), english  # the step's text
    assert len(english) == 3, english
    # The step whose text is English keeps its Spanish timing outside the mark.
    row = sheet.locator("tr", has=page.locator("[lang=en]", has_text="Recruit hosts and agree"))
    assert "Dos meses antes" in row.locator("td").first.inner_text()
    assert row.locator("td").first.locator("[lang=en]", has_text="Dos meses").count() == 0
    # The printed plan says itself that part of it is in English, under its title.
    assert sheet.locator(".guide-untranslated").inner_text() == NOTICE_ES
    assert page.evaluate("""() => document.querySelector('section.guide-plan-print > h1')
        .nextElementSibling.classList.contains('guide-untranslated')""")
    assert not requests.refused, requests.refused


def test_the_checklist_and_the_planner_keep_the_mark(site, context_for):
    context, _ = context_for(site)
    page = context.new_page()
    page.goto(site.url(f"es/{ACTIVITY}/checklist/"))
    label = page.locator(f"label[for=guide-tick-{ITEM}]")
    assert _english(label)[0].startswith("Recruit host employers")
    assert page.locator(".guide-untranslated").inner_text() == NOTICE_ES
    assert not describe(scan(page)), describe(scan(page))

    page.goto(site.url(f"es/{ACTIVITY}/timeline/"))
    page.locator("form.guide-planner input[type=date]").first.wait_for()
    hidden = page.locator(f"#{DAY} .guide-step-note label .md-visually-hidden")
    assert hidden.get_attribute("lang") == "en" and "On the day" in hidden.text_content()
    other = page.locator(f"#{STEP} .guide-step-note label .md-visually-hidden")
    assert other.get_attribute("lang") is None and "Dos meses antes" in other.text_content()


# ----- A plan label left in English (issue 24)

PLAN_NEW_ES = "  # en: New plan\n  text: Nuevo plan\n"


def untranslated_label_site(tmp_path_factory) -> Build:
    """A copy whose Spanish guide.yml lacks the text of one plan label (plan_new), built
    once per session (no PDFs)."""
    def make(site: Path) -> Build:
        project = copy_project(site.parent / "project")
        path = project / "data" / "translations" / "es" / "guide.yml"
        text = path.read_text(encoding="utf-8")
        assert text.count(PLAN_NEW_ES) == 1
        path.write_text(text.replace(PLAN_NEW_ES, "  # en: New plan\n  text: ''\n"), encoding="utf-8")
        return run_build(site, DISTRICT, project=project)

    build = shared_build(tmp_path_factory, "site-untranslated-label", make)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def label_site(tmp_path_factory):
    build = untranslated_label_site(tmp_path_factory)
    with serving(DISTRICT, build.site) as served:
        yield build, served


def test_a_plan_label_in_english_is_marked_so(label_site, context_for):
    """The Spanish edition still shows `plan_new` in English ("New plan"): the page names
    the label's key (data-english-labels), and every element of the plan tools showing it
    is marked lang="en", the translated ones around it not; the English edition names none."""
    build, site = label_site
    english_html = build.html(f"{ACTIVITY}/timeline/")
    assert "data-english-labels" not in english_html
    for page_path in (f"{ACTIVITY}/timeline/", f"{ACTIVITY}/checklist/", "plans/"):
        found = re.findall(r'data-english-labels="([^"]*)"', build.edition("es").html(page_path))
        assert [json.loads(html.unescape(keys)) for keys in found] == [["plan_new"]], page_path

    context, requests = context_for(site)
    page = context.new_page()
    for page_path in (f"es/{ACTIVITY}/timeline/", f"es/{ACTIVITY}/checklist/"):
        page.goto(site.url(page_path))
        tools = page.locator(".guide-plans").first
        new = tools.locator(".guide-plan-new")
        new.wait_for()
        assert new.inner_text() == "New plan" and new.get_attribute("lang") == "en", page_path
        # The Spanish explanation names the button in English, in a span of its own.
        intro = tools.locator(".guide-plan-intro")
        assert intro.get_attribute("lang") is None
        assert intro.locator("[lang=en]").all_inner_texts() == ["New plan"]
        for other in (".guide-plans-title", ".guide-plan-edit", ".guide-plan-delete", "label"):
            assert tools.locator(other).first.get_attribute("lang") is None, (page_path, other)
        # The form for a new plan is titled by the same label.
        new.click()
        title = tools.locator(".guide-plan-form-title")
        assert title.inner_text() == "New plan" and title.get_attribute("lang") == "en"
        tools.locator(".guide-plan-cancel").click()
        assert not describe(scan(page)), describe(scan(page))
    # The planner's own words, translated, carry no mark.
    page.goto(site.url(f"es/{ACTIVITY}/timeline/"))
    page.locator("form.guide-planner legend").wait_for()
    assert page.locator("form.guide-planner [lang]").count() == 0
    assert requests.refused == []
