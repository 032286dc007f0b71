"""A district's guide in each of its languages, on real builds: the Spanish editions of both
bundled districts at <site>/es/, their language, switcher, interface and marked English."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import article, text_of

DISTRICTS = ["earn-and-learn", "nyc"]
# Each bundled district's editions, its default first (data/districts/<id>.yml `languages:`).
EDITIONS = {"earn-and-learn": ["en", "es"], "nyc": ["en", "es", "zh-Hans", "ar"]}


def _paths(build) -> set[str]:
    return {page.relative_to(build.site).as_posix() for page in build.pages()}


@pytest.mark.parametrize("district", DISTRICTS)
def test_spanish_edition_has_every_page_at_the_same_path(built, district):
    english, spanish = built(district), built(district).edition("es")
    assert (spanish.site / "index.html").is_file()
    assert _paths(spanish) == _paths(english)
    assert "informational-interview/checklist/index.html" in _paths(spanish)
    assert (spanish.site / "search" / "search_index.json").is_file()


@pytest.mark.parametrize("district", DISTRICTS)
def test_every_page_declares_its_language(built, district):
    for build, code in ((built(district), "en"), (built(district).edition("es"), "es")):
        for page in build.pages():
            root = re.search(r"<html\b[^>]*>", page.read_text(encoding="utf-8")).group(0)
            assert f'lang="{code}"' in root and 'dir="ltr"' in root, page


class _Switcher(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and "md-select__link" in (attributes.get("class") or ""):
            self.links[attributes["hreflang"]] = attributes["href"]


@pytest.mark.parametrize("district", DISTRICTS)
def test_the_switcher_leads_to_the_same_page_in_the_other_language(built, district):
    english = built(district)
    for build in [english] + [english.edition(code.lower()) for code in EDITIONS[district][1:]]:
        for page in build.pages():
            if page.name == "404.html":
                continue
            switcher = _Switcher()
            switcher.feed(page.read_text(encoding="utf-8"))
            assert set(switcher.links) == set(EDITIONS[district]), page
            here = page.parent.relative_to(english.site).as_posix()
            for code, href in switcher.links.items():
                target = english.site / posixpath.normpath(posixpath.join(here, href)) / "index.html"
                same = page.relative_to(build.site)
                expected = (english.site if code == "en" else english.site / code.lower()) / same
                assert target.resolve() == expected.resolve(), (page, code, href)


class _Texts(HTMLParser):
    """Each element with an id, its text, and whether that text is marked as English."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []
        self.texts: dict[str, list] = {}
        self.unmarked: dict[str, list] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        english = attributes.get("lang") == "en" or (bool(self.stack) and self.stack[-1][2])
        ident = attributes.get("id") or (self.stack[-1][1] if self.stack else None)
        if tag not in ("br", "hr", "input", "img", "meta", "link"):
            self.stack.append((tag, ident, english))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][1] and data.strip():
            self.texts.setdefault(self.stack[-1][1], []).append(data)
            if not self.stack[-1][2]:
                self.unmarked.setdefault(self.stack[-1][1], []).append(data)


def _read(html: str) -> _Texts:
    parser = _Texts()
    parser.feed(article(html))
    return parser


def _words(parts) -> str:
    return " ".join(" ".join(parts).split())


FULLY_TRANSLATED = ["informational-interview"]
LEARNER_SECTIONS = ["preparation", "reflection"]


def _translated_pages(build) -> list[str]:
    pages = []
    for page in build.pages():
        relative = page.parent.relative_to(build.site).as_posix()
        activity, _, rest = relative.partition("/")
        if activity in FULLY_TRANSLATED or rest in LEARNER_SECTIONS:
            pages.append(relative + "/")
    return pages


