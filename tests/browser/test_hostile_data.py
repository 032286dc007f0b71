"""Data can never run script (issue #9), proved in the browser.

A district profile that is hostile but valid (data/districts/hostile.yml, written into a
copy of the project) puts text that is merely odd into every field a district controls:
entities written as text, quotes that try to leave an HTML attribute, `javascript:` as
words, a lone < and >, Markdown-looking characters, footnote and admonition syntax,
backticks and backslashes, look-alike characters, a very long word, a site name that tries
to leave the CSS string of the printed page's header, and a logo that is tricky but accepted.
Its site is built with its PDFs and served on 127.0.0.1, and every page is opened in Chromium:

- every element is hovered and focused (pointer, mouse and focus events and focus() on
  all of them; real pointer hovers over the visible ones that carry the data), the
  checklist and the planner are used, the data is searched for and the results hovered
  too, and no dialog ever opens;
- the DOM holds no on* attribute, no style attribute but Material's own, no script but the
  site's own, no frame or plug-in, and no address with a scheme other than http, https,
  mailto and tel; no request leaves the site, on screen or in print;
- what the reader sees is the text as written;
- every link of every PDF is http, https, mailto or tel, and nothing in them runs;
- the site's name and a handout's title, full of what ends a CSS string, a rule or a comment
  (all accepted as plain text), reach the printed page's header (overrides/main.html) and the
  PDFs' footers (overrides/print/document.html) as one CSS string each: the print stylesheet
  holds the same rules as a plain name's build, Chromium's CSSOM reads the name back, and a
  page printed to PDF by Chromium, like the PDFs WeasyPrint made, shows it as written;
- the logo (UTF-16, SVG under a prefix, style attributes and a style sheet) is shown in the
  header, and opened at its own address it runs nothing and calls no one.

The session's normal build of earn-and-learn (conftest.built) is the reference for the site's own
scripts and styles. The corpus of refused and escaped cases is tests/test_hostile_corpus.py.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import tinycss2
import yaml
from pypdf import PdfReader

from conftest import ROOT, Build, copy_project, run_build
from hostile import audit_site, inline_scripts, pdf_findings, pdf_uris, static_styles
from wbl_guide.data.logo import checked_logo

from .conftest import open_context, serving
from .test_hostile_logos import LOGO_PATH, SVG_NS, assert_runs_nothing
from .test_hostile_logos import visit as open_logo

DISTRICT = "hostile"

# Merely odd text, each shown as written. The numbers tell which one ran, if one ever did.
ENTITY = "&lt;script&gt;alert(101)&lt;/script&gt;"
NUMERIC = "&#106;avascript:alert(102)"
WORDS = "javascript:alert(103)"
DOUBLE = '" onmouseover="alert(104)'
SINGLE = "' onfocus='alert(105)' autofocus='"
LONE = "5 < 6 > 4"
MARKDOWN = "# * _ [x] ! {}"
LOOKALIKE = "＜script＞alert(106)＜/script＞ ｊａｖａｓｃｒｉｐｔ:alert(107)"
# Tries to end the CSS string of the printed page's running header (overrides/main.html).
CSS = '\\"; } body { background: url(https://evil.example/css.png) } x { content: "'
# What ends a declaration, a rule or a comment, or starts an at-rule: all plain text to the
# checks (only tags, template code and unknown placeholders are refused in a name).
CSS_NAME = "@import url(https://evil.example/i.css); */ /* : ;"
CSS_TITLE = "*/ } @import url(https://evil.example/t.css); /* \\ ; a:b { '"
LONG = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 8

SITE_NAME = f'Hostile "Guide" {SINGLE} {LONE} {ENTITY} {CSS} {CSS_NAME}'
HANDOUT_TITLE = f"Checklist sheet {DOUBLE} {CSS_TITLE}"  # in the print header and the PDF's footer
HANDOUT = "informational-interview/handouts/checklist-sheet/"
HANDOUT_PDF = "informational-interview/pdf/checklist-sheet.pdf"
PLANNER_TITLE_AS_READ = f"Plan for learners {DOUBLE}"  # with ${learners} filled in
CHECKLIST_RESET = f"Clear {SINGLE}"
PLAN_NEW = f"New {DOUBLE}"
PLAN_FIRST = f"First {SINGLE} {ENTITY}"
MY_PLANS = f"My plans {SINGLE}"

# Every field a district controls, over earn-and-learn's profile (its terms stay: a term's
# value must be plain words).
HOSTILE_FIELDS = {
    "name": f"Hostile {DOUBLE} District {ENTITY}",
    "site_name": SITE_NAME,
    "coordinator_note": (f'!!! note "x" Coordinators include {ENTITY} fans, {NUMERIC} readers, {WORDS} '
                         f"typists, `backticks`, back\\slashes, footnotes [^1], {LONE}, {LOOKALIKE} and "
                         "[a fine link](https://example.org/?a=1&b=2) for ${learners}."),
    "contacts": [
        {"id": "hostile-contact", "name": f"Dana \"DJ\" O'Neil {DOUBLE}", "role": f"{SINGLE} {NUMERIC}",
         "email": "dana.o'neil@example.org", "phone": f"+1 555 0100 {DOUBLE}"},
        {"id": "second-contact", "name": f"{MARKDOWN} {LOOKALIKE}", "role": ENTITY, "email": "help@example.org"},
    ],
    "labels": {
        "activities": f"Activities {MARKDOWN}",
        "contacts": f"Contacts {DOUBLE}",
        "local_resources": f"Local {SINGLE} resources",
        "handouts": f"Handouts {ENTITY}",
        "open_for_printing": f"Print {DOUBLE}",
        "download_pdf": f"PDF {SINGLE}",
        "contents": f"Contents {LONE}",
        "audience": f"For {DOUBLE}",
        "note": f"Note {SINGLE}",
        "checklist_progress": f"{{done}} of {{total}} {DOUBLE}",
        "checklist_reset": CHECKLIST_RESET,
        "checklist_reset_confirm": f"Sure? {ENTITY} {DOUBLE}",
        "planner_title": f"Plan for ${{learners}} {DOUBLE}",
        "planner_date": f"Date {SINGLE}",
        "planner_download": f"Download {WORDS} {DOUBLE}",
        # The plan scripts build their controls from labels too.
        "plan_new": PLAN_NEW,
        "plan_first": PLAN_FIRST,
        "my_plans": MY_PLANS,
        "plans_none": f"None {ENTITY} {DOUBLE}",
        "plan_next": f"Next {{step}} {SINGLE} {{date}}",
        "plans_export": f"Export {WORDS}",
    },
    "overrides": {
        "informational-interview": {
            "checklist": {"title": f"# Checklist *for* _you_ [x] ! {{}} {DOUBLE}", "nav_title": f"Checklist {SINGLE}"},
            "timeline": {"title": f"Timeline {ENTITY} {SINGLE}"},
            "definition": (f'!!! danger "Boo" An informational interview {ENTITY} {NUMERIC} {WORDS} [^1] '
                           f"`code` C:\\new {LOOKALIKE} {LONG}: see [the checklist](/informational-interview/checklist/) "
                           "and [a site](https://example.org/a_(b)?x=1&y=2)."),
            "careeronestop-videos": {"title": f"Videos {SINGLE}", "text": f"Watch {DOUBLE} {ENTITY}."},
            "two-months-before": {"when": f"Two months {DOUBLE}"},
            "checklist-sheet": {"title": HANDOUT_TITLE, "audience": f"{SINGLE} coordinators"},
            "timeline-interview-date": {"label": f"Date {DOUBLE}"},
            "complete-guide": {"title": f"Complete guide {SINGLE}", "text": f"Everything {ENTITY}."},
        },
    },
    # A district's legal wording publishes its consent and agreement forms: odd text there too.
    "legal": {
        "field-trip-permission": f'!!! danger "x" I agree {ENTITY} {NUMERIC} [a link](https://example.org/?a=1&b=2) {DOUBLE}',
        "job-shadow-permission": f"{WORDS} `code` {LOOKALIKE} {LONE} [^1]",
        "media-release": f"{SINGLE} {MARKDOWN} {CSS}",
        "internship-agreement": f"{DOUBLE} {NUMERIC} **bold** _it_ {CSS_TITLE}",
        "mentoring-consent": f"{ENTITY} {LONG}",
    },
    "notes": {
        "informational-interview": {
            "what-is-it": f"A note {DOUBLE} {ENTITY} {LOOKALIKE}",
            "before": f'!!! warning "x" before {SINGLE}',
            "identify-teachers": f"An item note {WORDS} [x] {MARKDOWN}",
            "two-months-before": f"A step note {DOUBLE}",
        },
    },
    "resources": [
        {"id": "hostile-resource", "title": f"Resource {DOUBLE} {ENTITY}",
         "url": "https://example.org/search?q=%22onmouseover%3Dalert(1)&x=1", "text": f"{SINGLE} {WORDS}"},
        {"id": "mail-resource", "title": f"Mail {SINGLE}", "url": "mailto:help@example.org?subject=Q%26A"},
        {"id": "phone-resource", "title": "Phone", "url": "tel:+1-555-0100"},
        {"id": "page-resource", "title": f"The checklist {DOUBLE}", "url": "/informational-interview/checklist/#before"},
    ],
    "logo": "logo.svg",
}

# The district's logo as an editor might export it: UTF-16 (big-endian, no byte order mark),
# SVG under a prefix, XLink under another, an editor's namespace, style attributes and a
# style sheet with properties that draw (and a cursor that is dropped), markup written as
# text, a handler's name in a data- attribute. Accepted, and published rebuilt.
LOGO_TITLE = "Hostile logo </title><script>alert(13)</script>"
LOGO_TEXT = '"};*/ <b>'
LOGO = f"""<?xml version="1.0" encoding="UTF-16"?>
<!-- an editor's export; <script>alert(11)</script> in a comment -->
<s:svg xmlns:s="{SVG_NS}" xmlns:x="http://www.w3.org/1999/xlink"
       xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
       viewBox="0 0 64 64" width="64" height="64" inkscape:version="1.3" data-onclick="alert(12)">
  <s:title>Hostile logo &lt;/title&gt;&lt;script&gt;alert(13)&lt;/script&gt;</s:title>
  <s:style><![CDATA[ #back {{ fill: url(#wash) }} /* svg {{ background: red }} */ ]]></s:style>
  <s:defs>
    <s:linearGradient id="wash" x:href="#base"/>
    <s:linearGradient id="base"><s:stop offset="0" style="stop-color:#0b5d3b;stop-opacity:1"/>
      <s:stop offset="1" stop-color="#0a5c8a"/></s:linearGradient>
  </s:defs>
  <s:rect id="back" width="64" height="64" inkscape:label="back"
          style="stroke:#ffffff;stroke-width:2;fill-opacity:.9;cursor:url(#wash),pointer"/>
  <s:g style="fill:#ffffff; font-family: 'DejaVu Sans', sans-serif">
    <s:text x="6" y="40" font-size="16">&quot;}};*/ &lt;b&gt;</s:text></s:g>
