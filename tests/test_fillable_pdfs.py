"""Fillable worksheets, on the PDFs of real builds (both bundled districts, both editions).

Every place to write on a handout (tick boxes, ruled lines, labeled lines, a table's cells,
a rubric) is also a form field of its PDF (macros/pdf/print_fields.py): named after the item or
line it answers, announced by its words (/TU), tagged as a /Form structure element, blank
until filled, and filled values are kept when the PDF is saved. The sheet stays tagged and
one page, and the site's pages get no fields.
"""

from __future__ import annotations

import functools
import io
import re
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from conftest import ROOT, SHARED_CACHE, normalize
from pdf_reading import read, structure_elements
from test_pdfs import pdfs_of, site_of

from wbl_guide.base.fallback import unmark
from wbl_guide.data.paths import pdf_path
from wbl_guide.pdf.print_fields import with_fields
from wbl_guide.publishing.publish import print_documents
from wbl_guide.rendering.render import words

DISTRICTS = ["earn-and-learn", "nyc"]
LANGUAGES = ["en", "es"]
MULTILINE = 1 << 12  # a text field's /Ff flag for several lines
WORKSHEETS = ("preparation-sheet", "reflection-worksheet")  # every activity's learner worksheets


def _site(district: str, language: str):
    """The edition as published (once per process: the tests only read it)."""
    return site_of(district, language)


@functools.cache
def _documents(district: str, language: str) -> dict:
    """The edition's print documents by PDF path, made once per process."""
    return {document.path: document for document in print_documents(_site(district, language), ROOT, cache=SHARED_CACHE)}


def _build(built_with_pdfs, district: str, language: str):
    build = built_with_pdfs(district)
    return build if language == "en" else build.edition(language)


def _handouts(site):
    """(activity, handout) of every handout the district shows."""
    return [(activity, handout) for activity in site.activities for handout in activity.handouts]


class _Places(HTMLParser):
    """The places to write in a document's print HTML, as the templates draw them."""

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, str, list[str]]] = []  # (tag, id, classes)
        self.ticks: list[str] = []  # ids of items with a tick box
        self.lines: list[str] = []  # ids of the items (or "") with ruled lines
        self.spaces = 0  # labeled lines
        self.cells = self.levels = 0  # a table's cells; a rubric's

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        parent = self.open[-1] if self.open else ("", "", [])
        if tag == "li" and parent[0] == "ul" and "guide-ticks" in parent[2]:  # a box is drawn
            self.ticks.append(attrs.get("id", ""))
        if "guide-writing" in classes:
            self.lines.append(next((ident for t, ident, _ in reversed(self.open) if t == "li"), ""))
        if "guide-fill-in-space" in classes:
            self.spaces += 1
        if tag == "td":
            table = next((c for t, _, c in reversed(self.open) if t == "table"), [])
            if "guide-rubric" in table:
                self.levels += 1
            elif "guide-form-table" in table:
                self.cells += 1
        if tag not in ("input", "br", "img", "hr"):
            self.open.append((tag, attrs.get("id", ""), classes))

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break


def places(html: str) -> _Places:
    parser = _Places()
    parser.feed(html)
    return parser


def fields_of(reader: PdfReader) -> dict[str, DictionaryObject]:
    """Every field's widget, by its name (each field here has exactly one)."""
    widgets = {}
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Widget":
                assert annotation["/T"] not in widgets, f"two fields named {annotation['/T']}"
                widgets[str(annotation["/T"])] = annotation
    return widgets


def _kind(widget) -> str:
    if widget["/FT"] == "/Btn":
        return "box"
    return "lines" if int(widget.get("/Ff", 0)) & MULTILINE else "line"


