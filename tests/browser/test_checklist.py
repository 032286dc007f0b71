"""Checklists that remember: on each checklist page every item becomes a tick box, kept in the
browser by the item's id in the chosen plan (plans.js; many plans: test_plans.py), with
progress, a reset, keyboard use, empty boxes in print, and the plain list without JavaScript."""

from __future__ import annotations

import re

import pytest

from conftest import article

from .conftest import DISTRICTS


def checklist_pages(site) -> list[str]:
    pages = site.pages_with("data-guide-checklist")
    assert pages, f"{site.district}: no page has a checklist"
    return pages


def checklist_items(site, path: str) -> tuple[str, list[str]]:
    """(activity id, ids of the items) as the built HTML lists them after the checklist's tools."""
    html = article(site.html(path))
    tools = re.search(r'<div class="guide-checklist" data-guide-checklist [^>]*data-activity="([^"]+)"', html)
    lists = re.findall(r'<ul class="guide-list[^"]*"[^>]*>(.*?)</ul>', html[tools.end():], re.S)
    return tools.group(1), [ident for block in lists for ident in re.findall(r'<li id="([^"]+)"', block)]


def ticks(page, district: str, activity: str) -> list[str]:
    """The ticks kept for the activity's plans in the browser's storage."""
    return page.evaluate("""([district, activity]) => {
        const kept = JSON.parse(localStorage.getItem(`wbl-guide:${district}:plans`) || '{"plans": []}');
        return kept.plans.filter((plan) => plan.activity === activity).flatMap((plan) => plan.ticks);
    }""", [district, activity])


@pytest.mark.parametrize("district", DISTRICTS)
def test_ticks_survive_a_reload_and_show_progress(served, context_for, district):
    from playwright.sync_api import expect

    site = served(district)
    context, requests = context_for(site, routed=False)
    page = context.new_page()
    for path in checklist_pages(site):
        activity, items = checklist_items(site, path)
        assert len(items) >= 4, items
        page.goto(site.url(path))
        boxes = page.locator("input.guide-tick")
        assert boxes.count() == len(items)
        progress = page.locator(".guide-checklist-progress")
        assert progress.inner_text() == f"0 of {len(items)} done"

        chosen = [items[0], items[2], items[-1]]
        for ident in chosen:  # by clicking the item's words, as a reader would
            page.locator(f"#{ident} label").click()
        page.locator(f"#guide-tick-{items[1]}").focus()  # and one by keyboard
        page.keyboard.press("Space")
        chosen.append(items[1])
        # The first mark starts a plan and says so under the item (plans.js): waited for,
        # on a busy machine, as a reader's eyes would; a lost mark still fails here.
        expect(progress).to_have_text(f"4 of {len(items)} done")

        page.reload()
        ticked = [ident for ident in items if page.locator(f"#guide-tick-{ident}").is_checked()]
        assert sorted(ticked) == sorted(chosen)
        assert page.locator(".guide-checklist-progress").inner_text() == f"4 of {len(items)} done"
        assert sorted(ticks(page, district, activity)) == sorted(chosen)

        page.locator(f"#guide-tick-{items[0]}").focus()  # untick by keyboard: forgotten too
        page.keyboard.press("Space")
        page.reload()
        assert not page.locator(f"#guide-tick-{items[0]}").is_checked()
        assert items[0] not in ticks(page, district, activity)
    assert requests.refused == []