</s:svg>
""".encode("utf-16-be")

# Text that only data puts on a page: the elements holding it are hovered for real.
MARKERS = ["alert(", "onmouseover", "onfocus", "javascript", "＜", "evil.example"]
HOVER_TIMEOUT_MS = 1000
# Real pointer hovers cost a frame each: each kind of data-carrying element (tag and text) is
# hovered once in the site, at most this many a page. Synthetic events reach every element.
REAL_HOVERS_PER_PAGE = 3
# Searches whose results show the data (from the search index, rendered by Material).
SEARCHES = ("Dana", "checklist")
ALLOWED_PROTOCOLS = ("http:", "https:", "mailto:", "tel:")
# Material sets these inline styles itself as the page scrolls and resizes (its sidebars'
# offset and height, the back-to-top button's offset): (class, allowed properties).
MATERIAL_STYLES = {
    "md-sidebar": {"top"},
    "md-sidebar__scrollwrap": {"height"},
    "md-top": {"top"},
}


def profile() -> dict:
    base = yaml.safe_load((ROOT / "data" / "districts" / "earn-and-learn.yml").read_text(encoding="utf-8"))
    return {**base, **HOSTILE_FIELDS}


def profile_yaml() -> str:
    head = ("# yaml-language-server: $schema=../../schema/district.schema.json\n#\n"
            "# A hostile but valid profile: every field a district controls holds text that is\n"
            "# merely odd (written by tests/browser/test_hostile_data.py).\n\n")
    return head + yaml.safe_dump(profile(), allow_unicode=True, sort_keys=False, width=100000)


@dataclass
class Builds:
    hostile: Build
    reference: Build  # earn-and-learn without PDFs: the session's shared build (conftest.built)
    seconds: float

    def site(self) -> Path:
        if self.hostile.returncode != 0:
            pytest.fail(f"the hostile but valid profile did not build:\n{self.hostile.output[-4000:]}")
        return self.hostile.site


@pytest.fixture(scope="module")
def builds(tmp_path_factory, built) -> Builds:
    base = tmp_path_factory.mktemp("hostile-data")
    project = copy_project(base / "project")
    districts = project / "data" / "districts"
    (districts / f"{DISTRICT}.yml").write_text(profile_yaml(), encoding="utf-8")
    if (districts / "earn-and-learn").is_dir():  # its own files, if it has any
        shutil.copytree(districts / "earn-and-learn", districts / DISTRICT)
    (districts / DISTRICT).mkdir(exist_ok=True)
    (districts / DISTRICT / "logo.svg").write_bytes(LOGO)
    start = time.monotonic()
    # The reference is the unchanged project's earn-and-learn: adding a district to the copy
    # changes none of the other districts' pages.
    hostile = run_build(base / "site-hostile", DISTRICT, project=project, extra_env={"GUIDE_PDF": "1"})
    return Builds(hostile, built("earn-and-learn"), time.monotonic() - start)


# --- what the DOM may hold ----------------------------------------------------------------

PROVOKE = """() => {
  const mouse = ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'pointermove', 'mousemove',
                 'pointerout', 'pointerleave', 'mouseout', 'mouseleave'];
  const elements = Array.from(document.querySelectorAll('body *'));
  for (const el of elements) {
    for (const type of mouse) {
      const init = {bubbles: !/(enter|leave)$/.test(type), cancelable: true, composed: true, view: window};
      el.dispatchEvent(type.startsWith('pointer') ? new PointerEvent(type, init) : new MouseEvent(type, init));
    }
    el.dispatchEvent(new FocusEvent('focus', {composed: true}));
    el.dispatchEvent(new FocusEvent('focusin', {bubbles: true, composed: true}));
    try { el.focus({preventScroll: true}); } catch (e) {}
    el.dispatchEvent(new FocusEvent('blur', {composed: true}));
    el.dispatchEvent(new FocusEvent('focusout', {bubbles: true, composed: true}));
  }
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  return elements.length;
}"""

CANDIDATES = """(markers) => {
  const found = [];
  Array.from(document.querySelectorAll('body *')).forEach((el, index) => {
    const own = Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.data).join('');
    const attributes = Array.from(el.attributes).map((a) => a.value).join(' ');
    if (!markers.some((m) => own.includes(m) || attributes.includes(m))) return;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || style.display === 'none') return;
    found.push([index, el.tagName + '|' + (own.trim() || attributes).slice(0, 60)]);
  });
  return found;
}"""

FINDINGS = """(allowedProtocols) => {
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'data', 'poster', 'xlink:href', 'background',
                         'cite', 'ping', 'longdesc', 'manifest', 'codebase'];
  const forbidden = ['iframe', 'frame', 'frameset', 'embed', 'object', 'applet', 'base', 'portal'];
  const describe = (el) => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += '#' + el.id;
    const classes = el.getAttribute('class');
    if (classes) text += '.' + classes.trim().split(/\\s+/).join('.');
    return text;
  };
  const out = {handlers: [], styles: [], scripts: [], addresses: [], elements: [], printRules: []};
  for (const el of document.querySelectorAll('*')) {
    for (const attribute of Array.from(el.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) out.handlers.push(`${describe(el)} ${attribute.name}="${attribute.value}"`);
      if (name === 'style') out.styles.push({element: describe(el), classes: Array.from(el.classList),
                                             properties: Array.from(el.style), value: attribute.value});
      if (urlAttributes.includes(name)) {
        let protocol;
        try { protocol = new URL(attribute.value, document.baseURI).protocol; } catch (e) { protocol = 'unparseable'; }
        if (!allowedProtocols.includes(protocol)) out.addresses.push(`${describe(el)} ${attribute.name}="${attribute.value}"`);
      }
    }
    if (forbidden.includes(el.tagName.toLowerCase())) out.elements.push(describe(el));
    if (el.tagName === 'META' && (el.getAttribute('http-equiv') || '').toLowerCase() === 'refresh') out.elements.push('meta refresh');
  }
  for (const script of document.querySelectorAll('script')) {
    out.scripts.push(script.hasAttribute('src') ? {src: new URL(script.getAttribute('src'), document.baseURI).href}
                                                : {text: script.textContent, type: script.type});
  }
  // The print header's stylesheet (overrides/main.html): only @page rules, whatever the site name.
  for (const style of document.querySelectorAll('style')) {
    for (const rule of Array.from(style.sheet ? style.sheet.cssRules : [])) {
      if (!(rule instanceof CSSPageRule)) out.printRules.push(rule.cssText.slice(0, 200));
    }
  }
  return out;
}"""

SHOWN = """() => ({
  title: document.title,
  header: (document.querySelector('.md-header__topic .md-ellipsis') || {textContent: ''}).textContent.trim(),
  logo: (document.querySelector('.md-header__button.md-logo') || {getAttribute: () => null}).getAttribute('aria-label'),
  reset: (document.querySelector('.guide-checklist-reset') || {textContent: null}).textContent,
  newPlan: (document.querySelector('.guide-plan-new') || {textContent: null}).textContent,
  plan: (document.querySelector('.guide-plan-choose option:checked') || {textContent: null}).textContent,
  heading: (document.querySelector('article h1') || {firstChild: {textContent: null}}).firstChild.textContent,
  card: (document.querySelector('.guide-plan-card h2, .guide-plan-card h3') || {textContent: null}).textContent,
  legend: (document.querySelector('form.guide-planner legend') || {textContent: null}).textContent,
})"""


@dataclass
class Visit:
    """What opening every kind of page of the hostile site showed."""

    pages: list[str] = field(default_factory=list)
    sample: list[str] = field(default_factory=list)  # what Served.sample_paths chose
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    elements: list[str] = field(default_factory=list)
    print_rules: list[str] = field(default_factory=list)
    refused_requests: list[str] = field(default_factory=list)
    shown: dict[str, dict] = field(default_factory=dict)
    provoked: int = 0
    hovered: int = 0
    hover_misses: int = 0
    search_results: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # seconds spent, by step

    @contextlib.contextmanager
    def timed(self, step: str):
        start = time.monotonic()
        try:
            yield
        finally:
            self.timings[step] = self.timings.get(step, 0.0) + time.monotonic() - start


def reference_scripts(site: Path) -> set[str]:
    """The address paths of the scripts a normal build's pages load (e.g.
    /assets/javascripts/checklist.js), resolved from each page."""
    import re

    paths = set()
    for page in site.rglob("*.html"):
        address = "http://site/" + page.relative_to(site).as_posix()
        for source in re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', page.read_text(encoding="utf-8")):
            paths.add(urlsplit(urljoin(address, source)).path)
    return paths


def allowed_style(style: dict) -> bool:
    return any(cls in MATERIAL_STYLES and set(style["properties"]) <= MATERIAL_STYLES[cls]
               for cls in style["classes"]) and bool(style["properties"])


@pytest.fixture(scope="module")
def visit(builds, chromium) -> Visit:
    site = builds.site()
    own_scripts = reference_scripts(builds.reference.site)
    own_inline = inline_scripts(builds.reference.site)
    result = Visit()
    start = time.monotonic()
    with serving(DISTRICT, site) as served:
        context, requests = open_context(chromium, served.origin, accept_downloads=False)
        try:
            page = context.new_page()
            current = {"path": ""}

            def on_dialog(dialog):
                result.dialogs.append(f"{current['path']}: {dialog.type} {dialog.message!r}")
                dialog.dismiss()

            page.on("dialog", on_dialog)
            page.on("pageerror", lambda error: result.errors.append(f"{current['path']}: {error}"))
            seen: set[str] = set()

            def inspect(where: str) -> None:
                found = page.evaluate(FINDINGS, list(ALLOWED_PROTOCOLS))
                result.handlers.extend(f"{where}: {h}" for h in found["handlers"])
                result.styles.extend(f"{where}: {s['element']} style={s['value']!r}" for s in found["styles"]
                                     if not allowed_style(s))
                result.addresses.extend(f"{where}: {a}" for a in found["addresses"])
                result.elements.extend(f"{where}: {e}" for e in found["elements"])
                result.print_rules.extend(f"{where}: {r}" for r in found["printRules"])
                for script in found["scripts"]:
                    if "src" in script:
                        parts = urlsplit(script["src"])
                        if f"{parts.scheme}://{parts.netloc}" != served.origin or parts.path not in own_scripts:
                            result.scripts.append(f"{where}: a script from {script['src']}")
                    elif script["text"] not in own_inline:
                        result.scripts.append(f"{where}: an inline script {script['text'][:200]!r}")

            def hover_the_data() -> None:
                """Real pointer hovers over the visible elements that carry data, each kind
                of element once in the whole site (every element was focused already)."""
                candidates = []
                for index, signature in page.evaluate(CANDIDATES, MARKERS):
                    if signature not in seen and len(candidates) < REAL_HOVERS_PER_PAGE:
                        seen.add(signature)
                        candidates.append((index, signature))
                if not candidates:
                    return
                array = page.evaluate_handle(
                    "(indexes) => { const all = document.querySelectorAll('body *'); return indexes.map((i) => all[i]); }",
                    [index for index, _ in candidates])
                handles = [h.as_element() for h in array.get_properties().values()]
                for handle in handles:
                    try:
                        handle.hover(timeout=HOVER_TIMEOUT_MS, force=True)
                    except Exception:  # moved away or hidden meanwhile: the synthetic events ran
                        result.hover_misses += 1
                    result.hovered += 1
                array.dispose()

            checklists = set(served.pages_with("data-guide-checklist"))
            planners = set(served.pages_with("data-guide-planner"))
            result.sample = served.sample_paths()
            for path in result.sample:  # every kind of page; the static audit reads them all
                where = current["path"] = path or "home"
                result.pages.append(path)
                with result.timed("open"):
                    page.goto(served.url(path), wait_until="load")
                with result.timed("synthetic events"):
                    result.provoked += page.evaluate(PROVOKE)
                with result.timed("real hovers"):
                    hover_the_data()
                # The tools build their controls from the labels: use them too.
                if path in checklists:
                    page.locator("input.guide-tick").first.check()
                if path in planners:
                    page.locator("form.guide-planner input[type=date]").fill("2025-03-31")
                if path in ("", "informational-interview/checklist/", "informational-interview/timeline/"):
                    result.shown[path] = page.evaluate(SHOWN)
                if path == "":  # printed, the running header holds the site's name
                    page.emulate_media(media="print")
                    page.wait_for_timeout(200)
                    inspect(where + " (printed)")
                    page.emulate_media(media="screen")
                with result.timed("inspect"):
                    inspect(where)
                page.wait_for_timeout(20)  # anything a handler deferred
            # My plans again, now that the ticks above made plans: its cards show the data.
            where = current["path"] = "plans/ (with plans)"
            page.goto(served.url("plans/"), wait_until="load")
            result.provoked += page.evaluate(PROVOKE)
            hover_the_data()
            result.shown["plans/ (with plans)"] = page.evaluate(SHOWN)
            inspect(where)
            # Search shows the data again, from the search index: search for it.
            for query in SEARCHES:
                current["path"] = f"search for {query!r}"
                page.goto(served.url(""), wait_until="load")
                page.locator(".md-search__input").press_sequentially(query)
                page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0",
                                       timeout=30_000)
                result.search_results += page.locator(".md-search-result__item").count()
                result.provoked += page.evaluate(PROVOKE)
                hover_the_data()
                inspect(current["path"])
            page.wait_for_load_state("load")
        finally:
            result.refused_requests = list(requests.refused)
            context.close()
    result.seconds = time.monotonic() - start
    return result


# --- the tests ------------------------------------------------------------------------------

def test_the_hostile_profile_builds_with_its_pdfs(builds):
    site = builds.site()
    assert sorted(site.rglob("*.pdf")), "GUIDE_PDF=1 built no PDF"
    assert (site / "informational-interview" / "checklist" / "index.html").exists()


def test_every_page_was_opened_hovered_and_focused(builds, visit):
    print(f"builds {builds.seconds:.1f} s; visit {visit.seconds:.1f} s of which",
          {step: round(seconds, 1) for step, seconds in visit.timings.items()},
          f"{visit.hovered} real hovers ({visit.hover_misses} missed), {visit.provoked} elements provoked")
    assert visit.pages == visit.sample  # every kind of page; the static audit reads every page
    assert len(visit.pages) > 60
    assert visit.provoked > 100 * len(visit.pages)
    assert visit.hovered >= 10, "the data's own elements were hovered for real"
    assert visit.search_results > 0, "searching for the data found it"


def test_no_dialog_opens(visit):
    assert visit.dialogs == []


def test_no_event_handler_attribute(visit):
    assert visit.handlers == []


def test_no_style_attribute_from_data(builds, visit):
    assert visit.styles == [], "only Material sets inline styles"
    assert visit.print_rules == [], "the site's name left the print header's CSS string"


def test_only_the_sites_own_scripts(visit):
    assert visit.scripts == []


def test_links_and_embeds_use_allowed_schemes(visit):
    assert visit.addresses == []
    assert visit.elements == []


def test_no_request_leaves_the_site(visit):
    assert visit.refused_requests == []


def test_no_script_error(visit):
    assert visit.errors == []


def test_the_built_html_is_clean(builds):
    """The same rules read from the files, before any script runs."""
    site = builds.site()
    assert audit_site(site, allow_styles=static_styles(builds.reference.site)) == []
    assert inline_scripts(site) <= inline_scripts(builds.reference.site)


def test_words_reach_the_reader_as_written(visit):
    home = visit.shown[""]
    assert home["header"] == SITE_NAME
    assert home["logo"] == SITE_NAME
    assert SITE_NAME in home["title"]
    assert visit.shown["informational-interview/checklist/"]["reset"] == CHECKLIST_RESET
    assert visit.shown["informational-interview/checklist/"]["newPlan"] == PLAN_NEW
    assert visit.shown["informational-interview/checklist/"]["plan"] == PLAN_FIRST  # started by the tick
    assert visit.shown["plans/ (with plans)"]["heading"].strip() == MY_PLANS
    assert visit.shown["plans/ (with plans)"]["card"] == PLAN_FIRST
    assert visit.shown["informational-interview/timeline/"]["legend"] == PLANNER_TITLE_AS_READ


def test_pdf_links_use_allowed_schemes_and_nothing_runs(builds):
    pdfs = sorted(builds.site().rglob("*.pdf"))
    assert pdfs
    found = [f"{pdf.relative_to(builds.hostile.site)}: {finding}" for pdf in pdfs for finding in pdf_findings(pdf)]
    assert found == []
    # The check read the data's own links: the district's resources are in the complete guides.
    assert any("example.org/search" in uri for pdf in pdfs for uri in pdf_uris(pdf))


def test_pdf_titles_show_the_site_name_as_written(builds):
    site = builds.site()
    for pdf in sorted(site.rglob("*.pdf")):
        if pdf.relative_to(site).parts[0] == "es":
            continue  # the Spanish edition's site name is its own (translations: es: site_name:)
        title = PdfReader(pdf).metadata.title
        assert SITE_NAME in title, (pdf.name, title)


# --- the names in CSS, printed; the logo ----------------------------------------------------

PRINTED = ("", HANDOUT)  # the home page (the site's name) and a handout (its title too)
MARGIN = 16 / 25.4 * 72  # the printed pages' top and bottom margins (print.css, pdf.css), in points

# Every stylesheet of the page by address and rule count, and each inline <style> rule by rule.
STYLESHEETS = """() => {
  const describe = (rule) => ({type: rule.constructor.name, name: rule.name || rule.selectorText || '',
                               properties: rule.style ? Array.from(rule.style) : [],
                               content: rule.style ? rule.style.getPropertyValue('content') : '',
                               rules: rule.cssRules ? Array.from(rule.cssRules).map(describe) : []});
  return {
    sheets: Array.from(document.styleSheets).map((sheet) =>
      [sheet.href ? new URL(sheet.href).pathname : 'inline ' + (sheet.media.mediaText || 'all'), sheet.cssRules.length]),
    inline: Array.from(document.querySelectorAll('style')).map((style) =>
      ({media: style.media, rules: Array.from(style.sheet.cssRules).map(describe)})),
  };
}"""

HEADER_LOGO = """() => {
  const img = document.querySelector('.md-header__button.md-logo img');
  return img && {src: img.getAttribute('src'), complete: img.complete, width: img.naturalWidth};
}"""


@dataclass
class Printed:
    """The print stylesheet of each PRINTED page (the hostile site's and the reference's), what
    Chromium printed in its header, and the district's logo in the header and on its own."""

    styles: dict[str, dict] = field(default_factory=dict)
    reference: dict[str, dict] = field(default_factory=dict)
    headers: dict[str, list[str]] = field(default_factory=dict)  # each printed page's header, blanks removed
    logo: dict = field(default_factory=dict)
    logo_seen: dict = field(default_factory=dict)  # the logo opened at its own address
    dialogs: list[str] = field(default_factory=list)
    refused_requests: list[str] = field(default_factory=list)