def _form_elements(reader: PdfReader) -> dict[int, str]:
    """The object number of every widget a /Form structure element holds, to its tag."""
    found = {}

    def walk(node, tag=None):
        node = node.get_object() if isinstance(node, IndirectObject) else node
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid, tag)
        elif isinstance(node, DictionaryObject):
            if node.get("/Type") == "/OBJR" and node["/Obj"].get("/Subtype") == "/Widget":
                found[node.raw_get("/Obj").idnum] = tag
            elif "/K" in node:
                walk(node["/K"], str(node.get("/S")))

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.mark.parametrize("district", DISTRICTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_place_to_write_is_a_named_labeled_field(built_with_pdfs, district, language):
    """Each handout's PDF has a field for each place its print HTML draws: a check box
    for each tick box and rubric level, a multi-line text field over each set of ruled
    lines, a one-line text field on each labeled line and table cell. A sheet with
    nowhere to write (a tip sheet) has no form at all."""
    site = _site(district, language)
    pdfs = pdfs_of(_build(built_with_pdfs, district, language))
    documents = _documents(district, language)
    fillable = 0
    for activity, handout in _handouts(site):
        path = pdf_path(activity.id, handout.id)
        reader, drawn = pdfs[path], places(documents[path].html)
        fields = fields_of(reader)
        kinds = [_kind(widget) for widget in fields.values()]
        assert kinds.count("box") == len(drawn.ticks) + drawn.levels, path
        assert kinds.count("lines") == len(drawn.lines), path
        assert kinds.count("line") == drawn.spaces + drawn.cells, path
        assert set(reader.get_fields() or {}) == set(fields), path  # every field is in the form
        if not fields:
            assert "/AcroForm" not in reader.trailer["/Root"], path
            continue
        fillable += 1
        # Named after the item or line each answers: its stable id.
        for ident in [*drawn.ticks, *(i for i in drawn.lines if i)]:
            assert ident in fields, f"{path}: no field named {ident!r}"
        for name, widget in fields.items():
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), f"{path}: field name {name!r}"
            assert str(widget.get("/TU", "")).strip(), f"{path}: field {name} has no words for screen readers"
    assert fillable >= 20, fillable


