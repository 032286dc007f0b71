"""Plans a coordinator can trust (issue 24), in Chromium on the session's built sites:
words for screen readers only stay hidden on screen and in print, and a printed plan reads
as a clean sheet."""

from __future__ import annotations

import io
import json

from .conftest import DISTRICTS
from .test_plans import ACTIVITY, CHECKLIST, TIMELINE, bar, import_text, items, labels, new_plan, plan, plan_file

# Every element of the "visually hidden" kind, whatever the script that made it.
HIDDEN = "[class*=visually-hidden]"


def _hidden_sizes(page) -> list[tuple[float, float, str]]:
    return page.evaluate("""(selector) => Array.from(document.querySelectorAll(selector), (el) => {
        const box = el.getBoundingClientRect();
        return [box.width, box.height, el.textContent];
    })""", HIDDEN)


def _pdf_text(page) -> str:
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    return " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)


def test_hidden_text_is_hidden_on_screen_and_in_print(served, context_for):
    district = DISTRICTS[0]
    site = served(district)
    context, requests = context_for(site)
    page = context.new_page()
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page.goto(site.url(TIMELINE))
    new_plan(page, "Grade 11 at Kaiser", "2027-03-31")
    measured = 0
    for path in (TIMELINE, CHECKLIST, "plans/"):
        page.goto(site.url(path))
        if path == "plans/":
            page.locator(".guide-plan-print-button").first.click()
        for media in ("screen", "print"):
            page.emulate_media(media=media)
            sizes = _hidden_sizes(page)
            too_big = [size for size in sizes if size[0] > 1 or size[1] > 1]
            assert too_big == [], (path, media, too_big)
            measured += len(sizes)
        page.emulate_media(media="screen")
    assert measured > 0  # the timeline's note labels at least

    # The timeline printed: its dates, none of the tools' words.
    page.goto(site.url(TIMELINE))
    page.emulate_media(media="print")
    words = labels(page)
    text = _pdf_text(page)
    assert words["step_note"] not in text
    assert words["plans_title"] not in text
    page.emulate_media(media="screen")
    assert requests.refused == []


def test_a_printed_plan_is_a_clean_sheet(served, context_for):
    district = DISTRICTS[0]
    site = served(district)
    context, _ = context_for(site)
    page = context.new_page()
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page.goto(site.url(CHECKLIST))
    ids = items(page)
    page.goto(site.url("plans/"))
    outline = json.loads(page.evaluate("() => document.querySelector('[data-guide-my-plans]').dataset.activities"))
    [steps] = [a["steps"] for a in outline if a["id"] == ACTIVITY]
    import_text(page, plan_file(district, [plan("pP", "Grade 11 at Kaiser", "2027-03-31", ticks=ids[:2],
                                                notes={steps[0]["id"]: "Book the library"})]))
    page.locator(".guide-plan-print-button").click()
    assert page.evaluate("() => window.printed") == 1
    page.emulate_media(media="print")
    words = labels(page)
    text = _pdf_text(page)
    assert "Book the library" in text and "Grade 11 at Kaiser" in text
    for label in ("plan_to_do", "plan_done", "planner_date"):
        assert words[label] + ":" not in text and words[label] + " :" not in text, label
    assert words["planner_date"] not in text
    assert page.locator(".guide-plan-print th").all_inner_texts()[1] == words["plan_step_date"]
    assert bar(page).count() == 0
