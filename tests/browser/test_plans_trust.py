"""Plans a coordinator can trust (issue 24), in Chromium on the session's built sites (no
build of its own): words for screen readers only stay hidden on screen and in print, and a
printed plan reads as a clean sheet; nothing typed is lost (a note or a plan's name kept on
a reload or on leaving at once, with a quiet "Saved"); a date cleared leaves no empty unnamed
plan behind; every step of every activity lands on a school day (weekends and the
district's closed days), past steps say so and My plans counts them; one long date format
per edition, written out beside the date field too, and one date field per page; the small
things (empty state, Export disabled, Import a button, 44 px targets, a heading, home)."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from .conftest import DISTRICTS
from .test_planner import on_a_school_day, reference, shown_dates
from .test_plans import CHECKLIST, TIMELINE, bar, labels, new_plan, plan, plan_file, printed_plan

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


def _opened(served, context_for, path: str, **options):
    """The default district's page at `path` in a fresh browser: (site, page, requests)."""
    site = served(DISTRICTS[0])
    context, requests = context_for(site, **options)
    page = context.new_page()
    page.goto(site.url(path))
    return site, page, requests


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
    page, _ = printed_plan(served, context_for, "2027-03-31", ticked=2, step=0, note="Book the library")
    page.emulate_media(media="print")
    words = labels(page)
    text = _pdf_text(page)
    assert "Book the library" in text and "Grade 11 at Kaiser" in text
    for label in ("plan_to_do", "plan_done", "planner_date"):
        assert words[label] + ":" not in text and words[label] + " :" not in text, label
    assert words["planner_date"] not in text
    assert page.locator(".guide-plan-print th").all_inner_texts()[1] == words["plan_step_date"]
    assert bar(page).count() == 0


def _note(page, index: int = 1):
    return page.locator(".guide-step-note input").nth(index)


def test_a_note_typed_is_kept_at_once_on_reload_and_on_leaving(served, context_for):
    from playwright.sync_api import expect

    site, page, requests = _opened(served, context_for, TIMELINE)
    words = labels(page)
    # Typed in a fresh browser (no plan yet) and reloaded at once: no pause, no change event.
    _note(page).click()
    page.keyboard.type("Book the library")
    page.reload()
    expect(_note(page)).to_have_value("Book the library")
    # Typed, then away to another page at once, by a link.
    _note(page, 2).click()
    page.keyboard.type("Ask Ms Rivera")
    page.get_by_role("link", name=words["my_plans_link"]).click()
    page.wait_for_url("**/plans/")
    page.go_back()
    expect(_note(page, 2)).to_have_value("Ask Ms Rivera")
    # Typed and paused: "Saved", said politely, beside the note.
    _note(page, 3).click()
    page.keyboard.type("Rooms")
    saved = page.locator(".guide-step-note").nth(3).get_by_role("status")
    expect(saved).to_have_text(words["plan_autosaved"])
    assert saved.get_attribute("aria-live") in (None, "polite")  # role=status is polite
    [only] = kept_plans(page, site.district)
    assert sorted(only["notes"].values()) == ["Ask Ms Rivera", "Book the library", "Rooms"]
    # A plan's new name is kept as it is typed, and on a reload mid-word.
    bar(page).locator(".guide-plan-edit").click()
    name = bar(page).locator(".guide-plan-form input[type=text]")
    name.fill("")
    name.press_sequentially("Grade 11 at Kaiser")
    expect(bar(page).locator(".guide-plan-form").get_by_role("status")).to_have_text(words["plan_autosaved"])
    name.press_sequentially(" (spring)")
    page.reload()
    assert [p["name"] for p in kept_plans(page, site.district)] == ["Grade 11 at Kaiser (spring)"]
    assert requests.refused == []


def test_a_new_plan_named_but_not_saved_is_kept_when_the_page_is_left(served, context_for):
    site, page, _ = _opened(served, context_for, CHECKLIST)
    bar(page).locator(".guide-plan-new").click()
    page.keyboard.type("Spring group")
    page.reload()
    assert [p["name"] for p in kept_plans(page, site.district)] == ["Spring group"]
    assert bar(page).locator("select option:checked").inner_text().startswith("Spring group")


