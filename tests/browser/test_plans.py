"""Plans for many events (assets/javascripts/plans.js, plan-bar.js, my-plans.js), in Chromium
on the built sites: several plans per activity with their own ticks, dates and notes; the My
plans page in order of the next due step; export and import into a fresh browser profile;
bad files refused with nothing changed; a failed save reported; old ticks migrated; removed
items kept in view; a plan printed; all by keyboard, with no axe violations."""

from __future__ import annotations

import datetime as dt
import io
import json
import pytest

from .axe import describe, scan
from .conftest import DISTRICTS

ACTIVITY = "informational-interview"
OTHER = "job-shadow"
CHECKLIST = f"{ACTIVITY}/checklist/"
TIMELINE = f"{ACTIVITY}/timeline/"
PHONE = {"width": 375, "height": 740}


def key(district: str) -> str:
    return f"wbl-guide:{district}:plans"


def kept(page, district: str) -> dict:
    """Everything the browser keeps for the district's plans."""
    return page.evaluate("(key) => JSON.parse(localStorage.getItem(key) || 'null')", key(district))


def raw(page, district: str) -> str | None:
    return page.evaluate("(key) => localStorage.getItem(key)", key(district))


def labels(page) -> dict:
    return page.evaluate("""() => JSON.parse(document.querySelector(
        '[data-guide-checklist], [data-guide-planner], [data-guide-my-plans]').dataset.labels)""")


def opened(served, context_for, district: str, path: str):
    """(site, page): a fresh browser profile on `path` of the district's built site."""
    site = served(district)
    context, _ = context_for(site)
    page = context.new_page()
    page.goto(site.url(path))
    return site, page


def bar(page):
    return page.locator(".guide-plans").first


def new_plan(page, name: str, date: str = "") -> None:
    """Start a plan with the keyboard: the New plan button, its name, its date, Enter."""
    bar(page).locator(".guide-plan-new").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.type") == "text"  # focus went to the name
    page.keyboard.type(name)
    if date:
        bar(page).locator("input[type=date]").fill(date)
        bar(page).locator("input[type=text]").focus()
    page.keyboard.press("Enter")
    assert bar(page).locator(".guide-plan-form").is_hidden()


def choose(page, name: str) -> None:
    select = bar(page).locator("select")
    texts = select.locator("option").all_inner_texts()
    [value] = [select.locator("option").nth(i).get_attribute("value") for i, text in enumerate(texts)
               if text == name or text.startswith(name + " (")]
    select.select_option(value)


def ticked(page) -> list[str]:
    return page.evaluate("() => Array.from(document.querySelectorAll('input.guide-tick:checked'), b => b.dataset.item)")


def items(page) -> list[str]:
    return page.evaluate("() => Array.from(document.querySelectorAll('input.guide-tick'), b => b.dataset.item)")


def tick(page, ident: str) -> None:
    page.locator(f"#guide-tick-{ident}").focus()
    page.keyboard.press("Space")


def plan_file(district: str, plans: list[dict], **header) -> str:
    document = {"format": "wbl-guide-plans", "version": 1, "guide": district,
                "exported": "2026-01-01T00:00:00.000Z", "plans": plans}
    document.update(header)
    return json.dumps(document)


def plan(ident: str, name: str, date: str = "", activity: str = ACTIVITY, ticks=(), notes=None) -> dict:
    return {"id": ident, "activity": activity, "name": name, "date": date, "ticks": list(ticks),
            "notes": notes or {}, "created": "2026-01-01T00:00:00.000Z", "updated": "2026-01-02T00:00:00.000Z"}


def import_text(page, text: str, name: str = "plans.json") -> None:
    page.locator("#guide-plans-import").set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}])


