"""Whatever an author types into any text of the data, either the data is refused with a
GuideError, or every page of the site is safe HTML: no event handler, no style, no script,
no frame, no link with a scheme other than https, http, mailto and tel. And every link in
every PDF leads to such an address.

The data is the valid fixture tree (tests/fixtures/valid/) with one string value, drawn at
random, mangled by inserting fragments of HTML and Markdown attacks.
"""

from __future__ import annotations

import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from conftest import ROOT, SHARED_CACHE
from wbl_guide.text.addresses import SCHEMES
from wbl_guide.base.errors import GuideError
from wbl_guide.text.html_audit import audit
from wbl_guide.data.project import load_project
from wbl_guide.publishing.publish import publish
from wbl_guide.rendering.site import assemble
from test_markup import to_html

FIXTURE = Path(__file__).parent / "fixtures" / "valid"
FILES = ["data/activities/site-visit.yml", "data/guide.yml", "data/districts/alpha.yml",
         "data/districts/beta.yml", "data/terms.yml"]

# Fragments the validation lets through (the renderer must make them harmless) and
# fragments it should refuse (the renderer must make them harmless all the same).
LIKELY_VALID = [
    "*", "**", "_", "__", "[", "]", "](", ")", "&", "&lt;", "&#60;", "&amp;", "${learners}", "`", "``",
    "```", "\\", "\\*", "\n", "\n\n", "\n# x\n", "\n!!! note\n", "\n    indented\n", "\n1. x\n",
    "|", "---", "O*NET", "snake_case", "[x](https://example.org/a_(b))", "[mail](mailto:x@example.org)",
    "[call](tel:+1-555-0100)", "[list](/site-visit/checklist/#confirm)", "javascript:alert(1)",
    " onclick=alert(1) ", "&#106;avascript:",
]
FRAGMENTS = [
    "<img src=x onerror=alert(1)>", '{: onclick="x" }', "{: onclick=x }", "{#id .class onclick=x}",
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](&#106;avascript:alert(1))",
    "[x](%6Aavascript:alert(1))", "[x](data:text/html,<script>alert(1)</script>)", "[x](//evil.com)",
    "[x](https://example.org/a_(b))", "[mail](mailto:x@example.org)", "[call](tel:+1-555-0100)",
    "[list](/site-visit/checklist/#confirm)", "![i](https://example.org/i.png)",
    "&#106;avascript:", "javascript:alert(1)", '"><svg onload=alert(1)>', "'><script>alert(1)</script>",
    "<script>", "</p><p onclick=x>", "<a href=javascript:x>", "<style>", "<!--", "-->", "<![CDATA[",
    "*", "**", "_", "__", "[", "]", "](", ")", "<", ">", "&", "&lt;", "&#60;", "&amp;", "${learners}",
    "${", "}", "{", "{{ x }}", "{% x %}", "`", "``", "```", "\\", "\\*", "\n", "\n\n", "\n# x\n",
    "\n!!! note\n", "\n    indented\n", "\n1. x\n", "[^1]", "\n[^1]: x\n", "[a]: https://x.org", "|", "---",
    " onclick=alert(1) ", ' style="x" ', "O*NET", "snake_case",
]


