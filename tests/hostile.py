"""Helpers for the hostile-data tests (issue #9: data can never run script).

Two suites use them: tests/test_hostile_corpus.py (the committed corpus in
fixtures/hostile/, each case refused with a located message or built and shown as written)
and tests/browser/test_hostile_data.py (a hostile but valid district profile, built with its
PDFs and opened in Chromium).

What is checked here is the output, whatever the core does to get there:

- `audit_html`: one built page, read as a browser's HTML parser reads it (entities
  decoded): no `on*` attribute, no `style` attribute, no script but the theme's and the
  site's own, no frame or plug-in, no address with a scheme other than http, https, mailto
  and tel, no outside image or media.
- `pdf_findings`: one PDF, read with pypdf: every link action is a /URI with one of those
  schemes or a jump inside the document, a form is plain fields with no action, and
  nothing runs JavaScript or launches anything.
- the corpus: its cases, how each is materialized into a tree, and which of them can share
  one `mkdocs build`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
HOSTILE = FIXTURES / "hostile"
VALID = FIXTURES / "valid"
PROJECT_PARTS = ("docs", "macros", "overrides", "schema")  # plus mkdocs.yml

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
# Attributes a browser follows or fetches. `data` only matters on <object>, which is
# refused anyway; every one of them is checked on every element.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "xlink:href",
                  "background", "cite", "ping", "longdesc", "lowsrc", "dynsrc", "manifest", "codebase")
# Attributes whose address is fetched as the page loads: they must stay on the site.
FETCHED_ATTRIBUTES = ("src", "data", "poster", "background", "srcset", "lowsrc", "dynsrc")
# Elements that embed another document or a plug-in, or change where links lead.
FORBIDDEN_ELEMENTS = ("iframe", "frame", "frameset", "embed", "object", "applet", "base", "portal")
# Material's own inline scripts (its base.html), by how they start. Anything else inline is
# not ours. The __config element is JSON (type application/json), never run.
THEME_INLINE_SCRIPTS = (
    "__md_scope=new URL(",
    'var palette=__md_get("__palette")',
    "var target=document.getElementById(location.hash.slice(1))",
)
# The project's own, whole (overrides/main.html): a class that lets the stylesheet keep room
# for the plan tools before the deferred scripts add them.
OWN_INLINE_SCRIPTS = ('document.documentElement.classList.add("guide-js")',)
SCRIPT_FOLDER = "assets/javascripts/"

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def scheme_of(address: str) -> str | None:
    """The scheme a browser's URL parser sees: it trims C0 controls and spaces at both ends
    and drops every tab and line break inside, so 'java\\nscript:' is javascript:. None
    for a relative address."""
    address = address.strip("".join(map(chr, range(0x21))))
    address = re.sub(r"[\t\n\r]", "", address)
    match = _SCHEME.match(address)
    return match.group(1).lower() if match else None


def leaves_the_site(address: str) -> bool:
    """Whether fetching `address` (from a page of the site) asks another host."""
    address = re.sub(r"[\t\n\r]", "", address.strip())
    return scheme_of(address) is not None or address.startswith(("//", "\\\\", "/\\", "\\/"))


@dataclass
class PageAudit:
    """What a page's HTML holds that data must never put there."""

    handlers: list[str] = field(default_factory=list)  # on* attributes
    styles: list[str] = field(default_factory=list)  # style attributes
    scripts: list[str] = field(default_factory=list)  # scripts that are not the site's own
    addresses: list[str] = field(default_factory=list)  # disallowed schemes
    fetched: list[str] = field(default_factory=list)  # images or media from another host
    elements: list[str] = field(default_factory=list)  # frames, plug-ins, <base>, refresh

    def findings(self, allow_styles: frozenset = frozenset()) -> list[str]:
        return (self.handlers + [s for s in self.styles if s.split(" style=", 1)[1] not in allow_styles]
                + self.scripts + self.addresses + self.fetched + self.elements)