@pytest.mark.parametrize("district", DISTRICTS)
def test_three_plans_keep_their_own_ticks_dates_and_notes(served, context_for, district):
    site = served(district)
    context, requests = context_for(site)
    page = context.new_page()
    page.goto(site.url(CHECKLIST))
    ids = items(page)
    plans = {"Grade 11 at Kaiser": ("2027-03-15", ids[0:2]), "Grade 12 at the library": ("2027-04-20", ids[2:5]),
             "Spring group": ("2027-05-03", [ids[-1]])}
    for name, (date, chosen) in plans.items():
        new_plan(page, name, date)
        assert bar(page).locator(".guide-plan-status").inner_text() == labels(page)["plan_created"].replace(
            "{name}", name)
        assert ticked(page) == []  # a new plan starts empty
        for ident in chosen:
            tick(page, ident)

    page.reload()
    for name, (date, chosen) in plans.items():
        choose(page, name)
        assert sorted(ticked(page)) == sorted(chosen), name
        total = len(ids)
        assert page.locator(".guide-checklist-progress").inner_text() == \
            labels(page)["checklist_progress"].format(done=len(chosen), total=total)

    # The timeline shows each plan's own date and notes.
    page.goto(site.url(TIMELINE))
    firsts = {}
    for name, (date, _) in plans.items():
        choose(page, name)
        assert page.locator("form.guide-planner input[type=date]").input_value() == date
        firsts[name] = page.locator("time.guide-planner-due").last.get_attribute("datetime")
    assert len(set(firsts.values())) == 3
    choose(page, "Grade 12 at the library")
    note = page.locator(".guide-step-note input").nth(1)
    note.fill("Ask Ms Rivera about the room")
    note.press("Tab")
    page.reload()
    choose(page, "Grade 12 at the library")
    assert page.locator(".guide-step-note input").nth(1).input_value() == "Ask Ms Rivera about the room"
    choose(page, "Spring group")
    assert page.locator(".guide-step-note input").nth(1).input_value() == ""
    stored = kept(page, district)
    assert sorted(p["name"] for p in stored["plans"]) == sorted(plans)
    assert requests.refused == []


def test_delete_can_be_undone(served, context_for):
    site, page = opened(served, context_for, DISTRICTS[0], CHECKLIST)
    ids = items(page)
    new_plan(page, "Keep me")
    new_plan(page, "Delete me", "2027-02-01")
    tick(page, ids[1])
    bar(page).locator(".guide-plan-delete").focus()
    page.keyboard.press("Enter")
    words = labels(page)
    assert bar(page).locator(".guide-plan-status").inner_text() == words["plan_deleted"].replace("{name}", "Delete me")
    assert page.evaluate("() => document.activeElement.textContent") == words["plan_undo"]  # focus on Undo
    assert [p["name"] for p in kept(page, DISTRICTS[0])["plans"]] == ["Keep me"]
    page.keyboard.press("Enter")  # Undo
    assert sorted(p["name"] for p in kept(page, DISTRICTS[0])["plans"]) == ["Delete me", "Keep me"]
    choose(page, "Delete me")
    assert ticked(page) == [ids[1]]


def test_rename_and_change_the_date(served, context_for):
    site, page = opened(served, context_for, DISTRICTS[0], TIMELINE)
    new_plan(page, "First name", "2027-03-01")
    bar(page).locator(".guide-plan-edit").click()
    form = bar(page).locator(".guide-plan-form")
    assert form.locator("input[type=text]").input_value() == "First name"
    form.locator("input[type=text]").fill("Second name")
    form.locator("input[type=date]").fill("2027-06-01")
    form.locator("input[type=text]").press("Enter")
    assert page.locator("form.guide-planner input[type=date]").input_value() == "2027-06-01"
    [only] = kept(page, DISTRICTS[0])["plans"]
    assert (only["name"], only["date"]) == ("Second name", "2027-06-01")