def squeezed(text: str) -> str:
    """`text` without blanks: a printed line may break at any of them."""
    return "".join(text.replace("\x00", "").split())


def margin_text(pdf, top: bool) -> list[str]:
    """The text in each page's top (or bottom) margin of a PDF (a path or bytes), blanks removed."""
    found = []
    for sheet in PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf).pages:
        height, parts = float(sheet.mediabox.top), []

        def keep(text, cm, tm, _font, _size):
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if y > height - MARGIN if top else y < MARGIN:
                parts.append(text)

        sheet.extract_text(visitor_text=keep)
        found.append(squeezed("".join(parts)))
    return found


def css_string_value(css: str) -> str | None:
    """What a CSS value is when it is exactly one string, read back by a CSS parser; else None."""
    tokens = [token for token in tinycss2.parse_component_value_list(css) if token.type != "whitespace"]
    return tokens[0].value if len(tokens) == 1 and tokens[0].type == "string" else None


def margin_contents(style: dict) -> dict[str, str | None]:
    """The print <style>'s margin boxes and their content, read back as strings."""
    (printed,) = [inline for inline in style["inline"] if inline["media"] == "print"]
    (page_rule,) = printed["rules"]
    return {box["name"]: css_string_value(box["content"]) for box in page_rule["rules"]}


