"""MkDocs hook: puts the guide's pages and navigation, rendered by the core, into the build.

Each activity section becomes a page without a file in docs/: its source is the Markdown
the core rendered, so an activity is one YAML file. Marked `render_macros: false`, it skips
mkdocs-macros' Jinja pass, which it does not need and which would cost a template compile
per page. A real file in docs/ at the same path wins over the generated one. The core's
generated files (the district's stylesheet, logo and PDFs) are added as they are.

MkDocs' templates do not escape what they print, so every name from the data (site name,
navigation and page titles) is handed over escaped, as markupsafe.Markup so that a
template's own `| e` does not escape it twice. The district's language sets `<html lang>`
and `dir`, Material's interface language and search. Every page's content passes the
last wall (html_audit.py) before it is written. `mkdocs serve` skips the PDFs unless
GUIDE_PDF asks.
"""

from __future__ import annotations

import html
import importlib
import json
import os
import re
import sys
from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # MkDocs loads hooks by path
import macros  # noqa: E402
from macros.project import DEFAULT_EDITION, LANGUAGE_VARIABLE, PDF_VARIABLE  # noqa: E402


def core(module: str):
    """A module of the core as it is now. MkDocs loads a hook once per process, while
    `mkdocs serve` loads the core again after an edit to it (macros/__init__.py): a name
    imported here once would keep running the old code, and a rebuild would write what a
    clean build no longer writes. Looked up at each use instead (a dictionary lookup)."""
    return importlib.import_module(f"macros.{module}")

_MATERIAL_LANGUAGES = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
_HTML_TAG = re.compile(r"<html\b[^>]*>")


def on_startup(command, dirty):
    # Live previews rebuild on every edit: skip the PDFs unless the user asked for them, and
    # make the district's default edition only unless GUIDE_LANGUAGE names another or `all`.
    if command == "serve":
        os.environ.setdefault(PDF_VARIABLE, "0")
        os.environ.setdefault(LANGUAGE_VARIABLE, DEFAULT_EDITION)


def _site(config):
    return macros.built_site(config)


def _variables(config):
    return config.plugins["macros"].variables


def _list_theme_without_hidden_folders(config) -> None:
    """The theme's Jinja environment lists its files without Material's icons (theme_listing.py)."""
    make_env = config.theme.get_env

    def get_env():
        env = make_env()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:  # as MkDocs makes it; any other is left alone
            env.loader.list_templates = lambda: core("theme_listing").visible_templates(list(loader.searchpath),
                                                                                        loader.followlinks)
        return env

    config.theme.get_env = get_env


def escaped(text: str) -> Markup:
    return Markup(html.escape(core("fallback").unmark(text), quote=True))  # names and titles: words only


@event_priority(100)  # before mkdocs-macros reads docs/ and renders the PDFs from overrides/
def _refuse_links_out(config):
    """docs/ and overrides/ hold no link out of the project (MkDocs would publish what it
    leads to) and no special file: refused before anything reads them or writes the site."""
    changed = macros.adapters_changed()
    if changed:  # a hook is loaded once per process: only a new one loads the edit
        raise PluginError(f"{', '.join(changed)} changed since `mkdocs serve` started: stop it and start it "
                          "again to load the edit (the core's other files are loaded again by themselves)")
    root = Path(config.config_file_path).parent
    problems = [problem for folder in (config.docs_dir, config.theme.custom_dir) if folder
                for problem in core("published_folders").folder_problems(root, Path(folder))]
    if problems:
        raise PluginError(str(core("errors").GuideError(problems)))
    return config


def _on_config(config):
    _list_theme_without_hidden_folders(config)
    site = _site(config)
    config.site_name = escaped(site.site_name)
    config.nav = _escaped_nav(site.nav)
    if site.logo:
        config.theme["logo"] = site.logo
    config.theme["language"] = material_language(site.language)
    config.theme["direction"] = core("languages").direction(site.language)
    # The palette toggle's names are the site's own words (mkdocs.yml's are English).
    for scheme in config.theme.get("palette") or []:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if toggle and "name" in toggle:
            label = site.labels.dark_mode if scheme.get("scheme") == "default" else site.labels.light_mode
            toggle["name"] = escaped(label)
    if _variables(config).get("guide_switcher"):
        config.extra["alternate"] = core("editions").alternates(site.district, site.language, "")
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None and hasattr(search.config, "lang"):
        # Material's search chose its stemmer from the theme's language before ours was known.
        search.config.lang = [search_language(config.theme["language"])]
        index = getattr(search, "search_index", None)  # built from a copy of that config
        if index is not None and isinstance(getattr(index, "config", None), dict):
            index.config["lang"] = search.config.lang
    return config


on_config = CombinedEvent(_refuse_links_out, _on_config)


def search_language(material: str) -> str:
    """The search stemmer Material names for one of its interface languages."""
    partial = (_MATERIAL_LANGUAGES / f"{material}.html").read_text(encoding="utf-8")
    found = re.search(r'"search\.config\.lang":\s*"([^"]+)"', partial)
    return found.group(1) if found else "en"


def material_language(language: str) -> str:
    """The Material interface language nearest the district's: es-MX -> es; unknown -> en."""
    for candidate in (language, language.split("-")[0]):
        if (_MATERIAL_LANGUAGES / f"{candidate}.html").is_file():
            return candidate
    return "en"