def test_export_then_import_into_a_fresh_browser(served, context_for):
    """Several plans on two activities, exported, a fresh profile, imported: nothing lost."""
    district = DISTRICTS[0]
    site = served(district)
    context, _ = context_for(site, accept_downloads=True)
    page = context.new_page()
    page.goto(site.url(CHECKLIST))
    ids = items(page)
    new_plan(page, "Kaiser", "2027-03-15")
    tick(page, ids[0])
    new_plan(page, "Library", "2027-04-01")
    tick(page, ids[3])
    page.goto(site.url(f"{OTHER}/checklist/"))
    other = items(page)
    new_plan(page, "Shadow day", "2027-05-10")
    tick(page, other[2])
    page.goto(site.url(f"{OTHER}/timeline/"))
    page.locator(".guide-step-note input").first.fill("Bus at 8")
    page.locator(".guide-step-note input").first.press("Tab")
    before = kept(page, district)["plans"]
    assert len(before) == 3

    page.goto(site.url("plans/"))
    with page.expect_download() as info:
        page.locator(".guide-plans-export").click()
    assert info.value.suggested_filename.startswith(f"wbl-guide-plans-{district}-")
    exported = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert (exported["format"], exported["version"], exported["guide"]) == ("wbl-guide-plans", 1, district)
    assert exported["plans"] == before

    fresh, _ = context_for(site)  # another browser profile: empty storage
    elsewhere = fresh.new_page()
    elsewhere.goto(site.url("plans/"))
    assert elsewhere.locator(".guide-plans-none").is_visible()
    elsewhere.locator("#guide-plans-import").set_input_files(info.value.path())
    expect_text(elsewhere.locator(".guide-plans-status"),
                labels(elsewhere)["plans_imported"].format(added=3, updated=0, unchanged=0))
    assert kept(elsewhere, district)["plans"] == before
    assert elsewhere.locator(".guide-plan-card").count() == 3
    # The imported ticks and notes are there on the pages.
    elsewhere.goto(site.url(f"{OTHER}/timeline/"))
    assert elsewhere.locator(".guide-step-note input").first.input_value() == "Bus at 8"
    # Importing the same file again adds nothing.
    elsewhere.goto(site.url("plans/"))
    elsewhere.locator("#guide-plans-import").set_input_files(info.value.path())
    expect_text(elsewhere.locator(".guide-plans-status"),
                labels(elsewhere)["plans_imported"].format(added=0, updated=0, unchanged=3))
    assert len(kept(elsewhere, district)["plans"]) == 3


def test_an_import_merges_and_never_drops_a_plan(served, context_for):
    district = DISTRICTS[0]
    site, page = opened(served, context_for, district, "plans/")
    import_text(page, plan_file(district, [plan("pA", "Only here"), plan("pB", "Shared, older")]))
    newer = plan("pB", "Shared, newer")
    newer["updated"] = "2026-02-01T00:00:00.000Z"
    import_text(page, plan_file(district, [newer, plan("pC", "Only there")]))
    expect_text(page.locator(".guide-plans-status"),
                labels(page)["plans_imported"].format(added=1, updated=1, unchanged=0))
    names = sorted(p["name"] for p in kept(page, district)["plans"])
    assert names == ["Only here", "Only there", "Shared, newer"]


BAD_FILES = {
    "damaged": lambda district: plan_file(district, [plan("pX", "Half")])[:-20],
    "damaged-plan": lambda district: plan_file(district, [dict(plan("pX", "Bad"), date="31/12/2027")]),
    "newer": lambda district: plan_file(district, [plan("pX", "Future")], version=2),
    "not-plans": lambda district: json.dumps({"name": "a package.json", "version": "1.0.0"}),
    "other-guide": lambda district: plan_file("another-district", [plan("pX", "Theirs")]),
}
MESSAGES = {"damaged": "import_damaged", "damaged-plan": "import_damaged", "newer": "import_newer",
            "not-plans": "import_not_plans", "other-guide": "import_other_guide"}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_bad_file_is_refused_and_changes_nothing(served, context_for, kind):
    district = DISTRICTS[0]
    site, page = opened(served, context_for, district, "plans/")
    import_text(page, plan_file(district, [plan("pA", "Mine", "2027-01-10", ticks=["x1"])]))
    before = raw(page, district)
    import_text(page, BAD_FILES[kind](district))
    words = labels(page)
    expected = words[MESSAGES[kind]].format(version=2, guide="another-district")
    expect_text(page.locator(".guide-plans-failure"), expected)
    assert page.locator(".guide-plans-failure").get_attribute("role") == "alert"
    assert raw(page, district) == before
    page.reload()
    assert [card.inner_text().split("\n")[0] for card in page.locator(".guide-plan-card h2").all()] == ["Mine"]


def test_a_failed_save_is_reported(served, context_for):
    district = DISTRICTS[0]
    site, page = opened(served, context_for, district, CHECKLIST)
    ids = items(page)
    page.evaluate("""() => { Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); }; }""")
    tick(page, ids[0])
    failure = bar(page).locator(".guide-plan-failure")
    expect_text(failure, labels(page)["save_failed"])
    assert failure.get_attribute("role") == "alert"
    assert ticked(page) == [ids[0]]  # the change lasts for the visit
    assert raw(page, district) is None