def _string_paths(node, path=()):
    if isinstance(node, str):
        yield path
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _string_paths(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _string_paths(value, path + (index,))


def _load(file: str):
    return yaml.safe_load((FIXTURE / file).read_text(encoding="utf-8"))


TARGETS = [(file, path) for file in FILES for path in _string_paths(_load(file))]
# The texts readers see (an id or a token mangled is simply refused).
TEXTS = [(file, path) for file, path in TARGETS
         if path[-1] in ("text", "title", "fallback", "note", "summary", "when", "label", "name",
                         "site_name", "title_plural", "description") or file.endswith("districts/beta.yml")
         and path[0] == "overrides"]


def test_there_is_plenty_to_mangle():
    assert len(TARGETS) > 30 and len(TEXTS) > 15
    assert set(LIKELY_VALID) <= set(FRAGMENTS)
    assert ("data/activities/site-visit.yml", ("overview", "parts", 0, "paragraphs", 0, "text")) in TARGETS


def materialize(target: Path, extra_project_files: bool = False) -> Path:
    shutil.copytree(FIXTURE, target)
    if extra_project_files:  # what printing needs: the print template and mkdocs.yml's extensions
        shutil.copytree(ROOT / "overrides", target / "overrides")
        shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def mangle(root: Path, file: str, path: tuple, inserts: list[tuple[str, int]]) -> str:
    data = yaml.safe_load((root / file).read_text(encoding="utf-8"))
    holder = data
    for step in path[:-1]:
        holder = holder[step]
    value = holder[path[-1]]
    for fragment, where in inserts:
        position = len(value) if where < 0 else where % (len(value) + 1)  # -1: at the end
        value = value[:position] + fragment + value[position:]
    holder[path[-1]] = value
    (root / file).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return value


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.handlers += [f"<{tag} {name}=>" for name, _ in attrs if name.lower().startswith("on")]

    handle_startendtag = handle_starttag


def event_handlers(page_html: str) -> list[str]:
    parser = _Attributes()
    parser.feed(page_html)
    parser.close()
    return parser.handlers


def unsafe_pages(root: Path) -> list[str] | None:
    """None when the data is refused; else every finding on every page of every district."""
    try:
        project = load_project(root)
        sites = [assemble(project, name) for name in project.districts]
    except GuideError as error:
        assert str(error).strip()
        return None
    findings = []
    for site in sites:
        assert site.pages
        for page in site.pages.values():
            page_html = to_html(page.markdown)
            findings += [f"{site.district_id}/{page.path}: {item}" for item in audit(page_html)]
            findings += [f"{site.district_id}/{page.path}: {item}" for item in event_handlers(page_html)]
    return findings


@settings(max_examples=30, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(target=st.one_of(st.sampled_from(TEXTS), st.sampled_from(TARGETS)),
       inserts=st.lists(st.tuples(st.one_of(st.sampled_from(LIKELY_VALID), st.sampled_from(FRAGMENTS)),
                                  st.one_of(st.sampled_from([0, -1]), st.integers(min_value=0, max_value=10_000))),
                        min_size=1, max_size=4))
def test_any_mangled_text_is_refused_or_safe(target, inserts):
    file, path = target
    with tempfile.TemporaryDirectory() as folder:
        root = materialize(Path(folder) / "tree")
        value = mangle(root, file, path, inserts)
        findings = unsafe_pages(root)
        event("refused" if findings is None else "built")
        assert not findings, (file, path, value, findings)


# Cases the random search might miss: each fragment on its own in a rendered text.
@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_each_fragment_in_a_paragraph_is_refused_or_safe(fragment, tmp_path):
    root = materialize(tmp_path / "tree")
    mangle(root, "data/activities/site-visit.yml", ("overview", "parts", 0, "paragraphs", 0, "text"),
           [(fragment, -1)])
    assert not unsafe_pages(root)


@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_each_fragment_in_a_title_is_refused_or_safe(fragment, tmp_path):
    root = materialize(tmp_path / "tree")
    mangle(root, "data/activities/site-visit.yml", ("checklist", "parts", 0, "title"), [(fragment, 6)])
    assert not unsafe_pages(root)


# The PDFs: one mangled but valid tree, with a handout and collections to print ----------

VALID_MANGLING = " ".join([
    "*O*NET* and **strong _em_** snake_case &lt; &amp; \\ ` ``",
    "[a page](https://example.org/a_(b)?q=1&r=2#top), [mail](mailto:x@example.org),",
    "[call](tel:+1-555-0100), [plain http](http://example.org/),",
    "[the checklist](/site-visit/checklist/#confirm), [home](/), [the timeline](/site-visit/timeline/)",
    "${learners} ] ( [ ](",
])


def test_every_link_in_every_pdf_is_an_allowed_address(tmp_path):
    root = materialize(tmp_path / "tree", extra_project_files=True)
    activity_file = root / "data/activities/site-visit.yml"
    activity = yaml.safe_load(activity_file.read_text(encoding="utf-8"))
    activity["handouts"] = [{
        "id": "visit-sheet", "title": "Visit Sheet", "audience": "${Learners}",
        "intro": [{"id": "visit-sheet-intro", "text": VALID_MANGLING}],
        "include": ["before", "timeline"], "tick_boxes": "true",
        "parts": [{"id": "visit-links", "title": "Links",
                   "links": [{"id": "host-site", "title": "The host", "url": "https://example.org/host",
                              "text": VALID_MANGLING},
                             {"id": "host-checklist", "title": "Checklist", "url": "/site-visit/checklist/"}]}],
    }]
    activity["downloads"] = {"title": "Downloads", "intro": [{"id": "downloads-intro", "text": VALID_MANGLING}],
                             "bundles": [{"id": "complete-guide", "title": "Complete Guide", "complete": "true",
                                          "text": VALID_MANGLING},
                                         {"id": "sheets", "title": "Sheets", "include": ["visit-sheet", "timeline"]}]}
    activity["overview"]["parts"][0]["paragraphs"][0]["text"] += " " + VALID_MANGLING
    activity_file.write_text(yaml.safe_dump(activity, sort_keys=False, allow_unicode=True), encoding="utf-8")

    site = publish(root, "alpha", pdf=True, workers=1, cache=SHARED_CACHE)
    pdfs = {path: data for path, data in site.assets.items() if path.endswith(".pdf")}
    assert set(pdfs) == {"site-visit/pdf/visit-sheet.pdf", "site-visit/pdf/complete-guide.pdf",
                         "site-visit/pdf/sheets.pdf"}
    uris = []
    for path, data in pdfs.items():
        (tmp_path / "pdf.pdf").write_bytes(data)
        reader = PdfReader(tmp_path / "pdf.pdf")
        for page in reader.pages:
            for annotation in page.get("/Annots") or []:
                action = annotation.get_object().get("/A")
                if action is not None and "/URI" in action.get_object():
                    uris.append((path, str(action.get_object()["/URI"])))
    assert uris, "the PDFs should hold the outside links"
    bad = [(path, uri) for path, uri in uris if uri.split(":", 1)[0].lower() not in SCHEMES]
    assert bad == []
    found = {uri for _, uri in uris}
    assert {"https://example.org/a_(b)?q=1&r=2#top", "mailto:x@example.org", "tel:+1-555-0100",
            "http://example.org/", "https://example.org/host"} <= found
    # Every page of the same tree is safe, too.
    assert not unsafe_pages(root)
