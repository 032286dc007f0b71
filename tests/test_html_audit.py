"""The last wall (html_audit.py): what no page's content may hold, found however it is
written, and found nowhere in the real sites."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from conftest import ROOT, article, run_build
from wbl_guide.text.html_audit import _Auditor, audit, quick_scan

DISTRICTS = sorted(path.stem for path in (ROOT / "data" / "districts").glob("*.yml"))


@pytest.mark.parametrize("fragment,finding", [
    ('<a href="#" onclick="alert(1)">x</a>', "event handler (onclick=)"),
    ('<p ONMOUSEOVER="alert(1)">x</p>', "event handler (onmouseover=)"),
    ("<div onfocus=alert(1) tabindex=0>x</div>", "event handler (onfocus=)"),
    ('<br onload="x"/>', "event handler (onload=)"),
    ('<p style="background:url(javascript:alert(1))">x</p>', "style attribute"),
    ('<span STYLE="color:red">x</span>', "style attribute"),
    ("<script>alert(1)</script>", "<script>"),
    ("<SCRIPT src=//evil.com/x.js></SCRIPT>", "<script>"),
    ('<iframe src="https://evil.com"></iframe>', "<iframe>"),
    ("<object data=x></object>", "<object>"),
    ("<embed src=x>", "<embed>"),
    ("<svg><circle/></svg>", "<svg>"),
    ("<img src=x>", "<img>"),
    ("<style>*{}</style>", "<style>"),
    ('<base href="https://evil.com/">', "<base>"),
    ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "<meta>"),
    ('<a href="javascript:alert(1)">x</a>', "javascript: address in href="),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', "javascript: address in href="),
    ('<a href="&#106;avascript:alert(1)">x</a>', "javascript: address in href="),
    ('<a href="&#x6A;avascript:alert(1)">x</a>', "javascript: address in href="),
    ('<a href="java&#9;script:alert(1)">x</a>', "javascript: address in href="),
    ('<a href=" javascript:alert(1)">x</a>', "javascript: address in href="),
    ('<a href="%6Aavascript:alert(1)">x</a>', "javascript: address in href="),
    ('<a href="data:text/html,x">x</a>', "data: address in href="),
    ('<a href="vbscript:x">x</a>', "vbscript: address in href="),
    ('<form action="javascript:alert(1)"></form>', "javascript: address in action="),
    ('<button formaction="javascript:alert(1)">x</button>', "javascript: address in formaction="),
])
def test_audit_finds(fragment, finding):
    found = audit(f"<article><h1>Title</h1>{fragment}</article>")
    assert any(finding in item for item in found), found
    # The quick scan either finds something too or leaves the page to HTMLParser.
    assert quick_scan(f"<article><h1>Title</h1>{fragment}</article>") != []


def parser_findings(text: str) -> list[str]:
    auditor = _Auditor(set())
    auditor.feed(text)
    auditor.close()
    return auditor.found


# Tags, well and badly formed, with the disguises of hostile markup, and text between.
BLANKS = [" ", "\t", "\n", "\x0c", "\u00a0", "/", ""]
NAMES = ["a", "p", "span", "script", "SCRIPT", "svg", "img", "style", "x-y", "a\u00a0b"]
ATTRIBUTES = ["onclick", "ONLOAD", "on", "style", "STYLE", "href", "src", "title", "class", "data-x", "formaction"]
VALUES = ["https://x.org", "javascript:alert(1)", "java&#9;script:x", "&#106;avascript:x", "%6Aavascript:x",
          " javascript:x", "x", "", ">", "'", '"', "<", "a=b"]
QUOTES = ['"', "'", ""]
TEXT = ["x", " ", "&lt;", "&amp;", "<", ">", "<!--", "-->", "</p>", "</script >"]


@st.composite
def tags(draw):
    attributes = ""
    for _ in range(draw(st.integers(0, 3))):
        attributes += draw(st.sampled_from(BLANKS)) + draw(st.sampled_from(ATTRIBUTES))
        if draw(st.booleans()):
            quote = draw(st.sampled_from(QUOTES))
            attributes += "=" + quote + draw(st.sampled_from(VALUES)) + quote
    return (f"<{draw(st.sampled_from(NAMES))}{attributes}{draw(st.sampled_from(BLANKS))}"
            f"{draw(st.sampled_from(['', '/']))}>")


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(tags(), st.sampled_from(TEXT)), max_size=12).map("".join))
def test_the_quick_scan_passes_nothing_the_parser_would_find(text):
    """Its only shortcut: an empty list means HTMLParser would have found nothing either."""
    if quick_scan(text) == []:
        assert parser_findings(text) == []
    else:
        assert audit(text) == parser_findings(text)  # what is reported is always the parser's


@pytest.mark.parametrize("fragment", [
    '<a href="https://x.org/a?b=1&amp;c=2">x</a>',
    '<a href="mailto:x@y.org">x</a>',
    '<a href="tel:+1-555-0100">x</a>',
    '<a href="../checklist/#prep">x</a>',
    '<a href="#fn:1" class="footnote-ref">1</a>',
    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    '<p>{: onclick="alert(1)" }</p>',
    "<p>onclick=alert(1) style=x javascript:alert(1)</p>",
    '<input type="checkbox" id="x" data-label="on">',
    '<label for="x" title="javascript:alert(1)">x</label>',
])
def test_audit_passes(fragment):
    assert audit(f"<article>{fragment}</article>") == []


def test_each_finding_is_reported():
    found = audit('<p onclick="x" style="y"><script></script><a href="javascript:z">a</a></p>')
    assert len(found) == 4, found


def test_allowed_elements_are_let_through():
    assert audit("<svg><path/></svg>", allowed_elements={"svg"}) == []
    assert audit('<svg onload="x"></svg>', allowed_elements={"svg"}) != []


@pytest.mark.parametrize("district", DISTRICTS)
def test_nothing_in_any_real_page(built, district):
    build = built(district)
    pages = build.pages()
    assert len(pages) > 20
    audited = 0
    for page in pages:
        content = article(page.read_text(encoding="utf-8"))
        if not content:
            continue
        audited += 1
        assert audit(content) == [], page.relative_to(build.site)
        # Written in the strict form, every page is read by the quick scan (the speed).
        assert quick_scan(content) == [], page.relative_to(build.site)
    assert audited > 20


def test_the_build_refuses_to_publish_what_the_audit_finds(project_copy, tmp_path):
    """A hand-written page (or a renderer bug) that holds an event handler stops the build."""
    (project_copy / "docs" / "evil.md").write_text(
        '# Evil\n\n<p onclick="alert(1)">Click</p>\n', encoding="utf-8")
    build = run_build(tmp_path / "site", project=project_copy)
    assert build.returncode != 0
    assert "refused to publish" in build.output and "onclick" in build.output
    assert not (tmp_path / "site" / "evil" / "index.html").exists()