def test_old_ticks_become_a_first_plan(served, context_for):
    district = DISTRICTS[0]
    site, page = opened(served, context_for, district, CHECKLIST)
    ids = items(page)
    page.evaluate("""([district, activity, ids]) => {
        localStorage.clear();
        for (const id of ids) localStorage.setItem(`wbl-guide:${district}:${activity}:${id}`, "1");
        localStorage.setItem(`wbl-guide:${district}:${activity}:planner:date`, "2027-03-31");
    }""", [district, ACTIVITY, [ids[0], ids[4]]])
    page.reload()
    assert sorted(ticked(page)) == sorted([ids[0], ids[4]])
    assert bar(page).locator("select option").all_inner_texts() == [labels(page)["plan_first"] + " (Wednesday, March 31, 2027)"]
    [first] = kept(page, district)["plans"]
    assert (first["activity"], first["date"], sorted(first["ticks"])) == (ACTIVITY, "2027-03-31",
                                                                        sorted([ids[0], ids[4]]))
    # The old keys stay, so an older copy of the guide still finds them.
    assert page.evaluate("(k) => localStorage.getItem(k)", f"wbl-guide:{district}:{ACTIVITY}:{ids[0]}") == "1"
    page.goto(site.url(TIMELINE))
    assert page.locator("form.guide-planner input[type=date]").input_value() == "2027-03-31"


def test_a_removed_item_shows_as_removed(served, context_for):
    """A tick whose item the guide no longer has is listed as removed, not dropped."""
    district = DISTRICTS[0]
    site, page = opened(served, context_for, district, CHECKLIST)
    ids = items(page)
    page.goto(site.url("plans/"))
    import_text(page, plan_file(district, [plan("pR", "Older plan", ticks=[ids[0], "retired-step"])]))
    card = page.locator(".guide-plan-card")
    assert "retired-step" in card.locator(".guide-plan-removed").inner_text()
    assert labels(page)["checklist_progress"].format(done=1, total=len(ids)) in card.inner_text()
    page.goto(site.url(CHECKLIST))
    assert "retired-step" in page.locator(".guide-checklist-removed").inner_text()
    assert ticked(page) == [ids[0]]
    tick(page, ids[1])  # a later change keeps the removed tick
    assert "retired-step" in kept(page, district)["plans"][0]["ticks"]


def test_my_plans_lists_the_soonest_next_step_first(served, context_for):
    district = DISTRICTS[1]
    site, page = opened(served, context_for, district, "plans/")
    today = dt.date.today()
    far, near = today + dt.timedelta(days=400), today + dt.timedelta(days=120)
    past = today - dt.timedelta(days=500)
    import_text(page, plan_file(district, [
        plan("p1", "Far event", far.isoformat()), plan("p2", "Zeta, long past", past.isoformat()),
        plan("p3", "Near event", near.isoformat(), activity=OTHER), plan("p4", "Alpha, no date")]))
    names = page.locator(".guide-plan-card h2").all_inner_texts()
    assert names == ["Near event", "Far event", "Alpha, no date", "Zeta, long past"]
    words = labels(page)
    cards = page.locator(".guide-plan-card")
    next_prefix = words["plan_next"].split("{")[0]
    assert cards.nth(0).locator(".guide-plan-next").inner_text().startswith(next_prefix)
    assert cards.nth(3).locator(".guide-plan-next").inner_text() == words["plan_all_past"]
    assert cards.nth(2).locator(".guide-plan-date").inner_text() == words["plan_no_date"]
    # Each card leads to its plan on the activity's pages.
    cards.nth(0).get_by_role("link", name=words["plan_open_checklist"]).click()
    assert page.url.endswith(f"/{OTHER}/checklist/?plan=p3")
    assert bar(page).locator("select").input_value() == "p3"


def printed_plan(served, context_for, date: str, ticked: int, step: int, note: str):
    """My plans of the default district, with one plan "Grade 11 at Kaiser" of ACTIVITY on
    `date` imported (its first `ticked` items checked, `note` on its step number `step`) and
    its Print button pressed: (page, the checklist's item ids)."""
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
    import_text(page, plan_file(district, [plan("pP", "Grade 11 at Kaiser", date, ticks=ids[:ticked],
                                                notes={steps[step]["id"]: note})]))
    page.locator(".guide-plan-print-button").click()
    assert page.evaluate("() => window.printed") == 1
    return page, ids


