"""Data into CSS, and control characters (issue #20: hostile data, round 2).

The PDFs' running footers and the web pages' printed header hold the site name and page
titles as CSS strings in a <style> element. A value of the data reaches CSS only through
macros/base/css.py's serializer (tinycss2's, plus hex escapes for what an HTML page or a lenient
parser would read), a district's colors only as checked '#rrggbb' tokens, and no string of
any data file may hold a control character: the loader reports one where it is written.

Checked here on what a reader gets: the serializer read back by tinycss2 and by the HTML
parser WeasyPrint uses, every string of a small valid tree given a control character, and
one real build with PDFs whose site name and handout title are made of CSS.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import tinycss2
import tinyhtml5
from hypothesis import given, settings, strategies as st
from pypdf import PdfReader

from conftest import ROOT, run_build
from hostile import VALID, add_project, audit_site, pdf_findings
from test_invalid_fixtures import check_tree

from wbl_guide.base.colors import css_color, stylesheet
from wbl_guide.base.css import css_string
from wbl_guide.data.loader import parse_yaml
from wbl_guide.pdf.print_html import Meta, PrintTemplate
from wbl_guide.data.text_checks import check_value
from wbl_guide.text.text_kinds import KINDS

XHTML = "{http://www.w3.org/1999/xhtml}"
# What ends a CSS string or a <style> element, or tries to: mixed into any text below.
CSS_PIECES = ['"', "'", "\\", "\\\\", "<", ">", "</style>", "</STYLE ", "<!--", "-->", "}", "{", ";", ")", "url(",
              "@import", "\n", "\r", "\r\n", "\f", "\x00", "\t", "\x0b", "\x85", "\u2028", "\u2029", "\\3c ", "*/",
              "/*", "\ufffd", "\U0001f600", " ", "a", "0"]
hostile_text = st.lists(st.one_of(st.characters(), st.sampled_from(CSS_PIECES)), max_size=40).map("".join)


def read_back(text: str) -> str:
    """What a CSS parser reads from a string holding `text`: CSS has no NUL (U+FFFD)."""
    return text.replace("\x00", "\ufffd")


# --- the serializer ------------------------------------------------------------------------

@settings(max_examples=400, deadline=None)
@given(hostile_text)
def test_any_text_is_one_css_string_token_reading_back_as_itself(text):
    tokens = tinycss2.parse_component_value_list(css_string(text))
    assert [token.type for token in tokens] == ["string"]
    assert tokens[0].value == read_back(text)


@settings(max_examples=300, deadline=None)
@given(hostile_text, hostile_text)
def test_in_a_print_template_style_element_the_rules_stay_as_written(name, title):
    # The shape of overrides/print/document.html's <style>, and a rule after it.
    css = (f"@page {{ @bottom-left {{ content: {css_string(name)}; }} }}\n"
           f"@page {{ @bottom-right {{ content: {css_string(title)}; }} }}\n"
           "p { color: black }\n")
    page = tinyhtml5.parse(f"<!doctype html><html><head><style>{css}</style></head><body><p>after</p></body></html>")
    styles = [element for element in page.iter(f"{XHTML}style")]
    # The HTML parser hands the whole stylesheet to CSS: nothing ends the element early.
    assert len(styles) == 1 and styles[0].text == css
    assert [element.text for element in page.iter(f"{XHTML}p")] == ["after"]
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    assert [(rule.type, getattr(rule, "lower_at_keyword", None)) for rule in rules] == \
        [("at-rule", "page"), ("at-rule", "page"), ("qualified-rule", None)]
    for rule, text in zip(rules, (name, title)):
        inner = [r for r in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True, skip_comments=True)]
        assert [r.type for r in inner] == ["at-rule"]
        declarations = tinycss2.parse_blocks_contents(inner[0].content, skip_whitespace=True, skip_comments=True)
        assert [d.name for d in declarations] == ["content"]
        values = [v for v in declarations[0].value if v.type not in ("whitespace", "comment")]
        assert [(v.type, v.value) for v in values] == [("string", read_back(text))]


def test_the_serializer_writes_the_characters_that_end_things_as_escapes():
    written = css_string('a"b\\c\r\n\f\x00</style><!--\u2028\x85')
    assert "\r" not in written and "\n" not in written and "\f" not in written and "\x00" not in written
    assert "<" not in written and ">" not in written and "\u2028" not in written and "\x85" not in written
    assert written.startswith('"') and written.endswith('"') and written.count('"') == 3  # the one inside escaped


# --- colors -------------------------------------------------------------------------------

color = st.from_regex(r"\A#[0-9a-fA-F]{6}\Z")


@settings(max_examples=100, deadline=None)
@given(color, st.one_of(st.none(), color))
def test_the_district_colors_stylesheet_holds_only_colors(primary, accent):
    rules = tinycss2.parse_stylesheet(stylesheet(primary, accent), skip_comments=True, skip_whitespace=True)
    assert [rule.type for rule in rules] == ["qualified-rule", "qualified-rule"]
    for rule in rules:
        for declaration in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
            values = [v for v in declaration.value if v.type != "whitespace"]
            assert [v.type for v in values] == ["hash"], declaration.name


@settings(max_examples=200, deadline=None)
@given(st.one_of(hostile_text, color.map(lambda c: c + "; } x {"), color.map(lambda c: c + "\n")))
def test_nothing_but_a_color_token_reaches_the_colors_stylesheet(text):
    if re.fullmatch(r"#[0-9a-fA-F]{6}", text):
        assert css_color(text) == text.lower()
    else:
        with pytest.raises(ValueError):
            css_color(text)
        if text:  # an empty color is no color: the default's
            with pytest.raises(ValueError):
                stylesheet(text, None)


# --- control characters: refused where they are written --------------------------------------

CONTROLS = ["\x0c", "\r", "\x00", "\u2028", "\x1b", "\x85", "\x9b", "\u2029", "\x7f", "\x0b", "\x08", "\ud800"]
NAMED = {"\x0c": "U+000C (form feed)", "\r": "U+000D (carriage return)", "\x00": "U+0000 (null)",
         "\u2028": "U+2028 (line separator)", "\x1b": "U+001B (escape)", "\x07": "U+0007 (bell)",
         "\x7f": "U+007F (delete)", "\x9b": "U+009B (a control character)"}


def yaml_string(text: str) -> str:
    """`text` as a double-quoted YAML scalar, every control character written as an escape."""
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" if ord(c) > 0xff
                         else f"\\x{ord(c):02x}" for c in text) + '"'


@pytest.fixture
def tree(tmp_path) -> Path:
    shutil.copytree(VALID, tmp_path / "tree")
    return tmp_path / "tree"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("character", list(NAMED), ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("field", ["site_name", "title", "note"])
def test_a_control_character_in_a_site_name_title_or_note_is_refused_where_it_is_written(tree, field, character):
    if field == "site_name":
        file, line, key = "data/districts/alpha.yml", 2, "site_name"
        replace_in(tree / file, "site_name: Alpha Guide", f"site_name: {yaml_string('Alpha' + character + '} x{')}")
    elif field == "title":
        file, line, key = "data/activities/site-visit.yml", 2, "title"
        replace_in(tree / file, "title: Site Visit\n", f"title: {yaml_string('Site' + character + 'Visit')}\n")
    else:
        file, line, key = "data/districts/alpha.yml", 12, "notes.site-visit.confirm"
        with (tree / file).open("a", encoding="utf-8") as profile:
            profile.write(f"notes:\n  site-visit:\n    confirm: {yaml_string('Call' + character + 'first.')}\n")
    message = check_tree(tree, None)
    assert message.startswith("1 problem in the guide data:\n"), message
    assert f"  {file}:{line}:" in message
    assert f": {key}: control character {NAMED[character]} is not allowed in text\n" in message


def scalars(data, path=()):
    """('key' or 'value', path) of every string of a YAML document, in order."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield "key", path + (key,)
            yield from scalars(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from scalars(value, path + (index,))
    else:
        yield "value", path


def test_every_string_of_every_data_file_refuses_a_control_character(tree):
    """Each key and value of the valid tree in turn, given a control character (written as
    a YAML escape): the check stops with the control-character message, located in that
    file, whatever the kind of the string (text, id, address, token, term, label...)."""
    import yaml
    seen = 0
    for number, file in enumerate(sorted((tree / "data").rglob("*.yml"))):
        original = file.read_text(encoding="utf-8")
        data = yaml.load(original, Loader=yaml.BaseLoader)
        relative = file.relative_to(tree).as_posix()
        for what, path in scalars(data):
            character = CONTROLS[seen % len(CONTROLS)]
            seen += 1
            changed = yaml.load(original, Loader=yaml.BaseLoader)
            parent = changed
            for step in path[:-1]:
                parent = parent[step]
            if what == "value":
                value = parent[path[-1]]
                parent[path[-1]] = value[:1] + character + value[1:]
            else:
                items = list(parent.items())
                parent.clear()
                parent.update({(k[:1] + character + k[1:] if k == path[-1] else k): v for k, v in items})
            file.write_text(yaml.safe_dump(changed, allow_unicode=False, sort_keys=False, width=10_000),
                            encoding="utf-8")
            try:
                message = check_tree(tree, None)
            finally:
                file.write_text(original, encoding="utf-8")
            described = f"U+{ord(character):04X}"
            assert re.search(rf"^  {re.escape(relative)}:\d+:\d+: .*character {re.escape(described)} \(.*\) is not allowed in text$",
                             message, re.M), f"{relative} {what} {path} with {described}:\n{message}"
    assert seen > 100


@pytest.mark.parametrize("character", ["\x0c", "\x00", "\x1b", "\x07", "\x7f", "\x9b"], ids=lambda c: f"U+{ord(c):04X}")
def test_a_control_character_pasted_into_a_file_is_located_with_its_key(character):
    """Written as it is (not as an escape), YAML itself refuses most control characters:
    the message still names the file, line, column and key."""
    text = f"name: Alpha\ncontacts:\n  - id: help\n    name: Dana{character} Smith\n"
    _, problems = parse_yaml(text, "data/districts/alpha.yml")
    assert [str(p).splitlines()[0] for p in problems] == [
        f"data/districts/alpha.yml:4:15: contacts[0].name: control character {NAMED[character]} is not allowed in text"]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_kind_of_string_refuses_a_control_character(kind):
    """The rule stands with the kinds too (text_checks.py), for a string that reaches the
    checks other than through the loader."""
    document, _ = parse_yaml("value: x\n", "data/guide.yml")
    for character in CONTROLS:
        problems = check_value(document, ("value",), kind, f"ab{character}c", None)
        assert len(problems) == 1 and (problems[0].line, problems[0].column, problems[0].key) == (1, 8, "value")
        assert re.fullmatch(rf"(control )?character U\+{ord(character):04X} \(.+\) is not allowed in text",
                            problems[0].message), problems[0].message


# --- the print template and the renderer, whatever they are given ----------------------------

def test_a_name_the_checks_would_refuse_still_cannot_add_a_rule_to_a_pdf():
    """Behind the checks: the print template serializes whatever it is given. A form feed,
    carriage return and NUL cannot end the footer's string, so no rule is added and no file
    is embedded; the footer shows the name."""
    from wbl_guide.pdf.renderer import render_pdf
    name = "Guide\f}} body::before{content:url(file:///etc/passwd)} x{\r}\x00 @import url(file:///dev/zero);"
    meta = Meta(title="Sheet", short_title="Sheet\f} x{", subject="s", language="en", direction="ltr", paper="letter",
                site_name=name, district_name="District", contents_label="Contents")
    document = PrintTemplate(ROOT).sheet("a/handouts/sheet.md", "a/pdf/sheet.pdf", "# Sheet\n\nWords.\n", meta)
    pdf = render_pdf(document)
    reader = PdfReader(io.BytesIO(pdf.data))
    # A glyph the fonts lack (the form feed's) makes pypdf read that line as UTF-16.
    text = reader.pages[0].extract_text().replace("\x00", "")
    assert "body::before{content:url(file:///etc/passwd)} x{" in text
    assert "@import url(file:///dev/zero);" in text
    assert images(reader) == []


def images(reader: PdfReader) -> list[str]:
    """The image XObjects a PDF's pages draw, followed through form XObjects."""
    found = []

    def look(resources, where):
        xobjects = (resources or {}).get("/XObject") or {}
        for name, reference in xobjects.items():
            xobject = reference.get_object()
            if xobject.get("/Subtype") == "/Image":
                found.append(f"{where} {name}")
            elif xobject.get("/Subtype") == "/Form":
                look(xobject.get("/Resources"), f"{where} {name}")

    for number, page in enumerate(reader.pages, 1):
        look(page.get("/Resources"), f"page {number}")
    return found


# --- one real build: a district and a handout whose words are CSS ----------------------------

SITE_NAME = r'''Alpha "Guide" } body::before{content:url(file:///etc/passwd)} x{ \ ; @import url('/dev/zero')'''
HANDOUT_TITLE = r'''Sheet "}; @page{@bottom-left{content:url(file:///etc/passwd)}} \ <3 > 2'''
HANDOUT = f"""handouts:
  - id: checklist-sheet
    title: '{HANDOUT_TITLE.replace("'", "''")}'
    nav_title: Checklist
    include: [checklist-intro, before]
    tick_boxes: true
"""


@pytest.fixture(scope="module")
def css_build(tmp_path_factory):
    """The small valid tree, its site name and a handout's title made of CSS, built with
    its PDFs: one `mkdocs build --strict`."""
    root = tmp_path_factory.mktemp("css-safety") / "project"
    shutil.copytree(VALID, root)
    replace_in(root / "data/districts/alpha.yml", "site_name: Alpha Guide",
               f"site_name: '{SITE_NAME.replace(chr(39), chr(39) * 2)}'")
    with (root / "data/activities/site-visit.yml").open("a", encoding="utf-8") as activity:
        activity.write(HANDOUT)
    add_project(root)
    build = run_build(root.parent / "site", "alpha", project=root, extra_env={"GUIDE_PDF": "1"})
    assert build.returncode == 0, build.output[-3000:]
    return build


def test_the_pdf_footer_shows_the_names_as_written_and_embeds_nothing(css_build):
    pdf = css_build.site / "site-visit" / "pdf" / "checklist-sheet.pdf"
    reader = PdfReader(pdf)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert " ".join(SITE_NAME.split()) in text
    assert " ".join(HANDOUT_TITLE.split()) in text
    assert images(reader) == []
    assert pdf_findings(pdf) == []


def test_the_web_pages_print_header_holds_the_names_as_one_string_each(css_build):
    page = css_build.html("site-visit/handouts/checklist-sheet/")
    document = tinyhtml5.parse(page)
    printed = [s.text for s in document.iter(f"{XHTML}style") if s.get("media") == "print"]
    assert len(printed) == 1
    rules = tinycss2.parse_stylesheet(printed[0], skip_comments=True, skip_whitespace=True)
    assert [(r.type, r.lower_at_keyword) for r in rules] == [("at-rule", "page")]
    margins = tinycss2.parse_blocks_contents(rules[0].content, skip_comments=True, skip_whitespace=True)
    contents = {}
    for margin in margins:
        [declaration] = tinycss2.parse_blocks_contents(margin.content, skip_comments=True, skip_whitespace=True)
        values = [v for v in declaration.value if v.type != "whitespace"]
        assert [v.type for v in values] == ["string"]
        contents[margin.lower_at_keyword] = values[0].value
    assert contents == {"top-left": SITE_NAME, "top-right": f"{HANDOUT_TITLE} · Site Visit"}


def test_no_page_of_the_build_holds_what_data_must_never_make(css_build):
    assert audit_site(css_build.site) == []