def shape(rules: list[dict]) -> list:
    """Rules without what their content says: the structure a name could only change by escaping."""
    return [(rule["type"], rule["name"], rule["properties"], shape(rule["rules"])) for rule in rules]


@pytest.fixture(scope="module")
def printed(builds, chromium) -> Printed:
    result = Printed()
    for name, site in (("hostile", builds.site()), ("reference", builds.reference.site)):
        with serving(name, site) as served:
            context, requests = open_context(chromium, served.origin)
            try:
                page = context.new_page()
                page.on("dialog", lambda dialog: (result.dialogs.append(dialog.message), dialog.dismiss()))
                for path in PRINTED:
                    page.goto(served.url(path), wait_until="load")
                    (result.styles if name == "hostile" else result.reference)[path] = page.evaluate(STYLESHEETS)
                    if name == "hostile":
                        result.headers[path] = margin_text(page.pdf(), top=True)  # print media, as a reader prints
                        if path == "":
                            result.logo = page.evaluate(HEADER_LOGO)
            finally:
                result.refused_requests += requests.refused
                context.close()
    result.logo_seen = open_logo(chromium, builds.site(), LOGO_PATH)
    return result


def test_the_print_stylesheet_holds_the_same_rules_as_a_plain_names(printed):
    for path in PRINTED:
        hostile, reference = printed.styles[path], printed.reference[path]
        assert hostile["sheets"] == reference["sheets"], path  # every stylesheet, rule count for rule count
        assert [shape(s["rules"]) for s in hostile["inline"]] == [shape(s["rules"]) for s in reference["inline"]]
        assert [s["media"] for s in hostile["inline"]] == ["print"]


