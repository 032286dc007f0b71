"""One clear way in (issue 24, deliverable 2), on a phone-sized page of the session's built
site: before any check mark the plan tools say where check marks and dates are kept and how
to name the plan; the first check mark starts a plan and says so under the item checked, in
view; naming the work then keeps its check marks (the unnamed plan is renamed); clearing has
an Undo and no dialog; no empty unnamed plan is left behind."""

from __future__ import annotations

from .conftest import DISTRICTS
from .test_plans import CHECKLIST, PHONE, bar, items, kept, labels, ticked


def _in_view(locator) -> bool:
    return locator.evaluate("""(el) => { const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; }""")


def test_one_clear_way_in(served, context_for):
    from playwright.sync_api import expect

    district = DISTRICTS[0]
    site = served(district)
    context, requests = context_for(site, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site.url(CHECKLIST))
    words, ids = labels(page), items(page)
    plans = lambda: [p for p in (kept(page, district) or {"plans": []})["plans"]]  # noqa: E731

    # Before any mark: where marks and dates go, and the New plan form offered.
    intro = bar(page).locator(".guide-plan-intro")
    expect(intro).to_have_text(words["plan_intro"].replace("{new}", words["plan_new"])
                               .replace("{first}", words["plan_first"]))
    expect(bar(page).get_by_role("button", name=words["plan_new"])).to_be_visible()

    # The first mark, far down the list: a plan starts and it is said under the item, in view.
    item = page.locator(f"#{ids[-1]}")
    item.locator("label").tap()
    status = item.get_by_role("status")
    expect(status).to_have_text(words["plan_started"].replace("{name}", words["plan_first"]))
    assert _in_view(status)
    expect(intro).to_be_hidden()
    page.locator(f"#guide-tick-{ids[0]}").check()
    assert [(p["name"], sorted(p["ticks"])) for p in plans()] == [(words["plan_first"], sorted([ids[0], ids[-1]]))]

    # Naming it, from under the item: the marks stay, in the one plan, now named.
    item.get_by_role("button", name=words["plan_name_it"]).tap()
    form = bar(page).locator(".guide-plan-form")
    expect(form.locator(".guide-plan-form-title")).to_have_text(words["plan_name_it"])
    page.keyboard.type("Grade 11 at Kaiser")
    page.keyboard.press("Enter")
    assert [(p["name"], sorted(p["ticks"])) for p in plans()] == [("Grade 11 at Kaiser", sorted([ids[0], ids[-1]]))]
    assert sorted(ticked(page)) == sorted([ids[0], ids[-1]])
    expect(status).to_have_text("")

    # Clear all, then Undo: the marks come back; no dialog.
    bar(page).get_by_role("button", name=words["checklist_reset"]).click()
    assert ticked(page) == []
    bar(page).get_by_role("button", name=words["plan_undo"]).click()
    assert sorted(ticked(page)) == sorted([ids[0], ids[-1]])

    # Deleting the last plan leaves none, and the explanation is back.
    bar(page).get_by_role("button", name=words["plan_delete"]).click()
    assert plans() == []
    expect(intro).to_be_visible()

    # A mark then cleared leaves no empty "My plan" (and Undo brings it back).
    page.locator(f"#guide-tick-{ids[1]}").check()
    assert [p["name"] for p in plans()] == [words["plan_first"]]
    bar(page).get_by_role("button", name=words["checklist_reset"]).click()
    assert plans() == []
    bar(page).get_by_role("button", name=words["plan_undo"]).click()
    assert [(p["name"], p["ticks"]) for p in plans()] == [(words["plan_first"], [ids[1]])]
    page.locator(f"#guide-tick-{ids[1]}").uncheck()  # the only mark unchecked: no plan left
    assert plans() == []

    # "New plan" with the unnamed plan chosen names it: no second, empty plan.
    page.locator(f"#guide-tick-{ids[2]}").check()
    bar(page).get_by_role("button", name=words["plan_new"]).click()
    page.keyboard.type("Spring group")
    page.keyboard.press("Enter")
    assert [(p["name"], p["ticks"]) for p in plans()] == [("Spring group", [ids[2]])]
    assert dialogs == [] and requests.refused == []
