"""WCAG 2.1 AA in a real browser: axe-core finds nothing on any page of any district, in the
light and dark schemes, on a phone's width, and with the checklist and planner in use; the
skip link comes first; every keyboard stop shows its focus; every control has a name."""

from __future__ import annotations

import re

import pytest

from .axe import SETTLE, describe, scan
from .conftest import DISTRICTS

SCHEMES = ["light", "dark"]
PHONE = {"width": 375, "height": 740}


def violations_on(page, url: str) -> str:
    page.goto(url)
    return describe(scan(page))


def report(found: dict[str, str]) -> str:
    """Every place with violations, and what they are, for the assertion message."""
    return "\n".join(f"{where or 'home page'}:\n  " + text.replace("\n", "\n  ")
                     for where, text in found.items() if text)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("district", DISTRICTS)
def test_no_violations_on_any_page(served, context_for, district, scheme):
    """Every kind of page of every activity for the default district in the light scheme
    (Served.sample_paths); one page of each kind for the rest of the matrix
    (Served.kind_paths): the pages share their templates, so scanning them all again with
    other words or colors finds nothing new."""
    site = served(district)
    context, _ = context_for(site, color_scheme=scheme, routed=False)
    page = context.new_page()
    paths = site.sample_paths() if (district, scheme) == ("earn-and-learn", "light") else site.kind_paths()
    assert len(paths) > 10
    found = {path: violations_on(page, site.url(path)) for path in paths}
    assert not report(found), report(found)


def test_a_scan_waits_until_the_navigation_is_sized(served, context_for):
    """axe reads colors as drawn, so it must not run before Material has sized the sidebar:
    until then the navigation of a short page hangs over the footer, and one CI run's axe
    read the footer's color behind the sidebar's links of this handout page. The page is
    made tall and short again in the browser, so the race is lost every time, not now and
    then as after a load."""
    site = served("earn-and-learn")
    context, _ = context_for(site, routed=False)
    page = context.new_page()
    page.goto(site.url("job-shadow/handouts/hours-sign-off/"))
    sidebar_bottom, footer_top = page.evaluate("""async () => {
        const settle = %s;
        const tall = document.createElement('div');
        tall.style.height = '3000px';
        document.querySelector('.md-content').append(tall);
        for (let i = 0; i < 10; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
        tall.remove();
        await settle();  // in the same round trip as the measuring, as the scan runs axe
        return [document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').getBoundingClientRect().bottom,
                document.querySelector('.md-footer').getBoundingClientRect().top];
    }""" % SETTLE)
    assert footer_top < page.viewport_size["height"], "the page is no longer short enough to show this"
    assert sidebar_bottom <= footer_top


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("district", DISTRICTS)
def test_no_violations_on_a_phone_or_with_the_tools_in_use(served, context_for, district, scheme):
    """Every checklist and timeline of the default district in the light scheme; one of
    each for the rest of the matrix, as in the sweep above: the checklists share one
    template and one script, and the timelines another, so scanning each of them again
    with other words or colors finds nothing new."""
    site = served(district)
    phone, _ = context_for(site, color_scheme=scheme, viewport=PHONE, is_mobile=True, has_touch=True, routed=False)
    page = phone.new_page()
    checklists, timelines = site.pages_with("data-guide-checklist"), site.pages_with("data-guide-planner")
    if (district, scheme) != ("earn-and-learn", "light"):
        checklists, timelines = checklists[:1], timelines[:1]
    assert checklists and timelines
    found = {}
    for path in ["", *checklists, *timelines]:
        found[f"phone {path}"] = violations_on(page, site.url(path))
    page.goto(site.url(""))
    page.locator("label.md-header__button[for='__drawer']").click()  # the navigation drawer
    page.locator(".md-sidebar--primary").wait_for(state="visible")
    found["phone, navigation open"] = describe(scan(page))

    desktop, _ = context_for(site, color_scheme=scheme, routed=False)
    page = desktop.new_page()
    for path in checklists:
        page.goto(site.url(path))
        page.locator("input.guide-tick").nth(1).check()
        page.locator("input.guide-tick").nth(2).focus()
        found[f"ticked {path}"] = describe(scan(page))
    for path in timelines:
        page.goto(site.url(path))
        page.locator("form.guide-planner input[type=date]").fill("2025-03-31")
        page.locator("form.guide-planner button").focus()
        found[f"planned {path}"] = describe(scan(page))
    page.goto(site.url(""))
    page.locator(".md-search__input").press_sequentially("interview")  # results open over the page
    page.wait_for_function("""() => document.querySelectorAll('.md-search-result__item').length > 0
        && getComputedStyle(document.querySelector('.md-search__output')).opacity === '1'""")  # faded in
    found["search results"] = describe(scan(page))
    assert not report(found), report(found)