def test_the_print_header_reads_each_name_back_as_one_string(printed):
    home, handout = margin_contents(printed.styles[""]), margin_contents(printed.styles[HANDOUT])
    assert home == {"top-left": SITE_NAME, "top-right": margin_contents(printed.reference[""])["top-right"]}
    assert handout["top-left"] == SITE_NAME
    assert handout["top-right"] is not None and handout["top-right"].startswith(HANDOUT_TITLE + " ")


def test_chromium_prints_the_names_as_written_in_the_page_header(printed):
    for path in PRINTED:
        assert printed.headers[path], "Chromium printed no page"
        for header in printed.headers[path]:
            assert squeezed(SITE_NAME) in header, (path, header)
    assert all(squeezed(HANDOUT_TITLE) in header for header in printed.headers[HANDOUT])


def test_printing_opens_no_dialog_and_calls_no_one(printed):
    assert printed.dialogs == []
    assert printed.refused_requests == [], "a request left the site"


def test_the_pdf_footers_show_the_names_as_written(builds):
    footers = margin_text(builds.site() / HANDOUT_PDF, top=False)
    assert footers
    for footer in footers:
        assert squeezed(SITE_NAME) in footer and squeezed(HANDOUT_TITLE) in footer, footer


def test_the_logo_is_published_rebuilt_and_shown_in_the_header(builds, printed):
    assert (builds.site() / LOGO_PATH).read_bytes() == checked_logo("logo.svg", LOGO).data
    assert printed.logo["src"].endswith(LOGO_PATH), printed.logo
    assert printed.logo["complete"] and printed.logo["width"] == 64  # drawn, at its own size


def test_the_logo_opened_at_its_own_address_runs_nothing(printed):
    assert_runs_nothing(printed.logo_seen)
    state = printed.logo_seen["state"]
    assert state["title"] == LOGO_TITLE and state["text"] == [LOGO_TEXT]  # markup written as text stays text
    assert state["width"] == 64  # and the drawing is there
