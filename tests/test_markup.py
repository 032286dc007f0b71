"""Guide Markdown, the safe subset (markup.py): what survives, what shows as text, what is refused.

Every case goes the whole way a page goes: parse -> to_markdown -> Python-Markdown with the
extensions mkdocs.yml lists, and the exact HTML is compared.
"""

from __future__ import annotations

import html
import re

import markdown
import pytest
import yaml

from conftest import ROOT
from wbl_guide.text import markup
from wbl_guide.text.addresses import GuideLink
from wbl_guide.text.html_audit import audit


def _extensions() -> tuple[list[str], dict]:
    from mkdocs.utils.yaml import get_yaml_loader  # reads mkdocs.yml's !ENV as MkDocs does
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, options), = entry.items()
            names.append(name)
            settings[name] = options or {}
        else:
            names.append(entry)
    return names, settings


EXTENSIONS, SETTINGS = _extensions()


def test_the_pages_extensions_are_the_ones_tested():
    assert {"attr_list", "md_in_html", "footnotes", "admonition", "toc"} <= set(EXTENSIONS)


def to_html(markdown_text: str) -> str:
    return markdown.markdown(markdown_text, extensions=EXTENSIONS, extension_configs=SETTINGS)


GUIDE_PAGE = "../checklist/"


def resolve(link: markup.Link) -> str:
    """Outside addresses as written; pages of the guide as a page-relative address."""
    return link.address if link.target is None else GUIDE_PAGE + (f"#{link.target.fragment}"
                                                                  if link.target.fragment else "")


def render(text: str) -> tuple[str, list[str]]:
    parsed = markup.parse(text)
    return to_html(markup.to_markdown(parsed.nodes, resolve)), [issue.message for issue in parsed.issues]


def shown(text: str) -> str:
    """The HTML of a text that must render with no issue."""
    result, issues = render(text)
    assert issues == [], issues
    assert audit(result) == []
    return result


# What survives: emphasis, strong, links -------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("*em* and **strong**", "<p><em>em</em> and <strong>strong</strong></p>"),
    ("_em_ and __strong__", "<p><em>em</em> and <strong>strong</strong></p>"),
    ("**strong *em* in**", "<p><strong>strong <em>em</em> in</strong></p>"),
    ("*em **strong** in*", "<p><em>em <strong>strong</strong> in</em></p>"),
    ("Use O*NET OnLine", "<p>Use O*NET OnLine</p>"),
    ("a snake_case_name here", "<p>a snake_case_name here</p>"),
    ("a * b * c", "<p>a * b * c</p>"),
    ("x** y**", "<p>x** y**</p>"),
    ("[a link](https://example.org/a_b)", '<p><a href="https://example.org/a_b">a link</a></p>'),
    ("[x](https://x.org/?a=1&b=2)", '<p><a href="https://x.org/?a=1&amp;b=2">x</a></p>'),
    ("[wiki](https://en.wikipedia.org/wiki/Foo_(bar))",
     '<p><a href="https://en.wikipedia.org/wiki/Foo_(bar)">wiki</a></p>'),
    ("[mail](mailto:x@y.org) or [call](tel:+1-555-0100)",
     '<p><a href="mailto:x@y.org">mail</a> or <a href="tel:+1-555-0100">call</a></p>'),
    ("see [the *list*](/informational-interview/checklist/#prep)",
     '<p>see <a href="../checklist/#prep">the <em>list</em></a></p>'),
    ("*[em link](https://x.org)*", '<p><em><a href="https://x.org">em link</a></em></p>'),
    ("**[strong](https://x.org)** after", '<p><strong><a href="https://x.org">strong</a></strong> after</p>'),
    ("[a <b> c](https://x.org)", '<p><a href="https://x.org">a &lt;b&gt; c</a></p>'),
    ("two\nlines", "<p>two lines</p>"),
])
def test_what_survives(text, expected):
    assert shown(text) == expected