@pytest.mark.parametrize("district", DISTRICTS)
def test_the_skip_link_comes_first_and_skips(served, context_for, district):
    site = served(district)
    context, _ = context_for(site, routed=False)
    page = context.new_page()
    page.goto(site.url("informational-interview/checklist/"))
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("class").split()[0] == "md-skip"
    page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["width"] > 40, box
    assert skip.inner_text().strip() == "Skip to content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the next stop is inside the page's content, past the header and menu
    assert page.evaluate("() => !!document.activeElement.closest('.md-content')")


FOCUSED = """() => {
    const element = document.activeElement;
    let shown = element;
    const size = (e) => { const r = e.getBoundingClientRect(); return r.width * r.height; };
    if (size(element) < 4) {  // a hidden input (the color toggle) shows focus on its label
        const labels = Array.from(element.labels || []).filter((label) => size(label) >= 4);
        if (labels.length) shown = labels[0];
    }
    const r = shown.getBoundingClientRect();
    return {tag: element.tagName, what: (element.getAttribute("aria-label") || element.textContent || element.className)
              .trim().replace(/\\s+/g, " ").slice(0, 40),
            key: element.id || element.outerHTML.slice(0, 200) + Array.from(document.querySelectorAll("*")).indexOf(element),
            x: r.left, y: r.top, width: r.width, height: r.height};
}"""


def keyboard_stops(page, limit: int = 200):
    """Tab through the page; for each stop, a picture of it focused and after blur()."""
    seen, last = set(), None
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop["key"] == last:  # Tab moves between a date field's day, month and year
            continue
        if stop["tag"] == "BODY" or stop["key"] in seen:
            return
        seen.add(stop["key"])
        last = stop["key"]
        viewport = page.viewport_size
        x, y = max(stop["x"] - 8, 0), max(stop["y"] - 8, 0)
        width = min(stop["x"] + stop["width"] + 8, viewport["width"]) - x
        height = min(stop["y"] + stop["height"] + 8, viewport["height"]) - y
        if width <= 0 or height <= 0:
            yield stop, None, None
            continue
        clip = {"x": x, "y": y, "width": width, "height": height}
        focused = page.screenshot(clip=clip, animations="disabled")
        page.evaluate("() => document.activeElement.blur()")
        yield stop, focused, page.screenshot(clip=clip, animations="disabled")
    raise AssertionError(f"more than {limit} keyboard stops")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", ["", "informational-interview/checklist/", "informational-interview/timeline/"])
def test_every_keyboard_stop_shows_focus(served, context_for, path, scheme):
    site = served(DISTRICTS[0])
    context, _ = context_for(site, color_scheme=scheme, viewport={"width": 1280, "height": 800}, routed=False)
    page = context.new_page()
    page.goto(site.url(path))
    if "timeline" in path:  # with the steps' dates showing (the planner remembers the date)
        page.locator("form.guide-planner input[type=date]").fill("2025-03-31")
        page.reload()
    stops = list(keyboard_stops(page))
    assert len(stops) > 10
    unseen = [f"{stop['tag']} {stop['what']!r}" for stop, focused, blurred in stops
              if focused is None or focused == blurred]
    assert unseen == []


def test_every_control_has_a_name(served, context_for):
    site = served(DISTRICTS[0])
    context, _ = context_for(site, routed=False)
    page = context.new_page()
    for path in site.pages_with("data-guide-checklist") + site.pages_with("data-guide-planner"):
        page.goto(site.url(path))
        controls = page.locator("article input, article button, article select, article textarea")
        # Every control's name and markup in one call, not two round trips per control.
        named = controls.evaluate_all("""(controls) => controls.map((control) => [control.labels && control.labels.length
            ? control.labels[0].innerText : (control.getAttribute('aria-label') || control.innerText), control.outerHTML])""")
        assert len(named) > 0
        for name, markup in named:
            assert re.search(r"\w", name or ""), markup