def _date_field(page):
    return page.locator("form.guide-planner input[type=date]")


def test_a_date_cleared_leaves_no_empty_unnamed_plan(served, context_for):
    """The rule a check mark cleared follows (no empty "My plan" left behind) holds for the
    timeline's date: a plan that date alone started is removed once the field is left
    empty; a plan that holds anything else, or a name, is kept."""
    from playwright.sync_api import expect

    site, page, requests = _opened(served, context_for, TIMELINE)
    words = labels(page)
    field = _date_field(page)
    intro = bar(page).locator(".guide-plan-intro")
    # A date alone starts the unnamed plan; emptied, and the field left, the plan is gone.
    field.fill("2027-03-31")
    assert [(p["name"], p["date"]) for p in kept_plans(page, site.district)] == [(words["plan_first"], "2027-03-31")]
    expect(intro).to_be_hidden()
    field.fill("")
    field.blur()
    assert kept_plans(page, site.district) == []
    expect(intro).to_be_visible()
    assert shown_dates(page) and set(shown_dates(page).values()) == {None}
    page.reload()
    assert kept_plans(page, site.district) == [] and field.input_value() == ""
    # Emptied while a date is typed again: the same plan, with the new date (nothing removed).
    field.fill("2027-03-31")
    [started] = kept_plans(page, site.district)
    field.fill("")
    field.fill("2027-04-01")
    field.blur()
    assert [(p["id"], p["date"]) for p in kept_plans(page, site.district)] == [(started["id"], "2027-04-01")]
    # Emptied, and the page left at once (no blur first): the plan is gone all the same.
    field.fill("")
    page.reload()
    assert kept_plans(page, site.district) == []
    # A plan with a note keeps itself, without its date.
    field.fill("2027-03-31")
    _note(page).fill("Book the library")
    _note(page).blur()
    field.fill("")
    field.blur()
    [kept] = kept_plans(page, site.district)
    assert kept["date"] == "" and list(kept["notes"].values()) == ["Book the library"]
    # A named plan too.
    page.evaluate("() => localStorage.clear()")
    page.reload()
    new_plan(page, "Grade 11 at Kaiser", "2027-03-31")
    field.fill("")
    field.blur()
    assert [(p["name"], p["date"]) for p in kept_plans(page, site.district)] == [("Grade 11 at Kaiser", "")]
    assert requests.refused == []


def kept_plans(page, district: str) -> list[dict]:
    stored = page.evaluate("(key) => JSON.parse(localStorage.getItem(key) || '{\"plans\": []}')",
                           f"wbl-guide:{district}:plans")
    return stored["plans"]


# ----- Steps on school days

# Closures on top of the district's own (the bundled profiles list none): a holiday, the
# winter and spring breaks, the summer.
CLOSURES = ["2026-11-26 to 2026-11-27", "2026-12-21 to 2027-01-01", "2027-03-22 to 2027-03-26",
            "2027-06-28 to 2027-09-06", "2027-10-11"]


def _closed_set(entries: list[str]) -> frozenset:
    days = set()
    for entry in entries:
        first, _, last = entry.partition(" to ")
        day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last or first)
        while day <= end:
            days.add(day)
            day += dt.timedelta(days=1)
    return frozenset(days)