class _Auditor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.audit = PageAudit()
        self._script: tuple[str, dict] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)
        if tag == "script":
            self._script = (tag, dict(attrs))
            self._script_text = []

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_data(self, data):
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self._check_script(self._script[1], "".join(self._script_text))
            self._script = None

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        audit = self.audit
        shown = f"<{tag}{''.join(f' {k}={v!r}' for k, v in attrs)[:200]}>"
        if tag in FORBIDDEN_ELEMENTS:
            audit.elements.append(f"a <{tag}> element: {shown}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                audit.handlers.append(f"an event handler attribute {name}={value!r}: {shown}")
            elif name == "style":
                audit.styles.append(f"<{tag}> style={value}")
            if name in URL_ATTRIBUTES:
                scheme = scheme_of(value)
                if scheme is not None and scheme not in ALLOWED_SCHEMES:
                    audit.addresses.append(f"{name} with the scheme {scheme}: {shown}")
            if name in FETCHED_ATTRIBUTES:
                candidates = [c.strip().split(" ")[0] for c in value.split(",")] if name == "srcset" else [value]
                if any(leaves_the_site(c) for c in candidates):
                    audit.fetched.append(f"{name} fetched from another host: {shown}")
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            audit.elements.append(f"a meta refresh: {shown}")

    def _check_script(self, attrs: dict, text: str) -> None:
        source = attrs.get("src")
        if source is not None:
            ours = not leaves_the_site(source) and SCRIPT_FOLDER in source and ".." not in source.split(SCRIPT_FOLDER, 1)[1]
            if not ours:
                self.audit.scripts.append(f"a script from {source!r}")
            return
        if attrs.get("type") == "application/json" and attrs.get("id") == "__config":
            try:
                json.loads(text)
            except ValueError:
                self.audit.scripts.append(f"Material's __config is not JSON any more: {text[:200]!r}")
            return
        if not text.strip().startswith(THEME_INLINE_SCRIPTS) and text.strip() not in OWN_INLINE_SCRIPTS:
            self.audit.scripts.append(f"an inline script that is not the theme's: {text[:200]!r}")


def audit_html(page_html: str) -> PageAudit:
    auditor = _Auditor()
    auditor.feed(page_html)
    auditor.close()
    return auditor.audit


def audit_site(site: Path, allow_styles: frozenset = frozenset()) -> list[str]:
    """Every finding of every HTML page of a built site, prefixed with the page."""
    found = []
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        found += [f"{relative}: {finding}" for finding in
                  audit_html(page.read_text(encoding="utf-8")).findings(allow_styles)]
    return found


def static_styles(site: Path) -> frozenset:
    """The style attribute values a site's HTML holds (a normal build holds none)."""
    values = set()
    for page in site.rglob("*.html"):
        values.update(s.split(" style=", 1)[1] for s in audit_html(page.read_text(encoding="utf-8")).styles)
    return frozenset(values)


def inline_scripts(site: Path) -> set[str]:
    """The text of every inline script of a built site."""
    found = set()
    for page in site.rglob("*.html"):
        for match in re.finditer(r"<script\b(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page.read_text(encoding="utf-8"), re.S):
            found.add(match.group(1))  # script text is raw: no entity is decoded
    return found


# --- PDFs -------------------------------------------------------------------------------

def pdf_findings(path: Path) -> list[str]:
    """Every link action of a PDF that is not an allowed /URI or a jump inside it, and
    anything that would run JavaScript or launch a program."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    reader = PdfReader(path)
    found: list[str] = []

    def resolve(obj):
        return obj.get_object() if isinstance(obj, IndirectObject) else obj

    def check_action(action, where: str) -> None:
        action = resolve(action)
        if not isinstance(action, DictionaryObject):
            return
        kind = str(action.get("/S", ""))
        if kind == "/URI":
            uri = str(resolve(action.get("/URI", "")))
            scheme = scheme_of(uri)
            if scheme not in ALLOWED_SCHEMES:
                found.append(f"{where}: a /URI action to {uri!r}")
        elif kind not in ("/GoTo",):
            found.append(f"{where}: a {kind or 'nameless'} action")
        following = resolve(action.get("/Next"))
        for nxt in following if isinstance(following, ArrayObject) else [following] if following else []:
            check_action(nxt, where + " (next)")

    root = resolve(reader.trailer["/Root"])
    if "/OpenAction" in root and isinstance(resolve(root["/OpenAction"]), DictionaryObject):
        check_action(root["/OpenAction"], "the document's open action")
    if "/AA" in root:
        found.append("the document has additional actions (/AA)")
    names = resolve(root.get("/Names"))
    if isinstance(names, DictionaryObject) and ("/JavaScript" in names or "/EmbeddedFiles" in names):
        found.append("the document names JavaScript or embedded files")
    # A worksheet is a fillable form (macros/pdf/print_fields.py): plain fields to type in and
    # tick, never XFA, a script, a calculation or a submit action.
    form = resolve(root.get("/AcroForm"))
    if isinstance(form, DictionaryObject):
        if "/XFA" in form:
            found.append("the form is an XFA form")
        for field in resolve(form.get("/Fields")) or []:
            field = resolve(field)
            for key in ("/A", "/AA"):
                if key in field:
                    found.append(f"form field {field.get('/T')!r} has an action ({key})")
    for number, page in enumerate(reader.pages, 1):
        if "/AA" in page:
            found.append(f"page {number} has additional actions (/AA)")
        for annotation in resolve(page.get("/Annots")) or []:
            annotation = resolve(annotation)
            where = f"page {number}, {annotation.get('/Subtype')} annotation"
            if "/A" in annotation:
                check_action(annotation["/A"], where)
            if "/AA" in annotation:
                found.append(f"{where} has additional actions (/AA)")
            if annotation.get("/Subtype") in ("/FileAttachment", "/Movie", "/Sound", "/Screen", "/RichMedia"):
                found.append(f"{where}: not a plain link or form field")
            if annotation.get("/Subtype") == "/Widget" and "/A" in annotation:
                found.append(f"{where}: a form field with an action")
    return found


def pdf_uris(path: Path) -> list[str]:
    """The /URI of every link of a PDF, in page order."""
    from pypdf import PdfReader

    uris = []
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get_object().get("/S") == "/URI":
                uris.append(str(action.get_object()["/URI"]))
    return uris


# --- The corpus -------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    """One folder of fixtures/hostile/: the files that differ from fixtures/valid/.

    README      one line: what the data tries
    district    (optional) the district to check or build; builds default to 'alpha'
    setup.json  (optional) what git cannot hold, made when the case is materialized:
                {"symlinks": {"data/...": "target"}, "files": {"data/...": "content"}}
    expected.txt        a REFUSED case: the exact located message (UPDATE_FIXTURES=1 writes it)
    page, expected-html.txt  an ESCAPED case: the page (URL path) to read and what it must
                hold: each line a verbatim HTML fragment, or `attr NAME=VALUE` (some element's
                attribute NAME has exactly VALUE once decoded), or `text TEXT` (the page's
                readable text contains TEXT), or `absent FRAGMENT` (the page must not hold it)
    """

    name: str

    @property
    def folder(self) -> Path:
        return HOSTILE / self.name

    @property
    def escaped(self) -> bool:
        return (self.folder / "page").exists()

    @property
    def district(self) -> str | None:
        file = self.folder / "district"
        return file.read_text(encoding="utf-8").strip() if file.exists() else None

    @property
    def build_district(self) -> str:
        return self.district or "alpha"

    @property
    def page(self) -> str:
        return (self.folder / "page").read_text(encoding="utf-8").strip()

    @property
    def readme(self) -> str:
        return (self.folder / "README").read_text(encoding="utf-8").strip()

    def data_files(self) -> list[str]:
        """The files under data/ the case writes (relative to the tree's root)."""
        files = [p.relative_to(self.folder).as_posix() for p in sorted((self.folder / "data").rglob("*"))
                 if p.is_file() or p.is_symlink()] if (self.folder / "data").exists() else []
        setup = self.setup()
        return files + sorted(setup.get("symlinks", {})) + sorted(setup.get("files", {}))

    def setup(self) -> dict:
        file = self.folder / "setup.json"
        return json.loads(file.read_text(encoding="utf-8")) if file.exists() else {}

    def expectations(self) -> list[tuple[str, str]]:
        """(kind, value) for each line of expected-html.txt: 'fragment', 'attr', 'text', 'absent'."""
        found = []
        for line in (self.folder / "expected-html.txt").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            kind, _, rest = line.partition(" ")
            if kind in ("attr", "text", "absent"):
                found.append((kind, rest))
            else:
                found.append(("fragment", line))
        return found


def cases() -> list[Case]:
    return [Case(p.name) for p in sorted(HOSTILE.iterdir()) if p.is_dir()]


def materialize(case: Case, root: Path, *, base: bool = True) -> Path:
    """Write the case's tree at `root`: fixtures/valid/ (when `base`), the case's data/, and
    what its setup.json makes. Returns root."""
    if base:
        shutil.copytree(VALID, root, dirs_exist_ok=True)
    if (case.folder / "data").exists():
        shutil.copytree(case.folder / "data", root / "data", dirs_exist_ok=True, symlinks=True)
    setup = case.setup()
    for relative, content in setup.get("files", {}).items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(content, encoding="utf-8")
    for relative, target in setup.get("symlinks", {}).items():
        link = root / relative
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.is_dir() and not link.is_symlink():  # a folder of the valid tree, linked out
            shutil.rmtree(link)
        elif link.exists() or link.is_symlink():
            link.unlink()
        os.symlink(target, link)
    return root


def add_project(root: Path, source: Path = ROOT) -> Path:
    """Put the project's code, theme and pages beside a data tree so that it builds."""
    for name in PROJECT_PARTS:
        if (source / name).exists():
            shutil.copytree(source / name, root / name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(source / "mkdocs.yml", root / "mkdocs.yml")
    return root


def build_groups(escaped: list[Case]) -> list[list[Case]]:
    """Escaped cases that can share one build: the same district, and no file in common."""
    groups: list[tuple[str, set[str], list[Case]]] = []
    for case in escaped:
        files = set(case.data_files())
        for district, used, members in groups:
            if district == case.build_district and not used & files:
                used |= files
                members.append(case)
                break
        else:
            groups.append((case.build_district, files, [case]))
    return [members for _, _, members in groups]


_PROBLEM_LINE = re.compile(r"^  (data/[^:\n]+):(\d+):(\d+): \S")


def located_files(message: str) -> list[str]:
    """The files the message's problems are located in (file:line:column), in order."""
    return [m.group(1) for m in map(_PROBLEM_LINE.match, message.splitlines()) if m]


def attribute_values(page_html: str, name: str) -> list[str]:
    """Every value of attribute `name` on the page, decoded as a browser decodes it."""

    class _Collect(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.values: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.values += [v or "" for k, v in attrs if k == name]

        handle_startendtag = handle_starttag

    collector = _Collect()
    collector.feed(page_html)
    collector.close()
    return collector.values


def readable_text(page_html: str) -> str:
    """The page's text as a reader sees it (scripts and styles left out), spaces collapsed."""

    class _Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            if tag in ("script", "style"):
                self.skip += 1

        def handle_endtag(self, tag):
            if tag in ("script", "style") and self.skip:
                self.skip -= 1

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    collector = _Text()
    collector.feed(page_html)
    collector.close()
    return re.sub(r"\s+", " ", "".join(collector.parts))
