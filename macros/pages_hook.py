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
import json
import os
import re
import sys
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # MkDocs loads hooks by path
from macros.html_audit import audit  # noqa: E402
from macros.languages import direction  # noqa: E402
from macros.project import PDF_VARIABLE  # noqa: E402

_MATERIAL_LANGUAGES = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
_HTML_TAG = re.compile(r"<html\b[^>]*>")


def on_startup(command, dirty):
    # Live previews rebuild on every edit: skip the PDFs unless the user asked for them.
    if command == "serve":
        os.environ.setdefault(PDF_VARIABLE, "0")


def _site(config):
    return config.plugins["macros"].variables["guide_site"]


def escaped(text: str) -> Markup:
    return Markup(html.escape(text, quote=True))


def on_config(config):
    site = _site(config)
    config.site_name = escaped(site.site_name)
    config.nav = _escaped_nav(site.nav)
    if site.logo:
        config.theme["logo"] = site.logo
    config.theme["language"] = material_language(site.language)
    config.theme["direction"] = direction(site.language)
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None and hasattr(search.config, "lang"):
        # Material's search chose its stemmer from the theme's language before ours was known.
        search.config.lang = [search_language(config.theme["language"])]
        index = getattr(search, "search_index", None)  # built from a copy of that config
        if index is not None and isinstance(getattr(index, "config", None), dict):
            index.config["lang"] = search.config.lang
    return config


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


def on_files(files, config):
    site = _site(config)
    for path, content in site.assets.items():  # the district's stylesheet, logo and PDFs
        files.append(File.generated(config, path, content=content))
    for page in site.pages.values():
        if files.get_file_from_path(page.path) is not None:
            continue
        # The full title goes in the page's metadata for <title>; the navigation keeps the
        # short one. JSON strings are valid YAML, so any title is quoted safely.
        source = f"---\ntitle: {json.dumps(html.escape(page.title))}\nrender_macros: false\n---\n\n{page.markdown}"
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=source, inclusion=inclusion))
    return files


def on_page_content(content, page, config, files):
    found = audit(content)
    if found:
        raise PluginError(f"{page.file.src_uri}: refused to publish {', '.join(sorted(set(found)))}; "
                          "this is a bug in the guide's renderer, please report it")
    return content


def on_post_page(output, page, config):
    # Material writes its interface language's code; the district's own is more precise
    # (es-MX, not es), and the direction belongs on the root element too.
    site = _site(config)
    tag = f'<html lang="{html.escape(site.language)}" dir="{direction(site.language)}" class="no-js">'
    return _HTML_TAG.sub(tag, output, count=1)


def on_post_template(output, template_name, config):
    # Theme pages with no page of their own (404.html) get the same root element.
    return on_post_page(output, None, config) if template_name.endswith(".html") else output