@pytest.mark.parametrize("district", DISTRICTS)
def test_translated_sections_hold_no_english(built, district):
    """What is declared translated (the whole Informational Interview, every activity's
    preparation and reflection) shows no English text: nothing is marked as English, and
    no item's text is the English edition's."""
    english, spanish = built(district), built(district).edition("es")
    pages = _translated_pages(spanish)
    assert len(pages) >= 8 * 2 + 10
    for page in pages:
        html = spanish.html(page)
        assert 'lang="en"' not in article(html), page
        source, translated = _read(english.html(page)), _read(html)
        same = [ident for ident, parts in translated.texts.items()
                if len(_words(parts)) > 25 and _words(parts) == _words(source.texts.get(ident, []))]
        assert not same, (page, same[:3])


@pytest.mark.parametrize("district", DISTRICTS)
def test_the_spanish_edition_holds_no_english(built, district):
    """The bundled districts' Spanish is translated in full: no page's content falls back to
    English, so none carries the untranslated notice or a text marked lang="en" (where a
    fork's edition does fall back, test_untranslated_notice.py checks both)."""
    spanish = built(district).edition("es")
    pages = spanish.pages()
    assert len(pages) > 150
    fallen = [page.relative_to(spanish.site).as_posix() for page in pages
              if 'lang="en"' in article(page.read_text(encoding="utf-8"))]
    assert fallen == []


@pytest.mark.parametrize("district,learners,other", [("earn-and-learn", "aprendices", "estudiantes"),
                                                     ("nyc", "estudiantes", "aprendices")])
def test_spanish_pages_use_the_districts_spanish_words(built, district, learners, other):
    spanish = built(district).edition("es")
    text = " ".join(text_of(article(spanish.html(page))) for page in _translated_pages(spanish))
    assert learners in text.lower()
    assert other not in text.lower()
    assert "learner" not in text.lower() and "student" not in text.lower()


@pytest.mark.parametrize("district", DISTRICTS)
def test_the_interface_speaks_spanish(built, district):
    spanish = built(district).edition("es")
    home = spanish.html("")
    assert 'placeholder="Búsqueda"' in home  # Material's Spanish
    assert "Switch to dark mode" not in home and "Switch to light mode" not in home
    checklist = spanish.html("informational-interview/checklist/")
    progress = re.search(r'data-progress="([^"]*)"', checklist).group(1)
    assert "{done}" in progress and "{total}" in progress and "done" not in progress.replace("{done}", "")
    timeline = spanish.html("informational-interview/timeline/")
    assert 'data-language="es"' in timeline
    assert spanish.search_index()["config"]["lang"] == ["es"]


@pytest.mark.parametrize("district", DISTRICTS)
def test_english_editions_are_unchanged(built, district):
    english = built(district)
    home = english.html("")
    assert 'placeholder="Search"' in home
    for page in english.pages():
        assert "\ue000" not in page.read_text(encoding="utf-8")
        assert '<span lang="en">' not in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize("language,expected", [(None, ["en"]), ("es", ["es"]), ("default", ["en"])])
def test_publish_makes_only_the_edition_asked_for(monkeypatch, language, expected):
    """publish() is the one-edition front door (`wbl-guide check`, previews): it assembles
    that edition alone, never every edition to return the first."""
    import wbl_guide.publishing.publish
    from conftest import ROOT

    made = []
    real = wbl_guide.publishing.publish.assemble

    def counted(project, district_id, pdfs=None, language=None, rendered=None):
        made.append(language)
        return real(project, district_id, pdfs, language=language, rendered=rendered)

    monkeypatch.setattr(wbl_guide.publishing.publish, "assemble", counted)
    site = wbl_guide.publishing.publish.publish(ROOT, "earn-and-learn", pdf=False, language=language)
    assert made == expected and site.language == expected[0]
    made.clear()
    sites = wbl_guide.publishing.publish.publish_editions(ROOT, "earn-and-learn", pdf=False)  # every edition, default first
    assert made == ["en", "es"] and [s.language for s in sites] == ["en", "es"]
