"""Hostile data, round 2 (issue #20): YAML hazards, translations, fillable forms, a
district's per-activity facts and words, and the command line.

Data files are untrusted input (an outside pull request), and so are the command's
arguments. Each probe here ends in one of two ways: a problem located at
file:line:column (and key) through GuideError, or a build whose output runs nothing and
reaches nothing outside the project. Never a traceback, never a hang, never a cost that
grows faster than the input.

The probes run the core's check in-process on small trees made from fixtures/valid (as
`wbl-guide check` does), the command through wbl_guide.cli.main, and the forms on one small
build with its PDFs, shared by the module and read with pypdf.
"""

from __future__ import annotations

import re
import shutil
import time
import traceback
from pathlib import Path

import pytest

from conftest import run_build
from hostile import add_project, pdf_findings
from wbl_guide.data import loader
from wbl_guide.cli import main
from wbl_guide.base.errors import GuideError
from wbl_guide.data.loader import MAX_DEPTH, parse_yaml
from wbl_guide.pdf.print_fields import with_fields
from wbl_guide.data.project import choose_district
from test_invalid_fixtures import check_tree

VALID = Path(__file__).parent / "fixtures" / "valid"
ALPHA = (VALID / "data/districts/alpha.yml").read_text(encoding="utf-8")
SITE_VISIT = (VALID / "data/activities/site-visit.yml").read_text(encoding="utf-8")
DISTRICT, ACTIVITY = "data/districts/alpha.yml", "data/activities/site-visit.yml"
TRANSLATION = "data/translations/es/site-visit.yml"

# Alpha published in English and Spanish: its Spanish words, and no translation file yet.
ALPHA_ES = ALPHA.replace("site_name: Alpha Guide\n", "site_name: Alpha Guide\nlanguages: [en, es]\n") + """\
translations:
  es:
    terms:
      learner: {singular: aprendiz, plural: aprendices, gender: m}
      coordinator:
        singular: Conector
        plural: Conectores
        gender: m
        long: {singular: Conector de carreras, plural: Conectores de carreras}
      data_system: TRACK
      platforms: [Zoom]
"""
# The source hashes of site-visit.yml's items (wbl-guide translate writes them).
CONFIRM, BEFORE = "013bbef7", "eddfe13d"