def test_a_guide_link_is_parsed_as_such():
    link, = [node for node in markup.parse("[x](/informational-interview/checklist/#prep)").nodes
             if isinstance(node, markup.Link)]
    assert link.ok and link.target == GuideLink("informational-interview/checklist/", "prep")
    outside, = markup.parse("[x](https://x.org)").nodes
    assert outside.ok and outside.target is None and outside.address == "https://x.org"


def test_a_link_to_an_unpublished_page_keeps_its_words():
    parsed = markup.parse("see [the *list*](/job-shadow/checklist/) now")
    assert to_html(markup.to_markdown(parsed.nodes, lambda link: None)) == "<p>see the <em>list</em> now</p>"


# What shows as text ----------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ('x {: onmouseover="alert(1)" }', '<p>x {: onmouseover="alert(1)" }</p>'),
    ('{: onmouseover="alert(1)" }', '<p>{: onmouseover="alert(1)" }</p>'),
    ("[x](https://x.org){: onclick=y}", '<p><a href="https://x.org">x</a>{: onclick=y}</p>'),
    ("!!! note", "<p>!!! note</p>"),
    ('!!! warning "Title"', '<p>!!! warning "Title"</p>'),
    ("# x", "<p># x</p>"),
    ("## x {#id}", "<p>## x {#id}</p>"),
    ("1. x", "<p>1. x</p>"),
    ("- x", "<p>- x</p>"),
    ("+ x", "<p>+ x</p>"),
    ("> quoted", "<p>&gt; quoted</p>"),
    ("a[^1]", "<p>a[^1]</p>"),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ('"><svg onload=alert(1)>', '<p>"&gt;&lt;svg onload=alert(1)&gt;</p>'),
    ("<https://x.org>", "<p>&lt;https://x.org&gt;</p>"),
    ("&#106;avascript:", "<p>&amp;#106;avascript:</p>"),
    ("&lt;b&gt;", "<p>&amp;lt;b&amp;gt;</p>"),
    ("`code`", "<p>`code`</p>"),
    ("back\\slash", "<p>back\\slash</p>"),
    ("ends with \\", "<p>ends with \\</p>"),
    ("${learners}", "<p>${learners}</p>"),
    ("***both***", "<p>***both***</p>"),
    ("---", "<p>---</p>"),
    ("*", "<p>*</p>"),
    ("[", "<p>[</p>"),
    ("](", "<p>](</p>"),
    ("{{ x }}", "<p>{{ x }}</p>"),
])
def test_what_shows_as_text(text, expected):
    assert shown(text) == expected


def test_a_footnote_definition_is_text():
    # It may be reported (it looks like a reference-style link), but never makes a footnote.
    result, _ = render("[^1]: a footnote")
    assert result == "<p>[^1]: a footnote</p>"


def test_an_asterisk_inside_words_never_silently_italicises():
    """O*NET is a name: two mentions in one text must not italicize the words between them
    (as an underscore inside a word is a letter, snake_case). Either it shows as written,
    or the author is told."""
    result, issues = render("Search O*NET, then O*NET again.")
    assert result == "<p>Search O*NET, then O*NET again.</p>" or issues, result


def test_an_attribute_list_never_becomes_an_attribute():
    for text in ('x {: onmouseover="alert(1)" }', "*x*{: onclick=y }", "[x](https://x.org){: onclick=y }",
                 "x\n{: onclick=y }", "# x {: onclick=y }"):
        result, _ = render(text)
        assert not re.search(r"<[^>]*\son\w+=", result), result
        assert "onclick" in html.unescape(result) or "onmouseover" in html.unescape(result)


# What an author must fix -----------------------------------------------------------------