def test_a_plan_prints_on_one_page(served, context_for):
    from pypdf import PdfReader

    page, ids = printed_plan(served, context_for, "2027-03-15", ticked=3, step=1, note="Book the room")
    sheet = page.locator("section.guide-plan-print")
    assert sheet.locator("li").count() == len(ids)
    assert sheet.locator("li.guide-plan-ticked").count() == 3
    page.emulate_media(media="print")
    fills = page.evaluate("""() => Array.from(document.querySelectorAll('.guide-plan-print .guide-plan-box'),
        (box) => getComputedStyle(box).backgroundColor)""")
    assert fills.count("rgb(0, 0, 0)") == 3 and len(set(fills)) == 2  # filled boxes and empty ones
    pdf = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    assert len(pdf.pages) <= 2
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "Grade 11 at Kaiser" in text and "Informational Interview" in text
    assert "March 15, 2027" in text
    assert "Book the room" in text
    # Nothing of the site around it is printed.
    assert labels(page)["plans_export"] not in text


def test_the_ics_file_carries_the_plan_name(served, context_for):
    import icalendar

    site = served(DISTRICTS[0])
    context, _ = context_for(site, accept_downloads=True)
    page = context.new_page()
    page.goto(site.url(TIMELINE))
    new_plan(page, "Grade 11 at Kaiser", "2027-03-15")
    with page.expect_download() as info:
        page.locator("form.guide-planner button[type=submit]").click()
    calendar = icalendar.Calendar.from_ical(open(info.value.path(), "rb").read())
    assert str(calendar["X-WR-CALNAME"]).startswith("Grade 11 at Kaiser")
    assert all("Grade 11 at Kaiser" in str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


def test_every_plan_control_is_named_and_shows_focus(served, context_for):
    from playwright.sync_api import expect

    site, page = opened(served, context_for, DISTRICTS[0], TIMELINE)
    new_plan(page, "Focus test", "2027-03-15")
    for path in (TIMELINE, CHECKLIST, "plans/"):
        page.goto(site.url(path))
        controls = page.locator(".guide-plans :is(select, button, input, a):visible, "
                                ".guide-step-note input, .guide-my-plans :is(button, input, a):visible")
        assert controls.count() > 3
        for index in range(controls.count()):
            control = controls.nth(index)
            name = control.evaluate("(el) => el.labels && el.labels.length ? el.labels[0].textContent : "
                                    "el.getAttribute('aria-label') || el.textContent")
            assert name.strip(), control.evaluate("el => el.outerHTML")
            control.focus()
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
            if page.evaluate("() => document.activeElement") is None:
                continue
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", control.evaluate("el => el.outerHTML")
        expect(page.locator(".guide-plans select, .guide-my-plans input[type=file]").first).to_be_attached()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("district", DISTRICTS)
def test_no_axe_violations_with_plans_open(served, context_for, district, scheme):
    site = served(district)
    context, _ = context_for(site, color_scheme=scheme, viewport=PHONE, is_mobile=True, has_touch=True, routed=False)
    page = context.new_page()
    found = {}
    page.goto(site.url(CHECKLIST))
    new_plan(page, "Grade 11", "2027-03-15")
    tick(page, items(page)[0])
    bar(page).locator(".guide-plan-new").click()  # the form open
    found["checklist, form open"] = describe(scan(page))
    bar(page).locator(".guide-plan-cancel").click()
    bar(page).locator(".guide-plan-delete").click()  # the deleted message and Undo
    found["checklist, deleted"] = describe(scan(page))
    bar(page).locator(".guide-plan-undo").click()
    page.goto(site.url(TIMELINE))
    found["timeline"] = describe(scan(page))
    page.goto(site.url("plans/"))
    import_text(page, "{not json")
    found["my plans, refused file"] = describe(scan(page))
    assert not any(found.values()), "\n".join(f"{k}:\n{v}" for k, v in found.items() if v)


def expect_text(locator, text: str) -> None:
    from playwright.sync_api import expect

    expect(locator).to_have_text(text)