def tree(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def verdict(root: Path, district: str | None = None) -> str:
    """What `wbl-guide check` says of the tree; a traceback fails the test with its text."""
    try:
        return check_tree(root, district)
    except Exception:  # noqa: BLE001 - a crash is the finding
        pytest.fail("a traceback instead of a located problem:\n" + traceback.format_exc())


_LOCATED = re.compile(r"^  (data/[^:\n]+):(\d+):(\d+): ", re.M)


def located_in(message: str, file: str) -> list[tuple[int, int]]:
    """(line, column) of every problem of `message` located in `file`."""
    return [(int(m.group(2)), int(m.group(3))) for m in _LOCATED.finditer(message) if m.group(1) == file]


def refused(root: Path, file: str, fragment: str, district: str | None = None) -> str:
    message = verdict(root, district)
    assert message != "no problem found", f"accepted: {fragment}"
    assert located_in(message, file), f"not located in {file}:\n{message}"
    assert fragment in message, message
    return message


# --- YAML hazards -------------------------------------------------------------------------

def _indented(levels: int) -> str:
    return "notes:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(levels)) + " " * (levels + 1) + "v: x\n"


DEEP_PATH = "notes." + ".".join(f"k{i}" for i in range(MAX_DEPTH))
# (name, text of a file, the first problem's line, what it says). None: the wording is
# another check's (control characters); the problem is still located.
HAZARDS = [
    ("10,000 [ brackets", "a: " + "[" * 10_000 + "]" * 10_000 + "\n", 1, "a" + "[0]" * MAX_DEPTH + ": nested more"),
    ("10,000 { braces", "a: " + "{" * 10_000 + "}" * 10_000 + "\n", 1, "nested more than 40 levels deep"),
    ("10,000 [ never closed", "a: " + "[" * 10_000 + "\n", 1, "nested more than 40 levels deep"),
    ("700 levels of indentation", _indented(700), MAX_DEPTH + 2, DEEP_PATH + ": nested more than 40 levels deep"),
    ("45 levels of indentation", _indented(45), MAX_DEPTH + 2, DEEP_PATH + ": nested more than 40 levels deep"),
    ("2,000 nested list items", "".join(" " * i + "- \n" for i in range(2000)), 42, "nested more than 40 levels deep"),
    ("brackets nested in a key", "? " + "[" * 3000 + "]" * 3000 + "\n: x\n", 1, "nested more than 40 levels deep"),
    ("an alias", "a: &x [1, 2]\nb: *x\n", 2, "uses an alias"),
    ("billion laughs", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n", 2, "uses an alias"),
    ("a merge key", "a: {x: 1}\nb:\n  <<: {y: 2}\n", 3, "b.<<: a merge key ('<<') is not supported"),
    ("!!python/object/apply", "a: !!python/object/apply:os.system ['touch /tmp/pwned']\n", 1,
     "a: a YAML tag ('!!python/object/apply:os.system') is not supported"),
    ("!!python/name", "a: !!python/name:os.system ''\n", 1, "a YAML tag ('!!python/name:os.system')"),
    ("!!binary", "a: !!binary aGVsbG8=\n", 1, "a YAML tag ('!!binary')"),
    ("!!timestamp", "a: !!timestamp 2020-01-01\n", 1, "a YAML tag ('!!timestamp')"),
    ("!!set", "a: !!set {x, y}\n", 1, "a YAML tag ('!!set')"),
    ("!!int", "a: !!int 3\n", 1, "a YAML tag ('!!int')"),
    ("a custom tag", "a: !important note\n", 1, "a YAML tag ('!important')"),
    ("a verbatim tag", "a: !<tag:yaml.org,2002:python/object:os.system> x\n", 1, "a YAML tag ('!!python/object:os.system')"),
    ("a tag directive", "%TAG !e! tag:example.com,2000:\n---\na: !e!run x\n", 3, "a YAML tag ('tag:example.com,2000:run')"),
    ("a tag on a key", "!!python/name:os.system k: v\n", 1, "a YAML tag"),
    ("a duplicate key", "a: 1\nb: 2\na: 3\n", 3, "a: duplicate key 'a' (first written on line 1)"),
    ("a duplicate quoted key", "a: 1\n'a': 2\n", 2, "duplicate key 'a'"),
    ("a duplicate nested key", "x:\n  a: 1\n  a: 2\n", 3, "x.a: duplicate key 'a' (first written on line 2)"),
    ("a list as a key", "? [a, b]\n: c\n", 1, "a key must be a plain word"),
    ("a 20,000-character text", "a: " + "word " * 4000 + "\n", 1, "a: the text is 19,999 characters long"),
    ("a 300-character key", "? " + "k" * 300 + "\n: v\n", 1, "a key is 300 characters long"),
    ("a raw NUL", "a: b\x00c\n", 1, None),
    ("a raw DEL", "a: b\x7fc\n", 1, None),
    ("a NUL escape", 'a: "b\\x00c"\n', 1, None),
    ("an ESC escape", 'a: "b\\x1b[31mc"\n', 1, None),
    ("a lone surrogate escape", 'a: "\\ud800"\n', 1, None),
    ("a surrogate pair escape", 'a: "\\ud83d\\ude00"\n', 1, None),
    ("an escape past U+10FFFF", 'a: "\\U00110000"\n', 1, "the escape '\\U00110000' names no character"),
    ("an escape far past U+10FFFF", 'a: "x \\UFFFFFFFF"\n', 1, "the escape '\\UFFFFFFFF' names no character"),
    ("two documents", "a: 1\n---\nb: 2\n", 2, "a second document starts here ('---')"),
    ("a bare document marker", "---\n", 1, "is empty"),
    ("only comments", "# nothing\n", 1, "is empty"),
    ("nothing", "", 1, "is empty"),
]


@pytest.mark.parametrize("name, text, line, says", HAZARDS, ids=[h[0] for h in HAZARDS])
def test_a_yaml_hazard_is_refused_where_it_is_written(name, text, line, says):
    started = time.process_time()
    document, problems = parse_yaml(text, "data/x.yml")
    assert time.process_time() - started < 10
    assert problems, f"{name}: accepted"
    first = str(sorted(problems)[0])
    assert re.match(rf"data/x\.yml:{line}:\d+: ", first), first
    if says is not None:
        assert says in first, first


@pytest.mark.parametrize("name, text", [
    ("billion laughs", "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"),
    ("a tag", "a: !!python/object/apply:os.system ['id']\n"),
    ("deep brackets", "a: " + "[" * 5000 + "]" * 5000 + "\n"),
    ("an escape past U+10FFFF", 'a: "\\U00110000"\n'),
    ("a lone surrogate escape", 'a: "\\udfff"\n'),
    ("a merge key", "<<: {a: b}\n"),
], ids=lambda v: v if len(v) < 40 else None)
def test_the_python_reader_refuses_what_the_fast_one_does(name, text, monkeypatch):
    """Without libyaml (or after it fails, to describe an error) PyYAML's own reader reads
    the file: it must refuse the same things, located."""
    monkeypatch.setattr(loader, "CParser", None)
    loader._parsed.cache_clear()
    try:
        document, problems = parse_yaml(text, "data/x.yml")
    finally:
        loader._parsed.cache_clear()
    assert problems and re.match(r"data/x\.yml:\d+:\d+: ", str(problems[0])), problems


def test_every_value_is_read_as_text_whatever_it_looks_like():
    document, problems = parse_yaml("1: 2\n~: null\nyes: No\n2024-09-01: 0x1F\n", "data/x.yml")
    assert problems == []
    assert document.data == {"1": "2", "~": "null", "yes": "No", "2024-09-01": "0x1F"}


@pytest.mark.parametrize("name, content, says", [
    ("UTF-16 with its BOM", "\ufeffname: Alpha\n".encode("utf-16"), "is not UTF-8 text"),
    ("Latin-1", "name: Caf\xe9\n".encode("latin-1"), "is not UTF-8 text"),
    ("a NUL byte", b"name: Al\x00pha\nsite_name: A\n", ":1:"),
    ("a list at the top", b"- name: Alpha\n", "expected a mapping of keys at the top of the file, received a list"),
    ("text at the top", b"Alpha District\n", "expected a mapping of keys at the top of the file, received text"),
    ("a key that is a number", ALPHA.encode() + b"labels:\n  1: x\n", "labels.1: unknown label '1'"),
    ("a null key", ALPHA.encode() + b"labels:\n  ~: x\n", "unknown label '~'"),
])
def test_a_profile_that_is_no_mapping_of_words_is_refused_where_it_is_written(tmp_path, name, content, says):
    refused(tree(tmp_path, {DISTRICT: content}), DISTRICT, says)


def test_a_profile_with_a_utf8_bom_is_read():
    document, problems = parse_yaml("\ufeffname: Alpha\n".encode("utf-8").decode("utf-8-sig"), "data/x.yml")
    assert problems == [] and document.data == {"name": "Alpha"}


def _activity(items: int) -> str:
    lines = "".join(f"        - id: item-{i}\n          text: Confirm the date with the host, number {i}, "
                    f"and *check* the [room](https://example.com/{i}) with ${{learners}}.\n" for i in range(items))
    return SITE_VISIT.replace("          text: Confirm the date with the host.\n",
                              "          text: Confirm the date with the host.\n" + lines)


def test_reading_costs_what_the_file_is_long():
    """Parsing a file twice as long takes about twice as long, never its square; a file
    of a megabyte is read in well under the time a build takes (and refused as too long
    before it is parsed: loader.MAX_BYTES)."""
    def seconds(text: str) -> float:
        loader._parsed.cache_clear()
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            parse_yaml(text, "data/x.yml")
            best = min(best, time.process_time() - started)
        return best

    small, large = _activity(200), _activity(1600)
    assert len(large.encode()) < loader.MAX_BYTES
    ratio = seconds(large) / seconds(small)
    assert ratio < 8 * 2.5, f"8 times the data took {ratio:.1f} times as long"
    assert seconds(_activity(6000)) < 5


def test_checking_costs_what_the_data_is_long(tmp_path):
    """The core's whole check (every text's placeholders, Markdown, links, every page
    rendered) of an activity four times as long takes about four times as long."""
    def seconds(items: int) -> float:
        """The least of three checks: a tenth of a second is easily doubled by the garbage
        collector or a busy neighbor, and a cost that grows too fast shows in all three."""
        best = float("inf")
        for attempt in range(3):
            root = tree(tmp_path / f"{items}-{attempt}", {ACTIVITY: _activity(items)})
            (root / "data/districts/beta.yml").unlink()  # its override names an item of the valid tree
            started = time.process_time()
            assert verdict(root) == "no problem found"
            best = min(best, time.process_time() - started)
        return best

    seconds(50)  # warm: templates compiled, modules imported
    ratio = seconds(1600) / seconds(400)
    assert ratio < 4 * 2.5, f"4 times the items took {ratio:.1f} times as long"


# --- translations --------------------------------------------------------------------------

def translated(tmp_path: Path, body: str, district: str = ALPHA_ES, file: str = TRANSLATION) -> Path:
    return tree(tmp_path, {DISTRICT: district, file: body})


@pytest.mark.parametrize("name, body, says", [
    ("raw HTML", f"confirm:\n  source: {CONFIRM}\n  text: Confirmar <img src=x onerror=alert(1)>\n",
     "confirm.text: raw HTML ('<img src=x onerror=alert(1)>') is not allowed"),
    ("raw HTML in a plain title", f"before:\n  source: {BEFORE}\n  title: Antes <b onclick=x>\n",
     "before.title: raw HTML"),
    ("template code", f"before:\n  source: {BEFORE}\n  title: 'Antes {{{{ config }}}}'\n", "template code ('{{')"),
    ("an attribute list", f"confirm:\n  source: {CONFIRM}\n  text: 'Hola {{: onclick=\"x\" }}'\n",
     "an attribute list"),
    ("a javascript: link", f"confirm:\n  source: {CONFIRM}\n  text: '[x](javascript:alert(1))'\n",
     "links may not use 'javascript:'"),
    ("an entity-encoded javascript: link", f"confirm:\n  source: {CONFIRM}\n  text: '[x](&#106;avascript:alert(1))'\n",
     "confirm.text"),
    ("a data: link", f"confirm:\n  source: {CONFIRM}\n  text: '[x](data:text/html,<b>)'\n", "confirm.text"),
    ("a link to a missing page", f"confirm:\n  source: {CONFIRM}\n  text: '[x](/site-visit/nada/)'\n",
     "no page of this guide at '/site-visit/nada/'"),
    ("an image", f"confirm:\n  source: {CONFIRM}\n  text: '![x](https://example.com/x.png)'\n", "confirm.text"),
    ("an unknown placeholder", f"confirm:\n  source: {CONFIRM}\n  text: 'Hola ${{lerner}}'\n", "unknown term 'lerner'"),
    ("a control character", f'confirm:\n  source: {CONFIRM}\n  text: "Hola \\x1b[2J"\n', "confirm"),
    ("an unknown id", "nope:\n  source: 00000000\n  text: x\n", "nope: no item 'nope' in the English source"),
    ("a hash that is a path", f"confirm:\n  source: ../../etc/passwd\n  text: x\n", "confirm.source: expected `source:`"),
    ("a hash that is a list", "confirm:\n  source: [a]\n  text: x\n", "confirm.source: expected `source:`"),
    ("no hash", "confirm:\n  text: x\n", "confirm: expected `source:`"),
    ("an entry that is text", "confirm: hola\n", "confirm: expected a mapping with source:"),
    ("a text that is a mapping", f"confirm:\n  source: {CONFIRM}\n  text: {{a: b}}\n",
     "confirm.text: expected text, received a list or mapping"),
    ("a field the item has not", f"confirm:\n  source: {CONFIRM}\n  id: other\n", "'confirm' has no text 'id'"),
    ("a stale entry with raw HTML", "confirm:\n  source: 00000000\n  text: <script>alert(1)</script>\n",
     "raw HTML ('<script>')"),
    ("a duplicate entry", f"confirm:\n  source: {CONFIRM}\n  text: a\nconfirm:\n  source: {CONFIRM}\n  text: b\n",
     "duplicate key 'confirm'"),
    ("an alias", f"confirm:\n  source: {CONFIRM}\n  text: &t hola\nrecord:\n  source: 55c9493c\n  text: *t\n",
     "uses an alias"),
    ("a list at the top", "- confirm\n", "expected a mapping of keys at the top of the file"),
])
def test_hostile_translated_text_is_checked_like_the_english(tmp_path, name, body, says):
    refused(translated(tmp_path, body), TRANSLATION, says)


def test_hostile_text_in_the_translated_guide_file_is_checked(tmp_path):
    body = "labels.home:\n  source: bd64229b\n  text: <b>Inicio</b>\n"
    refused(translated(tmp_path, body, file="data/translations/es/guide.yml"), "data/translations/es/guide.yml",
            "labels.home.text: raw HTML ('<b>')")


def test_thousands_of_unknown_ids_cost_no_hint_each(tmp_path, monkeypatch):
    """Each "did you mean" compares an id with every id of the source (hundreds in a real
    activity): 12,000 unknown ids in the real internship translation took 9.7 s, now 0.9."""
    import wbl_guide.data.translations as translations

    calls = []
    monkeypatch.setattr(translations, "did_you_mean", lambda word, choices: calls.append(word))
    body = "".join(f"unknown-{i}:\n  source: 00000000\n  text: x\n" for i in range(3000))
    message = refused(translated(tmp_path, body), TRANSLATION, "unknown-0: no item 'unknown-0'")
    assert message.startswith("3000 problems")
    assert message.endswith("... and 2900 more: fix these first, then check again")
    assert len(calls) <= translations.MAX_HINTS


def test_thousands_of_unknown_contacts_in_a_language_cost_no_hint_each(tmp_path, monkeypatch):
    """2,000 contacts and 2,000 unknown ones in the Spanish section took 8 s (their
    product), 8,000 of each over two minutes."""
    import wbl_guide.data.editions as editions

    calls = []
    monkeypatch.setattr(editions, "did_you_mean", lambda word, choices: calls.append(word))
    contacts = "contacts:\n" + "".join(f"  - id: contact-{i}\n    name: Person {i}\n" for i in range(2000))
    spanish = "    contacts:\n" + "".join(f"      other-{i}: {{role: x}}\n" for i in range(2000))
    profile = ALPHA_ES.replace("translations:\n", contacts + "translations:\n") + spanish
    message = refused(tree(tmp_path, {DISTRICT: profile}), DISTRICT, "contacts.other-0: no contact with id")
    assert message.startswith("2000 problems") and len(message) < 400_000
    assert len(calls) <= 100


@pytest.mark.parametrize("name, district, says", [
    ("a section keyed by a path", ALPHA_ES + "  '../../x':\n    terms: {learner: x}\n",
     "translations.../../x: '../../x' is not a language code"),
    ("a section keyed by a folder and a path", ALPHA_ES + "  'es/../../':\n    terms: {learner: x}\n",
     "'es/../../' is not a language code"),
    ("a language that is a path", ALPHA_ES.replace("[en, es]", "[en, '../../x']"),
     "languages[1]: expected a language code such as 'en', 'es' or 'es-MX', received '../../x'"),
    ("a default language that is a path", ALPHA.replace("site_name: Alpha Guide\n", "site_name: Alpha Guide\n"
                                                        "language: ../x\n"), "language: expected a language code"),
    ("a language in capitals", ALPHA_ES.replace("[en, es]", "[en, ES]"), "languages[1]: expected a language code"),
    ("a hundred languages", ALPHA_ES.replace("[en, es]", "[en, es, " + ", ".join(
        f"es-{a}{b}" for a in "ABCDEFGHIJ" for b in "ABCDEFGHIJ") + "]"), "102 languages are listed; a guide is "
     "published in at most 10"),
])
def test_a_language_code_is_a_code_never_a_path(tmp_path, name, district, says):
    refused(tree(tmp_path, {DISTRICT: district}), DISTRICT, says)


def test_an_edition_cannot_be_published_over_an_activity(tmp_path):
    root = tree(tmp_path, {DISTRICT: ALPHA_ES.replace("[en, es]", "[en, es-MX]"),
                           "data/activities/es-mx.yml": SITE_VISIT.replace("id: site-visit", "id: es-mx")})
    refused(root, DISTRICT, "the 'es-MX' edition would be published at es-mx/, the address of the activity 'es-mx'")


def test_a_language_code_never_names_a_folder_outside_the_project(tmp_path):
    """GUIDE_LANGUAGE picks one of the district's editions, or nothing."""
    from wbl_guide.data.project import choose_language, load_project

    district = load_project(tree(tmp_path, {DISTRICT: ALPHA_ES}), ["alpha"]).districts["alpha"]
    for requested in ("../../x", "es/../..", "es\x00", "e" * 5000):
        with pytest.raises(GuideError, match="the district publishes no") as error:
            choose_language(district, requested)
        assert len(str(error.value)) < 1000 and "\x00" not in str(error.value)


# --- forms: the fillable PDFs ------------------------------------------------------------

# Words that try to close a PDF string and add an action, a backslash that tries to escape
# the closing parenthesis, a label as long as a paragraph, and ids a collection prints twice.
PDF_SYNTAX = ")>> /AA /S /JavaScript /JS (app.alert(1)) \\"
LONG_LABEL = "Why " + "really " * 150 + "did you choose this visit?"
FORMS = SITE_VISIT.replace("          text: Confirm the date with the host.\n",
                           f"          text: 'Confirm (the) date {PDF_SYNTAX}'\n") + f"""\
reflection:
  title: Reflection
  parts:
    - id: questions
      title: Questions
      items:
        - id: reflect-surprised
          text: 'What surprised you? ) /V (x) /FT /Sig'
        - id: reflect-long
          text: {LONG_LABEL}
downloads:
  title: Downloads
  bundles:
    - id: all-sheets
      title: All sheets
      include: [reflect-sheet, hours-sheet, checklist-sheet, before-sheet]
handouts:
  - id: checklist-sheet
    title: Checklist
    include: [before]
    tick_boxes: true
  - id: before-sheet
    title: Before the visit
    include: [before]
    tick_boxes: true
  - id: reflect-sheet
    title: Reflection worksheet
    include: [questions]
    writing_lines: 2
    fill_in:
      - id: visitor-name
        label: 'Your name {PDF_SYNTAX}'
  - id: hours-sheet
    title: Hours
    table:
      id: hours-log
      columns: ['Date )', 'Hours \\ (x']
      rows: ['Mon )>>']
      empty_rows: 1
    rubric:
      id: rubric
      levels: ['Low )', 'High \\']
      criteria:
        - id: rubric-attendance
          text: 'Attendance ) /S /Launch /F (calc.exe)'
    signatures:
      - id: sign-supervisor
        label: 'Supervisor \\ ( )'
"""
# Every field of each PDF, by name, with the words a screen reader announces (/TU): the
# data's words exactly as written (a Markdown text's escapes read as Markdown reads them).
CHECKLIST_FIELDS = {"confirm": f"Confirm (the) date {PDF_SYNTAX}"}
REFLECTION_FIELDS = {"reflect-surprised": "What surprised you? ) /V (x) /FT /Sig",
                     "reflect-long": LONG_LABEL.strip(), "visitor-name": f"Your name {PDF_SYNTAX}"}
HOURS_FIELDS = {"hours-log-1-2": "Mon )>>: Hours \\ (x", "hours-log-2-1": "Date ) 2",
                "hours-log-2-2": "Hours \\ (x 2",
                "rubric-attendance-level-1": "Attendance ) /S /Launch /F (calc.exe): Low )",
                "rubric-attendance-level-2": "Attendance ) /S /Launch /F (calc.exe): High \\",
                "rubric-comments": "Comments", "rubric-comments-lines": "Comments",
                "sign-supervisor": "Supervisor \\ ( )", "sign-supervisor-date": "Supervisor \\ ( ): Date"}


@pytest.fixture(scope="module")
def form_pdfs(tmp_path_factory) -> Path:
    """One small build, with its PDFs, of an activity whose worksheets say hostile words."""
    root = tree(tmp_path_factory.mktemp("forms"), {ACTIVITY: FORMS})
    (root / "data/districts/beta.yml").unlink()  # its override names an item of the valid tree
    add_project(root)
    build = run_build(root / "site", "alpha", project=root, extra_env={"GUIDE_PDF": "1"})
    assert build.returncode == 0, build.output[-3000:]
    return build.site / "site-visit" / "pdf"


def _fields(path: Path) -> dict[str, str]:
    from pypdf import PdfReader

    return {name: str(field.get("/TU")) for name, field in (PdfReader(path).get_fields() or {}).items()}


@pytest.mark.parametrize("sheet, expected", [("checklist-sheet", CHECKLIST_FIELDS),
                                             ("reflect-sheet", REFLECTION_FIELDS),
                                             ("hours-sheet", HOURS_FIELDS)])
def test_a_worksheets_fields_carry_its_words_as_text(form_pdfs, sheet, expected):
    fields = _fields(form_pdfs / f"{sheet}.pdf")
    assert fields == expected


def test_a_collection_names_a_field_printed_twice_apart(form_pdfs):
    """Two sheets of one collection tick the same item: two fields, two names, one label."""
    fields = _fields(form_pdfs / "all-sheets.pdf")
    assert fields == {**REFLECTION_FIELDS, **HOURS_FIELDS, **CHECKLIST_FIELDS,
                      "confirm-2": CHECKLIST_FIELDS["confirm"]}


def test_no_pdf_of_hostile_worksheets_has_an_action_or_a_script(form_pdfs):
    from pypdf import PdfReader

    pdfs = sorted(form_pdfs.glob("*.pdf"))
    assert len(pdfs) >= 4
    for pdf in pdfs:
        assert pdf_findings(pdf) == [], pdf.name
        assert _no_javascript_name(pdf), pdf.name
        for field in (PdfReader(pdf).get_fields() or {}).values():
            assert not {"/A", "/AA"} & set(field), (pdf.name, field.get("/T"))


def _no_javascript_name(pdf: Path) -> bool:
    """Whether /JavaScript is nowhere a key or a name of the PDF's objects (the words of a
    field may say it: they are a string)."""
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject, NameObject

    found = []

    def walk(obj, seen):
        obj = obj.get_object()
        if id(obj) in seen:
            return
        seen.add(id(obj))
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key == "/JavaScript" or (isinstance(value, NameObject) and value == "/JavaScript"):
                    found.append(key)
                walk(value, seen)
        elif isinstance(obj, list):
            for value in obj:
                walk(value, seen)

    walk(PdfReader(pdf).trailer["/Root"], set())
    return not found


@pytest.mark.parametrize("separator", ["\u2028", "\x85", "\x0c", "\r"])
def test_fields_are_placed_by_the_parsers_own_lines(separator):
    """HTMLParser counts lines at \\n alone: a line separator in the words before a place
    to write must not move its field into the middle of a tag."""
    html = (f'<p>a{separator}b{separator}c</p>\n<ul class="guide-ticks"><li id="one">First</li></ul>\n'
            '<ul class="guide-ticks"><li id="two">Second</li></ul>')
    assert with_fields(html) == (
        f'<p>a{separator}b{separator}c</p>\n<ul class="guide-ticks"><li id="one"><input type="checkbox" '
        'class="guide-field guide-field-tick" name="one" title="First">First</li></ul>\n<ul class="guide-ticks">'
        '<li id="two"><input type="checkbox" class="guide-field guide-field-tick" name="two" title="Second">'
        'Second</li></ul>')


def test_many_fields_of_one_name_cost_what_they_are_many():
    html = '<ul class="guide-ticks">' + '<li id="same">Item</li>' * 4000 + "</ul>"
    started = time.process_time()
    result = with_fields(html)
    assert time.process_time() - started < 5
    assert 'name="same-4000"' in result and 'name="same-4001"' not in result


# --- per-activity facts, overrides, hiding and district words ----------------------------

@pytest.mark.parametrize("name, extra, says", [
    ("facts for an unknown activity", "activities:\n  site-visits:\n    credit: x\n",
     "activities.site-visits: unknown activity 'site-visits'"),
    ("facts for an activity id that is a path", "activities:\n  ../../etc:\n    credit: x\n", "unknown activity"),
    ("facts that are a list", "activities:\n  site-visit: [credit]\n", "expected a mapping of keys, received a list"),
    ("facts that are text", "activities:\n  site-visit: credit\n", "expected a mapping of keys"),
    ("a fact the guide does not know", "activities:\n  site-visit:\n    hours: 10\n", "unknown key 'hours'"),
    ("a credit note that is a list", "activities:\n  site-visit:\n    credit: [a, b]\n",
     "credit: expected text, received a list"),
    ("a credit note with raw HTML", "activities:\n  site-visit:\n    credit: '<svg onload=alert(1)>'\n",
     "credit: raw HTML"),
    ("a credit note linking to javascript:", "activities:\n  site-visit:\n    credit: '[x](javascript:alert(1))'\n",
     "credit: links may not use 'javascript:'"),
    ("a credit note linking to a missing page", "activities:\n  site-visit:\n    credit: 'See [x](/nope/)'\n",
     "credit: no page of this guide at '/nope/'"),
    ("a virtual note linking to a missing item", "activities:\n  site-visit:\n    virtual: '[x](/site-visit/#nope)'\n",
     "virtual: no item with id 'nope'"),
    ("a document's link to javascript:", "activities:\n  site-visit:\n    documents:\n      - id: form\n"
     "        name: Form\n        url: 'javascript:alert(1)'\n", "documents[0].url: links may not use 'javascript:'"),
    ("a document's link to a missing page", "activities:\n  site-visit:\n    documents:\n      - id: form\n"
     "        name: Form\n        url: /nope/\n", "documents[0].url: no page of this guide at '/nope/'"),
    ("a document's id that is a path", "activities:\n  site-visit:\n    documents:\n      - id: ../x\n"
     "        name: Form\n", "documents[0].id: expected an id"),
    ("a data system with raw HTML", "activities:\n  site-visit:\n    data_system: '<b>TRACK</b>'\n",
     "data_system: raw HTML"),
    ("an override of an unknown item", "overrides:\n  site-visit:\n    nope: x\n", "no item with id 'nope'"),
    ("an override giving a paragraph a url", "overrides:\n  site-visit:\n    confirm: {url: 'https://e.com'}\n",
     "'confirm' has no field 'url' to override"),
    ("an override giving a step its due rule", "overrides:\n  site-visit:\n    month-before: {due: on the day}\n",
     "'month-before' has no field 'due' to override"),
    ("an override of an id", "overrides:\n  site-visit:\n    confirm: {id: other}\n", "has no field 'id'"),
    ("an override that is a list", "overrides:\n  site-visit:\n    confirm: [a]\n",
     "expected text, or a mapping such as {title: ...}, received a list"),
    ("an override whose text is a mapping", "overrides:\n  site-visit:\n    confirm: {text: {a: b}}\n",
     "confirm.text: expected text, received a list or mapping"),
    ("an empty override", "overrides:\n  site-visit:\n    confirm: ''\n", "expected text, received nothing"),
    ("an override with raw HTML", "overrides:\n  site-visit:\n    month-before: {when: '<b>x</b>'}\n",
     "month-before.when: raw HTML"),
    ("overrides that are a list", "overrides: [site-visit]\n", "overrides: expected a mapping of keys"),
    ("a note on an unknown item", "notes:\n  site-visit:\n    nope: x\n", "no section, part or item with id 'nope'"),
    ("hiding an unknown item", "hide:\n  site-visit: [nope]\n", "no item with id 'nope'"),
    ("hiding the overview", "hide:\n  site-visit: [overview]\n", "the overview cannot be hidden"),
    ("hiding every activity", "hide_activities: [site-visit]\n", "every activity is hidden"),
    ("a term's variant with raw HTML", None, "terms.coordinator.long: a term's value must be plain words"),
])
def test_hostile_district_facts_are_refused_where_they_are_written(tmp_path, name, extra, says):
    profile = ALPHA + extra if extra is not None else \
        ALPHA.replace("    long: Career Connector\n", "    long: '<img src=x onerror=alert(1)>'\n")
    refused(tree(tmp_path, {DISTRICT: profile}), DISTRICT, says, district="alpha")


@pytest.mark.parametrize("name, terms, says", [
    ("a variant's plural with template code", "    long: {singular: x, plural: '{{ config }}'}\n",
     "terms.coordinator.long.plural: a term's value must be plain words"),
    ("a variant's plural that is a list", "    long: {singular: x, plural: [y]}\n",
     "long.plural: expected text, received a list or mapping"),
    ("a word that is a paragraph", "    long: " + "Career Connector " * 10 + "\n",
     "terms.coordinator.long: a term's value is 169 characters long; it holds at most 120"),
])
def test_a_districts_words_are_plain_and_short(tmp_path, name, terms, says):
    profile = ALPHA.replace("    long: Career Connector\n", terms)
    refused(tree(tmp_path, {DISTRICT: profile}), DISTRICT, says)


def test_a_list_term_of_thousands_of_names_is_refused(tmp_path):
    profile = ALPHA.replace("  platforms: [Zoom]\n", "  platforms: [" + ", ".join(f"P{i}" for i in range(5000)) + "]\n")
    refused(tree(tmp_path, {DISTRICT: profile}), DISTRICT, "terms.platforms: expected at most 12 names, received 5,000")


@pytest.mark.parametrize("override, says", [
    ("hours-log: {columns: 'Date, Hours'}", "hours-log.columns: 'hours-log' has no field 'columns' to override"),
    ("hours-log: {rows: Monday}", "'hours-log' has no field 'rows' to override"),
    ("rubric: {levels: [Low, High]}", "'rubric' has no field 'levels' to override"),
    ("rubric-attendance: {text: [a, b]}", "rubric-attendance.text: expected text, received a list or mapping"),
    ("visitor-name: {label: '<b>Name</b>'}", "visitor-name.label: raw HTML"),
])
def test_an_override_never_changes_the_shape_of_a_worksheet(tmp_path, override, says):
    """A table's columns and rows and a rubric's levels are lists: an override gave them
    text, and resolving the district ended in a pydantic traceback."""
    profile = ALPHA + f"overrides:\n  site-visit:\n    {override}\n"
    root = tree(tmp_path, {ACTIVITY: FORMS, DISTRICT: profile})
    (root / "data/districts/beta.yml").unlink()
    refused(root, DISTRICT, says)


def test_a_plain_override_of_a_line_to_fill_in_rewords_its_label(tmp_path):
    profile = ALPHA + "overrides:\n  site-visit:\n    visitor-name: 'Full name ) \\\\'\n    sign-supervisor: Host\n"
    root = tree(tmp_path, {ACTIVITY: FORMS, DISTRICT: profile})
    (root / "data/districts/beta.yml").unlink()
    assert verdict(root) == "no problem found"
    from wbl_guide.data.project import load_project
    from wbl_guide.rendering.site import assemble

    site = assemble(load_project(root, ["alpha"]), "alpha")
    handouts = {h.id: h for h in site.activities[0].handouts}
    assert handouts["reflect-sheet"].fill_in[0].label == "Full name ) \\\\"
    assert handouts["hours-sheet"].signatures[0].label == "Host"


def test_hiding_everything_but_the_overview_still_builds(tmp_path):
    hidden = "checklist, timeline, about, purpose, definition, confirm, record, before, after, month-before"
    root = tree(tmp_path, {DISTRICT: ALPHA + f"hide:\n  site-visit: [{hidden}]\n"})
    assert verdict(root, "alpha") == "no problem found"
    build = run_build(tmp_path / "site", "alpha", project=add_project(root))
    assert build.returncode == 0, build.output[-2000:]
    assert (build.site / "site-visit" / "index.html").is_file()
    assert not (build.site / "site-visit" / "checklist").exists()


# --- the command line ---------------------------------------------------------------------

def _listing(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


@pytest.mark.parametrize("args, code, says", [
    (["new-district", "../x"], 1, "'../x' is not a district id"),
    (["new-district", "../../tmp/x"], 1, "is not a district id"),
    (["new-district", ""], 1, "'' is not a district id"),
    (["new-district", "x\x00y"], 1, "'x\\x00y' is not a district id"),
    (["new-district", "x\n"], 1, "'x\\n' is not a district id"),
    (["new-district", "a" * 5000], 1, "is not a district id: an id is at most 64 characters"),
    (["new-district", "\u0430lpha"], 1, "'\u0430' is cyrillic small letter a, not an ASCII letter"),
    (["new-district", "--", "-x"], 1, "'-x' is not a district id"),
    (["new-district", "alpha"], 1, "data/districts/alpha.yml: already exists; nothing was changed"),
    (["translate", "../../tmp"], 1, "wbl-guide translate ../../tmp: expected the code of a language"),
    (["translate", "es/../.."], 1, "expected the code of a language"),
    (["translate", ""], 1, "expected the code of a language"),
    (["translate", "en"], 1, "expected the code of a language to translate the English into"),
    (["translate", "es\x00"], 1, "wbl-guide translate es\\x00: expected the code"),
    (["translate", "e" * 3000], 1, "expected the code of a language"),
    (["build", "../../etc/passwd"], 1, "'../../etc/passwd' is not a district id"),
    (["build", "alpha\x00"], 1, "is not a district id"),
    (["build", "b" * 5000], 1, "is not a district id: an id is at most 64 characters"),
    (["build", "nowhere"], 1, "data/districts/nowhere.yml: no such district profile"),
    (["build", "--all", "alpha"], 2, "name the districts to build, or give --all (not both)"),
    (["build", "alpha", "--site-dir", "/"], 1, "cannot hold the built sites"),
    (["build", "alpha", "--site-dir", "x\x00"], 2, "argument --site-dir: a path cannot hold a NUL character"),
    (["--root", "x\x00", "check"], 2, "argument --root: a path cannot hold a NUL character"),
    (["nonsense"], 2, "invalid choice: 'nonsense'"),
    ([], 2, "the following arguments are required: COMMAND"),
])
def test_an_odd_argument_gets_a_message_and_writes_nothing(tmp_path, capsys, args, code, says):
    root = tree(tmp_path, {})
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    before = _listing(tmp_path)
    arguments = args if args[:1] == ["--root"] else ["--root", str(root), *args]
    try:
        returned = main(arguments)
    except SystemExit as exit_:  # argparse's own usage errors
        returned = exit_.code
    out = capsys.readouterr()
    assert "Traceback" not in out.err + out.out
    assert returned == code, out.err
    assert says in out.err, out.err
    assert _listing(tmp_path) == before
    assert len(out.err) < 2000, "a message repeats a long argument in full"


@pytest.mark.parametrize("value, says", [
    ("../x", "GUIDE_DISTRICT=../x: '../x' is not a district id"),
    ("a" * 5000, "is not a district id: an id is at most 64 characters"),
    ("x\x00", "GUIDE_DISTRICT=x\\x00: 'x\\x00' is not a district id"),
    ("x\ny", "'x\\ny' is not a district id"),
    ("alpha/../beta", "is not a district id"),
    ("\u0430lpha", "not an ASCII letter"),
    ("nowhere", "no district profile data/districts/nowhere.yml"),
])
def test_guide_district_names_a_profile_or_gets_a_message(tmp_path, value, says):
    root = tree(tmp_path, {})
    with pytest.raises(GuideError) as error:
        choose_district(root, value)
    assert says in str(error.value)
    assert len(str(error.value)) < 1000


def test_guide_district_with_a_trailing_newline_is_the_district(tmp_path):
    assert choose_district(tree(tmp_path, {}), " alpha\n") == "alpha"
