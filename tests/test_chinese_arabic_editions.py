"""New York City's Chinese and Arabic editions (issue 25), read back from real builds: every
page says its language and direction, learners' and families' pages are in the language
with the district's words, the edition says it is not reviewed yet, Chinese search cuts
words, the script's font is served by the site (only where it is used), and the PDFs are
tagged with their language, embed the script's font and fit one page."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from pdf_reading import PAPER, page_size, page_texts, read
from test_pdfs import handouts

from wbl_guide.data.paths import pdf_path

DISTRICT = "nyc"
# (folder of the edition, its language code, direction, a pattern of its script, its font in the PDFs)
EDITIONS = [("zh-hans", "zh-Hans", "ltr", r"[\u4e00-\u9fff]", "Noto-Sans-SC"),
            ("ar", "ar", "rtl", r"[\u0600-\u06ff]", "Noto-Sans-Arabic")]
PARAMS = pytest.mark.parametrize("folder,language,direction,script,font", EDITIONS, ids=[e[0] for e in EDITIONS])


@PARAMS
def test_every_page_says_its_language_and_direction(built, folder, language, direction, script, font):
    edition = built(DISTRICT).edition(folder)
    pages = edition.pages()
    assert len(pages) > 100
    for page in pages:
        root = re.search(r"<html\b[^>]*>", page.read_text(encoding="utf-8")).group(0)
        assert f'lang="{language}"' in root and f'dir="{direction}"' in root, (page, root)


@PARAMS
def test_every_page_is_in_the_language_with_the_districts_words(built, folder, language, direction, script, font):
    """Every text is translated: no English marked as English on any page, no notice
    that a page shows English, and the district's own words in the language."""
    edition = built(DISTRICT).edition(folder)
    for page in edition.pages():
        content = page.read_text(encoding="utf-8")
        assert '<span lang="en">' not in content and "guide-untranslated" not in content, page
    text = edition.all_text()
    assert len(re.findall(script, text)) > 50_000
    assert not re.search(r"\b(students?|WBL Coordinators?|learners?)\b", text), \
        re.search(r".{40}\b(students?|WBL Coordinators?|learners?)\b.{40}", text).group(0)
    handout = edition.article_text("informational-interview/handouts/preparation-sheet/")
    assert {"zh-Hans": "学生", "ar": "الطالب"}[language] in handout


@PARAMS
def test_an_edition_not_reviewed_says_so_on_its_home_page(built, folder, language, direction, script, font):
    site = built(DISTRICT)
    home = site.edition(folder).html("")
    notice = re.search(r'<p class="guide-unreviewed"[^>]*>(.*?)</p>', home, re.S)
    assert notice and re.search(script, notice.group(1)), "the home page says, in its language, it is not reviewed"
    assert "guide-unreviewed" not in site.html(""), "the English edition is the source: nothing to review"
    assert "guide-unreviewed" not in site.edition(folder).html("informational-interview/")


def test_chinese_search_index_is_cut_into_words(built):
    """Material's search splits Chinese with jieba at build time (zero-width spaces between
    words) and its separator splits there: a word is found whole."""
    index = built(DISTRICT).edition("zh-hans").search_index()
    assert "\\u200b" in index["config"]["separator"]  # Material's Chinese separator (its zh interface language)
    texts = " ".join(doc["text"] for doc in index["docs"])
    assert texts.count("\u200b") > 1000
    words = set(re.split(r"[\s\u200b\u3000\-、。，．？！；：（）“”]+", texts))
    assert {"学生", "信息", "访谈", "实习", "雇主"} <= words


@PARAMS
def test_the_scripts_font_is_served_by_the_site_where_it_is_used(built, folder, language, direction, script, font):
    site = built(DISTRICT)
    own = {"zh-hans": "noto-sans-sc", "ar": "noto-sans-arabic"}[folder]
    other = {"zh-hans": "noto-sans-arabic", "ar": "noto-sans-sc"}[folder]
    edition = site.edition(folder)
    css = (edition.site / "assets/stylesheets/guide.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\s*\{[^}]*\}", css)
    slices = [face for face in faces if own in face]
    assert slices and all("unicode-range" in face for face in slices)
    for face in slices:
        for address in re.findall(r'url\("([^"]+)"\)', face):
            assert (edition.site / "assets/stylesheets" / address).resolve().is_file(), address
    assert not (edition.site / "assets/fonts" / other).exists()
    assert not (site.site / "assets/fonts" / own).exists(), "the English edition ships no Chinese or Arabic font"
    assert (edition.site / "assets/fonts" / own / "OFL.txt").is_file()