@pytest.mark.parametrize("closures", [[], CLOSURES], ids=["weekends", "closed-days"])
def test_every_step_of_every_activity_falls_on_a_school_day(served, context_for, closures):
    """All eight activities' dated steps, for every Wednesday event of 2026 and 2027, worked
    out by the page's own plan-dates.js and checked against the rules stated here."""
    site, page, _ = _opened(served, context_for, "plans/")
    wednesdays = [dt.date(2026, 1, 7) + dt.timedelta(weeks=n) for n in range(104)]
    assert wednesdays[-1] == dt.date(2027, 12, 29)
    found = page.evaluate("""([events, extra]) => {
        const root = document.querySelector('[data-guide-my-plans]');
        const closed = JSON.parse(root.dataset.closedDays).concat(extra);
        const D = window.wblDates, result = {};
        for (const activity of JSON.parse(root.dataset.activities)) {
            result[activity.id] = {};
            for (const event of events) {
                const dates = D.stepDates(D.parse(event), activity.steps, activity.schoolYearStart, closed);
                result[activity.id][event] = dates.map(D.iso);
            }
        }
        return {result, closed, outline: JSON.parse(root.dataset.activities)};
    }""", [[day.isoformat() for day in wednesdays], closures])
    closed = _closed_set(found["closed"])
    outline = {activity["id"]: activity for activity in found["outline"]}
    assert len([a for a in outline.values() if a["steps"]]) == 8
    checked = 0
    for ident, by_event in found["result"].items():
        steps = outline[ident]["steps"]
        start = tuple(int(part) for part in outline[ident]["schoolYearStart"].split("-"))
        for event, dates in by_event.items():
            day = dt.date.fromisoformat(event)
            for step, shown in zip(steps, dates, strict=True):
                due = _due_words(step)
                assert shown == on_a_school_day(reference(day, due, start), due, closed), (ident, event, step["id"])
                if due != "on the day":
                    moved = dt.date.fromisoformat(shown)
                    assert moved.weekday() < 5 and moved not in closed, (ident, event, step["id"], shown)
                checked += 1
    assert checked == len(wednesdays) * sum(len(activity["steps"]) for activity in outline.values()) > 6000


def _due_words(step: dict) -> str:
    """The outline's count and unit as the YAML's words, for reference()."""
    if step["unit"] == "school-year":
        return "start of school year"
    if step["count"] == 0:
        return "on the day"
    return f"{abs(step['count'])} {step['unit']}s {'before' if step['count'] < 0 else 'after'}"


def test_the_issue_s_weekend_steps_move_to_friday_and_the_ics_agrees(served, context_for):
    import icalendar

    site, page, _ = _opened(served, context_for, TIMELINE, accept_downloads=True)
    new_plan(page, "Grade 11 at Kaiser", "2027-03-31")
    shown = shown_dates(page)
    # Two months and one month before Wednesday 31 March 2027 are Sundays: the Fridays before.
    assert "2027-01-29" in shown.values() and "2027-02-26" in shown.values()
    assert "2027-01-31" not in shown.values() and "2027-02-28" not in shown.values()
    with page.expect_download() as info:
        page.locator("form.guide-planner button[type=submit]").click()
    calendar = icalendar.Calendar.from_ical(open(info.value.path(), "rb").read())
    in_file = {str(event["UID"]).split(".")[0]: event.decoded("DTSTART").isoformat()
               for event in calendar.walk("VEVENT")}
    assert {ident: in_file[ident] for ident in shown} == shown


def test_past_steps_are_marked_and_my_plans_counts_them(served, context_for):
    site, page, _ = _opened(served, context_for, TIMELINE)
    words = labels(page)
    soon = dt.date.today() + dt.timedelta(days=20)
    new_plan(page, "Soon", soon.isoformat())
    shown = shown_dates(page)
    past = [ident for ident, day in shown.items() if day < dt.date.today().isoformat()]
    ahead = [ident for ident in shown if ident not in past]
    assert past and ahead
    for ident in past:
        step = page.locator(f"li#{ident}")
        assert step.locator(".guide-planner-past").is_visible()
        # Said in words, right after the date: a screen reader reads it with the step.
        assert words["plan_step_past"] in step.inner_text()
    for ident in ahead:
        assert page.locator(f"li#{ident} .guide-planner-past").is_hidden()
    page.goto(site.url("plans/"))
    card = page.locator(".guide-plan-card").first
    assert card.locator(".guide-plan-overdue").inner_text() == words["plan_overdue"].replace("{count}", str(len(past)))
    assert card.locator(".guide-plan-next").inner_text().startswith(words["plan_next"].split("{")[0])


# ----- One date format per edition, one field per purpose

LONG = {"en": "Wednesday, March 31, 2027", "es": "miércoles, 31 de marzo de 2027"}