@pytest.mark.parametrize("text,message", [
    ("[x](javascript:alert(1))", "links may not use 'javascript:'"),
    ("[x](JaVaScRiPt:alert(1))", "links may not use 'javascript:'"),
    ("[x](&#106;avascript:alert(1))", "hides the scheme 'javascript:'"),
    ("[x](&#x6A;avascript:alert(1))", "hides the scheme 'javascript:'"),
    ("[x](%6Aavascript:alert(1))", "hides the scheme 'javascript:'"),
    ("[x](data:text/html,hi)", "links may not use 'data:'"),
    ("[x](vbscript:msgbox)", "links may not use 'vbscript:'"),
    ("[x](file:///etc/passwd)", "links may not use 'file:'"),
    ("[x](//evil.com)", "leads to another site"),
    ("![an image](https://e.org/a.png)", "images are not allowed"),
    ("[a [b](https://e.org) c](https://f.org)", "a link cannot hold another link"),
    ("[a][ref]", "reference-style links are not supported"),
    ("[a]: https://x.org", "reference-style links are not supported"),
    ("[](https://x.org)", "a link needs words to click on"),
    ('[x](https://x.org "title")', "cannot contain a space"),
])
def test_what_is_refused(text, message):
    result, issues = render(text)
    assert any(message in issue for issue in issues), issues
    # Whatever the author wrote, nothing with a bad scheme reaches the page.
    assert audit(result) == []
    assert "javascript" not in re.sub(r">[^<]*<", "><", result).lower()


@pytest.mark.parametrize("text", ["[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))",
                                  "[x](&#106;avascript:alert(1))", "[x](data:text/html,hi)",
                                  "[x](vbscript:msgbox)", "[x](%6Aavascript:alert(1))"])
def test_a_refused_link_shows_its_words_only(text):
    parsed = markup.parse(text)
    link, = parsed.nodes
    assert isinstance(link, markup.Link) and not link.ok
    # Even a resolver that would return anything is never asked for a refused link.
    assert to_html(markup.to_markdown(parsed.nodes, lambda l: "javascript:alert(2)")) == "<p>x</p>"


def test_an_image_stays_text():
    result, issues = render("![an image](https://e.org/a.png)")
    assert issues and "<img" not in result
    assert result == "<p>![an image](https://e.org/a.png)</p>"


def test_a_nested_link_stays_text_inside_the_outer_link():
    result, _ = render("[a [b](https://e.org) c](https://f.org)")
    assert result.count("<a ") == 1


# literal(): a district's word put into guide Markdown ------------------------------------

HOSTILE_VALUES = [
    "O*NET", "**bold**", "_under_", "snake_case", "[x](javascript:alert(1))", "[x](https://x.org)",
    "![i](https://x.org/a.png)", "<b>hi</b>", "<script>alert(1)</script>", '{: onclick="x" }',
    "&#106;avascript:", "&lt;", "C:\\Users\\x", "a\\*b", "`tick`", "${learners}", "# heading",
    "!!! note", "[^1]", "1. one", "Earn & Learn", '"><svg onload=alert(1)>', "*", "_", "[", "](", "\\",
    "WBL Connector",
]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_a_literal_value_is_inert_in_prose(value):
    text = f"Ask *the* {markup.literal(value)} today."
    parsed = markup.parse(text)
    assert parsed.issues == ()
    # Exactly the emphasis the sentence itself wrote, and nothing from the value.
    assert [type(node).__name__ for node in parsed.nodes] == ["Text", "Span", "Text"]
    assert markup.plain_text(parsed.nodes) == f"Ask the {value} today."
    result = to_html(markup.to_markdown(parsed.nodes, resolve))
    assert audit(result) == []
    assert result == f"<p>Ask <em>the</em> {html.escape(value, quote=False)} today.</p>"


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_a_literal_value_is_inert_inside_emphasis_and_link_words(value):
    text = f"**{markup.literal(value)}** and [{markup.literal(value)}](https://x.org)"
    parsed = markup.parse(text)
    assert parsed.issues == ()
    result = to_html(markup.to_markdown(parsed.nodes, resolve))
    words = html.escape(value, quote=False)
    assert result == f'<p><strong>{words}</strong> and <a href="https://x.org">{words}</a></p>'


def test_escape_shows_plain_text_exactly():
    for value in HOSTILE_VALUES:
        assert to_html(markup.escape(value)) == f"<p>{html.escape(value, quote=False)}</p>", value