@pytest.mark.parametrize("district", DISTRICTS)
def test_reset_clears_every_tick_with_undo_and_no_dialog(served, context_for, district):
    site = served(district)
    context, _ = context_for(site)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    path = checklist_pages(site)[0]
    activity, items = checklist_items(site, path)
    page.goto(site.url(path))
    reset = page.get_by_role("button", name="Clear all check marks")
    assert reset.is_disabled()  # nothing to clear yet
    assert reset.locator("xpath=..").get_attribute("class") == "guide-plan-actions"  # with the plan tools
    for ident in items[:3]:
        page.locator(f"#guide-tick-{ident}").check()
    page.locator(".guide-plan-new").click()  # name the work: the marks stay in it
    page.keyboard.type("Spring group")
    page.keyboard.press("Enter")

    reset.click()
    assert page.locator("input.guide-tick:checked").count() == 0
    assert page.locator(".guide-checklist-progress").inner_text() == f"0 of {len(items)} done"
    assert page.locator(".guide-plan-status").inner_text() == "Cleared 3 check marks."
    undo = page.get_by_role("button", name="Undo")
    assert page.evaluate("() => document.activeElement.textContent") == "Undo"
    undo.click()
    assert page.locator("input.guide-tick:checked").count() == 3
    assert page.locator(".guide-plan-status").inner_text() == "Brought back 3 check marks."
    assert undo.is_hidden()

    reset.click()
    page.reload()
    assert page.locator("input.guide-tick:checked").count() == 0
    assert ticks(page, district, activity) == []
    assert dialogs == []


def test_each_box_is_named_by_its_item(served, context_for):
    from playwright.sync_api import expect

    site = served(DISTRICTS[0])
    context, _ = context_for(site)
    page = context.new_page()
    path = checklist_pages(site)[0]
    _, items = checklist_items(site, path)
    page.goto(site.url(path))
    for ident in items:
        words = " ".join(page.locator(f"#{ident} label").inner_text().split())
        expect(page.locator(f"#guide-tick-{ident}")).to_have_accessible_name(words)
        assert page.locator(f"#guide-tick-{ident}").evaluate("box => box.tabIndex") == 0


def printed_box(page, ident: str) -> dict:
    """The box drawn before an item in print, and where it is on the page."""
    return page.evaluate("""(id) => {
        const item = document.getElementById(id), mark = getComputedStyle(item, "::before");
        const r = item.getBoundingClientRect();
        return {content: mark.content, width: parseFloat(mark.width), style: mark.borderTopStyle,
                left: r.left + scrollX, top: r.top + scrollY};
    }""", ident)


@pytest.mark.parametrize("javascript", [True, False], ids=["enhanced", "without-javascript"])
def test_checklist_prints_as_empty_boxes(served, context_for, javascript):
    site = served(DISTRICTS[0])
    context, _ = context_for(site, java_script_enabled=javascript)
    page = context.new_page()
    path = checklist_pages(site)[0]
    _, items = checklist_items(site, path)
    page.goto(site.url(path))
    page.emulate_media(media="print")
    assert page.locator(".guide-checklist").is_hidden()
    assert page.locator("input.guide-tick:visible").count() == 0
    for ident in items:
        box = printed_box(page, ident)
        assert box["content"] == '""' and box["width"] > 8 and box["style"] == "solid", (ident, box)
    if not javascript:
        return
    # The same item, ticked and not, prints the same pixels: an empty box.
    box = printed_box(page, items[0])
    clip = {"x": round(box["left"]) - 30, "y": round(box["top"]), "width": 30, "height": 20}
    tick = page.locator(f"#guide-tick-{items[0]}")
    shots = []
    for ticked in (True, False):
        tick.evaluate("(box, ticked) => { box.checked = ticked; box.dispatchEvent(new Event('change')); }", ticked)
        assert tick.is_checked() == ticked
        shots.append(page.screenshot(clip=clip, full_page=True))
    assert shots[0] == shots[1], "a ticked item prints differently from an empty one"


def test_without_javascript_the_checklist_is_the_plain_list(served, context_for):
    site = served(DISTRICTS[0])
    context, requests = context_for(site, java_script_enabled=False)
    page = context.new_page()
    path = checklist_pages(site)[0]
    _, items = checklist_items(site, path)
    page.goto(site.url(path))
    assert page.locator(".guide-checklist").is_hidden()
    assert page.locator("input").filter(has=page.locator(".guide-tick")).count() == 0
    assert page.locator("input.guide-tick").count() == 0
    for ident in items:
        assert page.locator(f"li#{ident}").is_visible()