@pytest.mark.parametrize("district", DISTRICTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_learner_worksheets_ask_their_questions_by_name(built_with_pdfs, district, language):
    """The preparation sheet and reflection worksheet of every activity, from the data:
    each question's ruled lines are one text field named by the question's id and labeled
    with its words; each labeled line is a field named by its id, labeled by its label."""
    site = _site(district, language)
    pdfs = pdfs_of(_build(built_with_pdfs, district, language))
    checked = 0
    for activity, handout in _handouts(site):
        if handout.id not in WORKSHEETS:
            continue
        fields = fields_of(pdfs[pdf_path(activity.id, handout.id)])
        expected = {line.id: ("line", unmark(line.label)) for line in handout.fill_in}
        if handout.writing_lines:
            for part in handout.parts:
                expected.update({item.id: ("lines", words(item.text)) for item in part.items})
        if handout.tick_boxes:
            for part in handout.parts:
                expected.update({item.id: ("box", words(item.text)) for item in part.items})
        assert expected, f"{activity.id}/{handout.id} has nowhere to write"
        for name, (kind, label) in expected.items():
            assert name in fields, f"{activity.id}/{handout.id}: no field {name!r}"
            assert _kind(fields[name]) == kind, (activity.id, handout.id, name)
            assert normalize(str(fields[name]["/TU"])) == normalize(label), (activity.id, handout.id, name)
        checked += 1
    assert checked == 2 * len(site.activities)


def test_field_words_are_the_editions_own(built_with_pdfs):
    """A Spanish worksheet's fields keep their names and are announced in Spanish."""
    english = fields_of(pdfs_of(built_with_pdfs("nyc"))[pdf_path("job-shadow", "reflection-worksheet")])
    spanish = fields_of(pdfs_of(built_with_pdfs("nyc").edition("es"))[pdf_path("job-shadow", "reflection-worksheet")])
    assert set(spanish) == set(english)
    assert str(english["reflect-surprised"]["/TU"]) == "What surprised you about the job?"
    assert str(spanish["reflect-surprised"]["/TU"]) != str(english["reflect-surprised"]["/TU"])
    assert str(english["reflection-name"]["/TU"]) == "Your name"
    assert str(spanish["reflection-name"]["/TU"]) != "Your name"


def _worksheets(built_with_pdfs, district: str, language: str):
    """(path, bytes, reader) of every handout PDF with fields; the reader is the file's
    one reader of this process (tests/pdf_reading.py), to read only."""
    build = _build(built_with_pdfs, district, language)
    site = _site(district, language)
    for activity, handout in _handouts(site):
        path = pdf_path(activity.id, handout.id)
        reader = read(build.site / path)
        if fields_of(reader):
            yield path, (build.site / path).read_bytes(), reader


@pytest.mark.parametrize("district", DISTRICTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_blank_fields_print_nothing_over_the_sheet(built_with_pdfs, district, language):
    """Left blank, a worksheet prints as the paper sheet: its fields are empty and have no
    border or background of their own, and an unticked box draws nothing over the drawn
    one. Readers draw what the PDF holds (no /NeedAppearances), and typed text is a
    readable size."""
    for path, _, reader in _worksheets(built_with_pdfs, district, language):
        assert reader.trailer["/Root"]["/AcroForm"].get("/NeedAppearances") in (None, False), path
        for name, widget in fields_of(reader).items():
            assert int(widget["/F"]) & 4, f"{path}: {name} does not print"  # printed when filled
            assert "/BG" not in widget.get("/MK", {}), f"{path}: {name} has a background"
            if widget["/FT"] == "/Btn":
                assert widget["/V"] == widget["/AS"] == "/Off", (path, name)
                assert set(widget["/AP"]["/N"]) == {"/on"}, (path, name)  # nothing drawn when off
                assert list(widget["/Border"]) == [0, 0, 0], (path, name)
            else:
                assert widget["/FT"] == "/Tx" and widget["/V"] == "", (path, name)
                assert "/AP" not in widget, (path, name)
                style = str(widget["/DA"])
                size = float(re.search(r"/\S+ ([\d.]+) Tf", style).group(1))
                assert size >= 8, f"{path}: {name} is set at {size}pt"
                assert " gs" not in style, f"{path}: {name}: {style}"  # font, size and color only


@pytest.mark.parametrize("district", DISTRICTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_worksheets_are_tagged_forms_of_one_page(built_with_pdfs, district, language):
    """Each field's widget is in the structure tree as a /Form element, reached from its
    /StructParent, in a tagged PDF of one page."""
    for path, _, reader in _worksheets(built_with_pdfs, district, language):
        catalog = reader.trailer["/Root"]
        assert catalog["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in catalog, path
        assert len(reader.pages) == 1, path
        assert reader.pages[0]["/Tabs"] == "/S", path  # tab order follows the structure
        forms = _form_elements(reader)
        parents = catalog["/StructTreeRoot"]["/ParentTree"]["/Nums"]
        parent_of = {int(parents[i]): parents[i + 1] for i in range(0, len(parents), 2)}
        for name, widget in fields_of(reader).items():
            number = widget.indirect_reference.idnum
            assert forms.get(number) == "/Form", f"{path}: {name} is not a /Form element"
            element = parent_of[int(widget["/StructParent"])].get_object()
            assert element["/S"] == "/Form", (path, name)


@pytest.mark.parametrize("district", DISTRICTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_filled_in_worksheets_keep_their_answers(built_with_pdfs, district, language):
    """Fill every field as a PDF reader would, save, read back: the answers are there,
    drawn, and the sheet is still a tagged PDF of one page."""
    for path, data, reader in _worksheets(built_with_pdfs, district, language):
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        fields = fields_of(reader)  # the file's reader, read only: the writer fills its own copy
        answers = {name: "/on" if widget["/FT"] == "/Btn" else f"Réponse {index}: {name} ñ"
                   for index, (name, widget) in enumerate(fields.items())}
        # Only one box of every two is ticked: both states must survive.
        ticked = [name for name in answers if answers[name] == "/on"][::2]
        answers = {name: value for name, value in answers.items() if value != "/on" or name in ticked}
        writer.update_page_form_field_values(None, answers, auto_regenerate=None)
        saved = io.BytesIO()
        writer.write(saved)
        reader = PdfReader(io.BytesIO(saved.getvalue()))
        assert len(reader.pages) == 1, path
        assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in reader.trailer["/Root"]
        values = reader.get_fields()
        widgets = fields_of(reader)
        for name, widget in widgets.items():
            if widget["/FT"] == "/Btn":
                expected = "/on" if name in ticked else "/Off"
                assert values[name].get("/V") == widget["/AS"] == expected, (path, name)
            else:
                assert values[name]["/V"] == answers[name], (path, name)
                assert "/AP" in widget, f"{path}: {name} is not drawn"
                assert "/StructParent" in widget, (path, name)
        text = {name: value for name, value in reader.get_form_text_fields().items() if value}
        assert text == {name: value for name, value in answers.items() if value != "/on"}, path


def test_the_sites_pages_get_no_fields(built_with_pdfs):
    """The fields are the PDFs' only: the handout pages of the site keep their markup."""
    build = built_with_pdfs("earn-and-learn")
    page = build.html("job-shadow/handouts/reflection-worksheet/")
    assert "guide-writing-line" in page
    assert "guide-field" not in page and "<textarea" not in page


def test_fields_are_added_only_where_there_is_a_place_to_write():
    """The markup of _blocks.md.j2 in, fields out, and everything else left as it was."""
    plain = '<h1 id="t">Tips</h1>\n<ul class="guide-list" id="a-list">\n<li id="a">Be on time.</li>\n</ul>'
    assert with_fields(plain) == plain
    sheet = (
        '<ul class="guide-list guide-ticks" id="p-list">\n'
        '<li id="ask">Ask <a href="https://example.org">who</a> &amp; why. '
        '<span class="guide-note">Note: politely</span></li>\n'
        '<li id="ask">Again</li>\n</ul>\n'
        '<ul class="guide-list" id="q-list">\n'
        '<li id="q1">What &#x27;surprised&#x27; you?<span class="guide-writing" aria-hidden="true">'
        '<span class="guide-writing-line"></span></span></li>\n</ul>\n'
        '<p class="guide-fill-in-line" id="sign"><span class="guide-fill-in-label">Learner</span> '
        '<span class="guide-fill-in-space" aria-hidden="true"></span> <span class="guide-fill-in-label">Date</span> '
        '<span class="guide-fill-in-space guide-date-space" aria-hidden="true"></span></p>')
    filled = with_fields(sheet)
    assert re.sub(r"<input [^>]*>|<textarea [^>]*></textarea>|<span class=\"guide-field-area\">", "", filled) \
        .replace("</span></span></span>", "</span></span>") == sheet
    found = re.findall(r'<(input|textarea) (?:type="(\w+)" )?class="[^"]*" name="([^"]+)" title="([^"]*)"', filled)
    assert found == [
        ("input", "checkbox", "ask", "Ask who &amp; why."),
        ("input", "checkbox", "ask-2", "Again"),
        ("textarea", "", "q1", "What &#x27;surprised&#x27; you?"),
        ("input", "text", "sign", "Learner"),
        ("input", "text", "sign-date", "Learner: Date"),
    ]
    # The ruled lines and their field share one box.
    assert '<span class="guide-field-area"><textarea' in filled
    assert filled.index("</textarea>") < filled.index('<span class="guide-writing"')


# The forms issue 23 added that every district publishes (the consent forms are tested
# with a district's wording in test_forms_and_continuum.py).
NEW_FORMS = [("job-shadow", "worksite-safety-check"), ("job-shadow", "hours-sign-off"),
             ("workplace-challenge", "hours-sign-off")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_new_forms_are_one_fillable_page_on_a4_too(language):
    """Letter is the builds' paper (the tests above); A4 here, in both languages."""
    from wbl_guide.data.paths import handout_path
    from wbl_guide.pdf.pdf_cache import cache_for
    from wbl_guide.pdf.renderer import render_pdfs
    wanted = {handout_path(activity, handout) for activity, handout in NEW_FORMS}
    documents = [d for d in print_documents(_site("nyc", language), ROOT, "a4", cache=SHARED_CACHE)
                 if d.page in wanted]
    assert len(documents) == len(NEW_FORMS)
    for path, pdf in render_pdfs(documents, cache=cache_for(ROOT, documents[0].base_url, SHARED_CACHE)).items():
        reader = PdfReader(io.BytesIO(pdf.data))
        assert len(reader.pages) == 1, path
        assert "/StructTreeRoot" in reader.trailer["/Root"]
        assert len(reader.get_fields() or {}) >= 5, path


def _header_cells(reader: PdfReader) -> list:
    """The /A attributes of every table header cell (/TH) in the structure tree."""
    return [element.get("/A", {}) for element in structure_elements(reader.trailer["/Root"]["/StructTreeRoot"])
            if element.get("/S") == "/TH"]


@pytest.mark.parametrize("activity,handout", [("internship", "hours-log"), ("workplace-challenge", "judging-rubric"),
                                              ("job-shadow", "hours-sign-off")])
def test_table_header_cells_say_what_they_head(built_with_pdfs, activity, handout):
    """PDF/UA wants each header cell's /Scope (UA-15-003): the first row heads columns,
    a row's first cell heads its row, so a screen reader ties every cell to its headings."""
    reader = PdfReader(built_with_pdfs("earn-and-learn").site / pdf_path(activity, handout))
    cells = _header_cells(reader)
    assert len(cells) >= 4
    assert all(cell.get("/Scope") in ("/Column", "/Row") for cell in cells), cells
    assert any(cell.get("/Scope") == "/Column" for cell in cells)
    if handout == "judging-rubric":  # its criteria head their rows
        assert any(cell.get("/Scope") == "/Row" for cell in cells)