def _escaped_nav(nav: list) -> list:
    entries = []
    for entry in nav:
        (title, target), = entry.items()
        entries.append({escaped(title): _escaped_nav(target) if isinstance(target, list) else target})
    return entries


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates, compiled once per process. Every build makes a new Jinja
    environment (each other edition's build, each `mkdocs serve` rebuild), which compiled
    Material's templates again: 0.2 s a build. Jinja checks each entry's source checksum,
    so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()  # a hook is loaded once per process


def on_env(env, config, files):
    env.bytecode_cache = _COMPILED
    env.filters["css_string"] = core("css").css_string  # names into main.html's <style>, by a CSS serializer
    return env


def on_files(files, config):
    site = _site(config)
    for path, content in site.assets.items():  # the district's stylesheet, logo and PDFs
        files.append(File.generated(config, path, content=content))
    for page in site.pages.values():
        if files.get_file_from_path(page.path) is not None:
            continue
        # The full title goes in the page's metadata for <title>; the navigation keeps the
        # short one. JSON strings are valid YAML, so any title is quoted safely.
        search = "" if page.searched else "search:\n  exclude: true\n"
        title = json.dumps(html.escape(core("fallback").unmark(page.title)))
        source = (f"---\ntitle: {title}\nrender_macros: false\n{search}---\n\n"
                  f"{page.markdown}")
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=source, inclusion=inclusion))
    return files


def on_page_content(content, page, config, files):
    if getattr(page, "wbl_reused", None) is not None:
        return content  # `mkdocs serve` reuses this page as an earlier build made it (reuse_hook.py)
    marked = core("fallback").MARK in content
    found = core("html_audit").audit(content) + (["the translation marker (a bug: English text left unmarked)"]
                                                 if marked else [])
    if found:
        raise PluginError(f"{page.file.src_uri}: refused to publish {', '.join(sorted(set(found)))}; "
                          "this is a bug in the guide's renderer, please report it")
    return content


def on_post_page(output, page, config):
    # Material writes its interface language's code; the district's own is more precise
    # (es-MX, not es), and the direction belongs on the root element too.
    if page is not None and getattr(page, "wbl_reused", None) is not None:
        return output  # made and rewritten by an earlier build (reuse_hook.py)
    site = _site(config)
    written = core("languages").direction(site.language)
    tag = f'<html lang="{html.escape(site.language)}" dir="{written}" class="no-js">'
    output = _HTML_TAG.sub(tag, output, count=1)
    if page is not None and _variables(config).get("guide_switcher"):
        output = _switch_to_this_page(output, site, page.url)
    # Material's script fetches a sitemap.xml beside every <link rel="alternate"> of the
    # head to find the same page in the other language; our switcher already links the same
    # page, and those fetches would fail (404) below the site's root. The switcher keeps
    # its hreflang links.
    return _drop_alternate_links(output)


def _drop_alternate_links(output: str) -> str:
    """Each <link rel="alternate"> with the blanks before it. (A regex starting with
    whitespace-star did the same but tried every blank of the page, 7 ms a page, a fifth
    of a build: a literal start is found fast, and rstrip() drops the same blanks.)"""
    pieces, last = [], 0
    for link in _ALTERNATE_LINK.finditer(output):
        pieces.append(output[last:link.start()].rstrip())
        last = link.end()
    return "".join(pieces) + output[last:]


def _switch_to_this_page(output: str, site, url: str) -> str:
    """The language switcher's links lead to this same page in each edition. (Material's
    `url` filter would fold the '../' that leaves a language's folder into the page's own
    path, so the links are written here, relative to the page.)"""
    depth = url.count("/") if url else 0
    for alternate in core("editions").alternates(site.district, site.language, url):
        href = "../" * depth + alternate["link"] or "./"
        output = re.sub(rf'<a href="[^"]*" hreflang="{re.escape(alternate["lang"])}" class="md-select__link">',
                        f'<a href="{html.escape(href)}" hreflang="{html.escape(alternate["lang"])}" '
                        f'lang="{html.escape(alternate["lang"])}" class="md-select__link">', output)
    return output


_ALTERNATE_LINK = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_build(config):
    """The district's other languages, each a build of its own at <site>/<code>/, from the
    editions the adapter made (and checked) before this build wrote anything."""
    others = _variables(config).get("guide_other_editions") or []  # none in their own builds
    if not others:
        return
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    asked = os.environ.get(LANGUAGE_VARIABLE)  # `all`, or unset
    for language in others:
        os.environ[LANGUAGE_VARIABLE] = language
        try:
            edition = load_config(config.config_file_path, site_dir=str(Path(config.site_dir) / language.lower()),
                                  docs_dir=config.docs_dir, strict=config.strict)
            edition.plugins.on_startup(command="build", dirty=False)
            try:
                build(edition)
            finally:
                edition.plugins.on_shutdown()
        finally:
            if asked is None:
                del os.environ[LANGUAGE_VARIABLE]
            else:
                os.environ[LANGUAGE_VARIABLE] = asked


def on_post_template(output, template_name, config):
    # Theme pages with no page of their own (404.html) get the same root element.
    return on_post_page(output, None, config) if template_name.endswith(".html") else output
