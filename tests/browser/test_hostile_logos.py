"""A logo cannot run or call out, proved in Chromium (issue #20: logos that cannot run).

A small site (the valid fixture's district alpha) is built with a logo that is benign but
tricky: UTF-16 with a DOCTYPE, editor metadata, a script in a comment and in CDATA text,
markup written as text, a style sheet whose comment names another host, attributes a
browser would follow (xml:base, cursor) that the rebuild drops. The published logo is then
opened at its own address on the served site, where an SVG document runs at the site's
origin, and the home page that shows it in its header: no dialog opens, no script or
handler is in the document, and no request leaves the site.

The same detectors are shown to work: hostile logos served as their authors wrote them,
beside the site, do open dialogs or call another host. Every hostile variant of
tests/test_logo_safety.py and of the corpus is refused by the check (in-process), never built.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_build
from hostile import HOSTILE as CORPUS, VALID, add_project
from test_logo_safety import HOSTILE

from wbl_guide.data.logo import checked_logo

from .conftest import open_context, serving

SVG_NS = "http://www.w3.org/2000/svg"
LOGO_PATH = "assets/district/logo.svg"
TITLE = "Logo <script>alert(4)</script> javascript:alert(5)"

TRICKY = f"""<?xml version="1.0" encoding="UTF-16"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- <script>alert(1)</script> -->
<svg xmlns="{SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
     xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
     viewBox="0 0 64 64" width="64" height="64" xml:base="https://tracker.example/" data-onload="alert(2)">
  <sodipodi:namedview pagecolor="#ffffff" inkscape:zoom="1"/>
  <metadata><rdf:RDF><rdf:Description rdf:about="https://tracker.example/meta"/></rdf:RDF></metadata>
  <title>Logo &lt;script&gt;alert(4)&lt;/script&gt; javascript:alert(5)</title>
  <style><![CDATA[ .a {{ fill: url(#g) }} /* svg {{ background: url(https://tracker.example/c.png) }} */ ]]></style>
  <defs>
    <linearGradient id="g"><stop offset="0" stop-color="#0b5d3b"/><stop offset="1" stop-color="#0a5c8a"/></linearGradient>
    <symbol id="dot" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#ffffff"/></symbol>
  </defs>
  <rect id="back" class="a" width="64" height="64" cursor="url(https://tracker.example/cursor.png), auto"/>
  <use xlink:href="#dot" x="8" y="8" width="16" height="16"/>
  <text x="4" y="60" font-family="'DejaVu Sans'" font-size="6"><![CDATA[</text><script>alert(6)</script>]]></text>
</svg>
""".encode("utf-16")

# Hostile logos as their authors wrote them, and what each does when a browser opens it at
# its own address: the detectors below must see it.
RAW = {
    "prefixed-script.svg": (f'<svg xmlns="{SVG_NS}" xmlns:s="{SVG_NS}"><s:script>alert("raw")</s:script></svg>',
                            "dialog"),
    "xhtml-script.svg": (f'<svg xmlns="{SVG_NS}"><h:script xmlns:h="http://www.w3.org/1999/xhtml">'
                         'alert("raw")</h:script></svg>', "dialog"),
    "utf16-script.svg": (f'\ufeff<svg xmlns="{SVG_NS}"><script>alert("raw")</script></svg>', "dialog"),
    "image-set.svg": (f'<svg xmlns="{SVG_NS}" width="10" height="10"><style>svg {{ background-image: '
                      'image-set("https://tracker.example/p.png" 1x) }</style><rect width="10" height="10"/></svg>',
                      "request"),
}

PAGE_STATE = """() => ({
  scripts: document.getElementsByTagNameNS('*', 'script').length,
  foreign: document.getElementsByTagNameNS('*', 'foreignObject').length,
  handlers: [...document.getElementsByTagName('*')].flatMap(e => [...e.attributes])
             .filter(a => a.localName.toLowerCase().startsWith('on')).map(a => a.name),
  root: document.documentElement.namespaceURI + ' ' + document.documentElement.localName,
  title: document.title,
  width: document.getElementById('back') ? document.getElementById('back').getBBox().width : null,
  text: [...document.getElementsByTagNameNS('*', 'text')].map(t => t.textContent),
})"""


@pytest.fixture(scope="module")
def logo_site(tmp_path_factory) -> Path:
    """The valid fixture's district alpha with the tricky logo, built (no PDFs), plus the raw
    hostile logos written beside the site's files."""
    base = tmp_path_factory.mktemp("hostile-logos")
    root = base / "project"
    shutil.copytree(VALID, root)
    profile = root / "data/districts/alpha.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "logo: logo.svg\n", encoding="utf-8")
    (root / "data/districts/alpha").mkdir()
    (root / "data/districts/alpha/logo.svg").write_bytes(TRICKY)
    add_project(root)
    build = run_build(base / "site", "alpha", project=root)
    assert build.returncode == 0, build.output[-3000:]
    raw = build.site / "raw"
    raw.mkdir()
    for name, (text, _) in RAW.items():
        (raw / name).write_bytes(text.encode("utf-16" if name.startswith("utf16") else "utf-8"))
    return build.site


def visit(chromium, site: Path, path: str) -> dict:
    """Open `path` of the served site: its document's state, the dialogs and the requests.
    (tests/browser/test_hostile_data.py opens its own district's logo with it too.)"""
    with serving("logo", site) as served:
        context, requests = open_context(chromium, served.origin)
        try:
            page = context.new_page()
            dialogs: list[str] = []
            errors: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(served.url(path), wait_until="load")
            page.wait_for_timeout(300)  # for anything the document starts once loaded
            state = page.evaluate(PAGE_STATE) if path.endswith(".svg") else {}
            made = list(requests.made)
        finally:
            context.close()
    return {"state": state, "dialogs": dialogs, "errors": errors, "made": made, "refused": requests.refused,
            "origin": served.origin}


def assert_runs_nothing(seen: dict) -> None:
    """What visit() saw of a logo opened at its own address: no dialog or error, no request
    out of the site, an SVG document without script, embedded HTML or handler."""
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert seen["refused"] == [], "a request left the site"
    assert all(url.startswith(seen["origin"] + "/") for url in seen["made"]), seen["made"]
    state = seen["state"]
    assert state["root"] == f"{SVG_NS} svg"
    assert state["scripts"] == 0 and state["foreign"] == 0 and state["handlers"] == []


def test_the_tricky_logo_builds_and_is_published_rebuilt(logo_site):
    published = (logo_site / LOGO_PATH).read_bytes()
    assert published == checked_logo("logo.svg", TRICKY).data
    assert published.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')  # UTF-8 now, no DOCTYPE
    for gone in (b"tracker.example", b"<!--", b"metadata", b"inkscape", b"xml:base", b"cursor", b"data-onload"):
        assert gone not in published, gone
    assert '<img src="assets/district/logo.svg"' in (logo_site / "index.html").read_text(encoding="utf-8")


def test_the_logo_opened_at_its_own_address_runs_nothing_and_calls_no_one(chromium, logo_site):
    seen = visit(chromium, logo_site, LOGO_PATH)
    assert_runs_nothing(seen)
    state = seen["state"]
    assert state["title"] == TITLE  # markup written as text is shown as text
    assert state["text"] == ["</text><script>alert(6)</script>"]
    assert state["width"] == 64  # and the drawing is there


def test_the_home_page_shows_the_logo_and_calls_no_one(chromium, logo_site):
    seen = visit(chromium, logo_site, "")
    assert seen["dialogs"] == []
    assert seen["refused"] == [], "a request left the site"
    assert any(url.endswith("/" + LOGO_PATH) for url in seen["made"])


@pytest.mark.parametrize("name", sorted(RAW))
def test_the_detectors_see_a_raw_hostile_logo(chromium, logo_site, name):
    """Control: what the tests above look for does happen with a logo as its author wrote it."""
    seen = visit(chromium, logo_site, f"raw/{name}")
    if RAW[name][1] == "dialog":
        assert seen["dialogs"] == ["raw"], seen
    else:
        assert any("tracker.example" in url for url in seen["refused"]), seen
    assert checked_logo(name, (logo_site / "raw" / name).read_bytes()).refusal, "the check refuses it"


def test_every_hostile_variant_is_refused_by_the_check_not_built():
    variants = [(case, name, data) for case, name, data, _ in HOSTILE]
    for folder in sorted(CORPUS.glob("logo*")):
        variants += [(folder.name, path.name, path.read_bytes())
                     for path in sorted((folder / "data/districts/alpha").glob("*")) if path.is_file()]
    accepted = [case for case, name, data in variants if checked_logo(name, data).refusal is None]
    assert len(variants) > 100
    assert accepted == []