def _ranges(css: str, family: str) -> set[int]:
    """Every character the @font-face rules of `family` in `css` cover (unicode-range)."""
    covered = set()
    for face in re.findall(r"@font-face\s*\{([^}]*)\}", css):
        if f'font-family: "{family}";' not in face:
            continue
        for low, high in re.findall(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", face):
            covered |= set(range(int(low, 16), int(high or low, 16) + 1))
    return covered


def test_chinese_pages_share_their_font_by_activity(built):
    """A Chinese page links the font stylesheet of its group (an activity's pages, or a page
    at the top alone: font_subsets.py), whose one family covers every Chinese character the
    page shows, with characters the edition's family (the site stylesheet's) has; an
    activity's pages share one stylesheet, another activity's pages another, and the files
    of the characters most pages show are the same in every group's."""
    edition = built(DISTRICT).edition("zh-hans")
    site_css = (edition.site / "assets/stylesheets/guide.css").read_text(encoding="utf-8")
    shared = _ranges(site_css, "Noto Sans SC")
    by_group: dict[str, set[str]] = {}
    files: dict[str, set[str]] = {}  # each font file, and the group stylesheets that name it
    for page in edition.pages():
        page_html = page.read_text(encoding="utf-8")
        if page.name == "404.html":
            continue  # a theme page: the site stylesheet's faces alone
        links = re.findall(r'<link rel="stylesheet" href="([^"]*assets/fonts/noto-sans-sc/pages-[a-z0-9-]+\.css)">',
                           page_html)
        assert len(links) == 1, page
        stylesheet = (page.parent / links[0]).resolve()
        by_group.setdefault(page.relative_to(edition.site).parts[0], set()).add(stylesheet.name)
        css = stylesheet.read_text(encoding="utf-8")
        family = re.search(r'--md-text-font: "(Noto Sans SC [a-z0-9-]+)";', css).group(1)
        own = _ranges(css, family)
        for address in re.findall(r'url\("([^"]+)"\)', css):
            assert (stylesheet.parent / address).is_file(), address
            files.setdefault(address, set()).add(stylesheet.name)
        shown = {ord(c) for c in re.sub(r"<[^>]+>", " ", page_html) if "\u4e00" <= c <= "\u9fff"}
        assert shown and shown <= own, (page, "".join(map(chr, sorted(shown - own)))[:40])
        assert own <= shared
    assert all(len(sheets) == 1 for sheets in by_group.values()), by_group
    assert len(by_group["informational-interview"] | by_group["job-shadow"]) == 2
    # The files of the characters on most pages are named by every group: cached once.
    everywhere = [name for name, sheets in files.items() if len(sheets) == len(set().union(*by_group.values()))]
    assert len(everywhere) >= 5, everywhere


def _fonts(reader) -> set[str]:
    found = set()
    for page in reader.pages:
        resources = page["/Resources"]
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            embedded = descriptor is not None and any(key in descriptor.get_object()
                                                      for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            assert embedded, f"{font.get('/BaseFont')} is not embedded"
            found.add(str(font.get("/BaseFont")))
    return found


@PARAMS
def test_pdfs_are_tagged_in_the_language_embed_its_font_and_fit_one_page(built_with_pdfs, folder, language,
                                                                          direction, script, font):
    edition = built_with_pdfs(DISTRICT).edition(folder)
    pdfs = {path.relative_to(edition.site).as_posix(): read(path) for path in edition.files("*.pdf")}
    assert len(pdfs) > 60
    for path, reader in pdfs.items():
        catalog = reader.trailer["/Root"]
        assert catalog["/Lang"] == language, path
        assert catalog["/MarkInfo"]["/Marked"], path
        assert "/StructTreeRoot" in catalog, path
        fonts = _fonts(reader)
        assert any(font in name for name in fonts), (path, fonts)
        text = " ".join(page_texts(reader))
        assert len(re.findall(script, text)) > 20, path
    # Every handout on one sheet of the district's paper (Letter), as in English.
    for activity, handout in handouts(DISTRICT):
        reader = pdfs[pdf_path(activity, handout)]
        assert len(reader.pages) == 1, f"{activity}/{handout} has {len(reader.pages)} pages"
        assert page_size(reader) == pytest.approx(PAPER["letter"], abs=0.5)


def test_a_cut_font_is_the_same_bytes_whenever_it_is_cut(monkeypatch):
    """The cache rule for the cut fonts (font_subsets.py): a cut made today is the cut kept
    from yesterday. fontTools would date each cut by the clock (or SOURCE_DATE_EPOCH)."""
    from wbl_guide.publishing.font_subsets import subset_faces

    text = ["<p>学生面试专业人士。</p>", "<p>学生</p>"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    first = subset_faces(ROOT, "zh-Hans", text, cache="off")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    second = subset_faces(ROOT, "zh-Hans", text, cache="off")
    assert first[1] and first == second


def test_a_file_type_reads_left_to_right_in_arabic(built):
    """"(.ics)" in a right-to-left line shows as "(ics.)" unless a left-to-right mark
    (U+200E) comes before its dot: every file type the Arabic pages name has one."""
    edition = built(DISTRICT).edition("ar")
    found = {name: 0 for name in (".ics", ".json")}
    for page in edition.pages():
        text = page.read_text(encoding="utf-8")
        for name in found:
            found[name] += text.count("(\u200e" + name)
            assert f"({name}" not in text, (page, name)
    assert all(found.values()), found