def _written(page, days: list[str]) -> list[str]:
    """Each ISO day as the page's language writes a date in full (Intl, dateStyle full)."""
    return page.evaluate("""(days) => days.map((iso) => new Intl.DateTimeFormat(document.documentElement.lang,
        {dateStyle: 'full', timeZone: 'UTC'}).format(new Date(iso + 'T00:00:00Z')))""", days)


@pytest.mark.parametrize("edition", ["en", "es"])
def test_one_date_format_and_one_date_field(served, context_for, edition):
    site = served(DISTRICTS[0])
    site = site if edition == "en" else site.edition(edition)
    context, _ = context_for(site)
    page = context.new_page()
    page.add_init_script("window.print = () => {};")
    page.goto(site.url(TIMELINE))
    assert page.locator("html").get_attribute("lang") == edition
    assert _written(page, ["2027-03-31"]) == [LONG[edition]]
    date_label = page.locator("form.guide-planner label").first.inner_text()
    # The plan form open: one field for the date on the page, named as the timeline names it.
    bar(page).locator(".guide-plan-new").click()
    dates = page.locator("input[type=date]:visible")
    assert dates.count() == 1
    assert dates.evaluate("(el) => el.labels[0].textContent") == date_label
    page.keyboard.type("Kaiser")
    dates.fill("2027-03-31")
    bar(page).locator(".guide-plan-form input[type=text]").press("Enter")
    assert page.locator("input[type=date]:visible").count() == 1  # the planner's own, back
    assert bar(page).locator("select option:checked").inner_text() == f"Kaiser ({LONG[edition]})"
    steps = dict(page.evaluate("""() => Array.from(document.querySelectorAll('time.guide-planner-due'),
        (el) => [el.dateTime, el.textContent])"""))
    assert steps and list(steps.values()) == _written(page, list(steps))
    # The checklist's plan form names the date as the timeline does.
    page.goto(site.url(CHECKLIST))
    assert bar(page).locator("select option:checked").inner_text() == f"Kaiser ({LONG[edition]})"
    bar(page).locator(".guide-plan-new").click()
    assert bar(page).locator("input[type=date]").evaluate("(el) => el.labels[0].textContent") == date_label
    # My plans and the printed plan: the same long form, the date named as the activity names it.
    page.goto(site.url("plans/"))
    card = page.locator(".guide-plan-card").first
    assert card.locator(".guide-plan-date").inner_text() == f"{date_label}: {LONG[edition]}"
    next_date = page.evaluate("() => document.querySelector('.guide-plan-next').textContent")
    assert any(text in next_date for text in steps.values())
    card.locator(".guide-plan-print-button").click()
    sheet = page.locator(".guide-plan-print")
    assert f"{date_label}: {LONG[edition]}" in sheet.locator(".guide-plan-facts").text_content()
    printed = [text for text in sheet.locator("td.guide-plan-when").all_text_contents() if text]
    assert sorted(printed) == sorted(steps.values())


# The chosen date written out beside the field, for an edition of each direction.
WRITTEN = [("en", DISTRICTS[0], "Wednesday, March 31, 2027"), ("es", DISTRICTS[0], LONG["es"]),
           ("ar", "nyc", None)]


@pytest.mark.parametrize(("edition", "district", "long"), WRITTEN, ids=[w[0] for w in WRITTEN])
def test_the_chosen_date_is_written_out_beside_the_field(served, context_for, edition, district, long):
    """The native field writes the date as the browser does (03/31/2027); beside it, after
    it in the reading order and on its inline-end side, the edition's one long form, kept
    as the field changes, the field's description (aria-describedby), empty with no date,
    and in room kept for it: a date chosen leaves the planner's box the same height."""
    from playwright.sync_api import expect

    from .axe import describe, scan

    site = served(district)
    site = site if edition == "en" else site.edition(edition)
    for width in (375, 1280):
        context, requests = context_for(site, viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(site.url(TIMELINE))
        assert page.locator("html").get_attribute("lang") == edition
        long = long or _written(page, ["2027-03-31"])[0]
        field = _date_field(page)
        written = page.locator("form.guide-planner .guide-planner-date-written")
        assert written.get_attribute("id") == field.get_attribute("aria-describedby")
        assert written.text_content() == ""
        # After the field in the form, and after it as the edition reads (right to left in Arabic).
        assert page.evaluate("""() => { const field = document.querySelector('form.guide-planner input[type=date]');
            return field.nextElementSibling.classList.contains('guide-planner-date-written'); }""")
        group = page.locator("form.guide-planner fieldset")
        before = group.bounding_box()["height"]
        field.fill("2027-03-31")
        assert written.text_content() == long
        expect(field).to_have_accessible_description(long)
        assert group.bounding_box()["height"] == before, (edition, width)
        box, beside = field.bounding_box(), written.bounding_box()
        if abs(beside["y"] - box["y"]) < box["height"]:  # on the field's line
            if edition == "ar":
                assert beside["x"] + beside["width"] <= box["x"] + 1, (width, box, beside)
            else:
                assert beside["x"] >= box["x"] + box["width"] - 1, (width, box, beside)
        if width == 1280:
            assert abs(beside["y"] - box["y"]) < box["height"], "beside the field on a wide screen"
        assert not describe(scan(page)), describe(scan(page))
        # Shown for a plan's date when the page opens; empty once the field is.
        page.reload()
        assert written.text_content() == long
        field.fill("")
        assert written.text_content() == ""
        assert group.bounding_box()["height"] == before, (edition, width)
        assert requests.refused == []


# ----- Small things a person expects

PHONE = {"width": 375, "height": 740}
CONTROLS = (".guide-plans :is(select, input, button, a), .guide-planner :is(input, button), "
            ".guide-checklist > button, .guide-step-note input, .guide-my-plans :is(input, button), "
            ".guide-plan-links a")


def _small_targets(page) -> list[tuple[str, float]]:
    """The plan tools' controls shown on the page less than 44 px tall (there are some shown)."""
    shown = page.evaluate("""(selector) => Array.from(document.querySelectorAll(selector))
        .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
        .map((el) => [el.outerHTML.slice(0, 80), el.getBoundingClientRect().height])""", CONTROLS)
    assert len(shown) >= 2
    return [(html, height) for html, height in shown if height < 44]


def test_small_things_a_person_expects(served, context_for):
    from playwright.sync_api import expect

    district = DISTRICTS[0]
    site = served(district)
    context, _ = context_for(site, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    # The home page says what plans are and leads to My plans.
    page.goto(site.url(""))
    words = labels_of(page, site)
    page.get_by_role("heading", name=words["my_plans"]).wait_for()
    page.get_by_role("link", name=words["my_plans_link"]).click()
    page.wait_for_url("**/plans/")
    # No plan yet: nothing to export, a way to the activities, import as a named button.
    export = page.get_by_role("button", name=words["plans_export"])
    expect(export).to_be_disabled()
    expect(page.locator(".guide-plans-none").get_by_role("link", name=words["plans_see_activities"])).to_have_attribute(
        "href", "../activities/")
    assert _small_targets(page) == []
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=words["plans_import"]).click()
    chooser.value.set_files(files=[{"name": "plans.json", "mimeType": "application/json",
                                    "buffer": plan_file(district, [plan("p1", "Kaiser", "2027-03-31")]).encode()}])
    expect(page.locator(".guide-plan-card")).to_have_count(1)
    expect(export).to_be_enabled()
    assert _small_targets(page) == []
    # The plan tools sit under a heading; every control is at least 44 px tall on a phone.
    for path in (CHECKLIST, TIMELINE):
        page.goto(site.url(path))
        page.get_by_role("heading", name=words["plans_title"]).wait_for()
        assert _small_targets(page) == [], path
        bar(page).locator(".guide-plan-new").click()
        assert _small_targets(page) == [], path


def labels_of(page, site) -> dict:
    """The plan words, from My plans' data (the home page carries none)."""
    here = page.url
    page.goto(site.url("plans/"))
    words = labels(page)
    page.goto(here)
    return words
